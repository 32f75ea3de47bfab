import { Alert, Button, Card, Form, Input, Layout, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { errorText, useLang, useT } from '../../i18n.ts';
import { SmsCodeField } from './SmsCodeField.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

interface ResetValues {
  username: string;
  phone: string;
  code: string;
  newPassword: string;
  confirm: string;
}

/** 忘记密码: a code sent to the account's mobile number sets a new password; every session of the account ends. */
export default function ForgotPasswordPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<ResetValues>();
  const [error, setError] = useState<unknown>();
  const [isSaving, setIsSaving] = useState(false);
  const [isDone, setIsDone] = useState(false);

  const submit = async ({ confirm: _confirm, ...values }: ResetValues) => {
    setIsSaving(true);
    setError(undefined);
    try {
      await api.post('/api/auth/password-reset', { body: { ...values, username: values.username.trim(), phone: values.phone.trim() } });
      setIsDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Layout className="public-layout">
      <PublicHeader />
      <Layout.Content className="login-content">
        <Card className="login-card">
          {isDone ? (
            <Result
              status="success"
              title={t('forgot.done')}
              extra={
                <Link to="/login">
                  <Button type="primary">{t('common.login')}</Button>
                </Link>
              }
              data-testid="forgot-done"
            />
          ) : (
            <>
              <Typography.Title level={2}>{t('forgot.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('forgot.subtitle')}</Typography.Paragraph>
              {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid="forgot-error" />}
              <Form<ResetValues> form={form} layout="vertical" onFinish={submit}>
                <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
                  <Input autoComplete="username" data-testid="forgot-username" />
                </Form.Item>
                <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('register.phoneRule') }]}>
                  <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="forgot-phone" />
                </Form.Item>
                <SmsCodeField form={form} purpose="reset" />
                <NewPasswordFields name="newPassword" label="password.new" testIds={{ password: 'forgot-password', confirm: 'forgot-confirm' }} />
                <Button type="primary" htmlType="submit" block size="large" loading={isSaving} data-testid="forgot-submit">
                  {t('forgot.submit')}
                </Button>
              </Form>
            </>
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
