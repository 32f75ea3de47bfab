import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth.tsx';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { errorText, useLang, useT } from '../../i18n.ts';
import { useSubmit } from './useSubmit.ts';

interface LoginValues {
  username: string;
  password: string;
}

/** Only paths inside the app: never send a user to another site after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/app') ? next : '/app';
}

export default function LoginPage() {
  const t = useT();
  const { lang } = useLang();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const {
    submit,
    isSaving: isSubmitting,
    error,
  } = useSubmit(async ({ username, password }: LoginValues) => {
    await login(username.trim(), password);
    navigate(next, { replace: true });
  });

  if (state.status === 'signedIn' && !isSubmitting) return <Navigate to={next} replace />;

  return (
    <Layout className="public-layout">
      <PublicHeader showLogin={false} />
      <Layout.Content className="login-content">
        <Card className="login-card">
          <Typography.Title level={2}>{t('common.login')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error !== undefined && (
            <Alert type="error" showIcon className="block-gap" title={t('login.failed')} description={errorText(error, lang)} data-testid="login-error" />
          )}
          <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting} data-testid="login-submit">
              {t('common.login')}
            </Button>
          </Form>
          <div className="login-links">
            <Link to="/forgot-password" data-testid="login-forgot">
              {t('login.forgot')}
            </Link>
            <span>
              {t('login.noAccount')}
              <Link to="/register" data-testid="login-register">
                {t('login.register')}
              </Link>
            </span>
          </div>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
