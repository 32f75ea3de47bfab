import { Alert, App, Button, Card, Form, Input } from 'antd';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { errorText, useLang, useT } from '../../i18n.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { useSubmit } from './useSubmit.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const { submit, isSaving, error } = useSubmit(async ({ currentPassword, newPassword }: PasswordValues) => {
    await api.post('/api/auth/password', { body: { currentPassword, newPassword } });
    message.success(t('password.done'));
    form.resetFields();
  });

  return (
    <>
      <PageTitle title={t('nav.password')} />
      <Card className="form-card">
        {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid="password-error" />}
        <Form<PasswordValues> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <NewPasswordFields name="newPassword" label="password.new" testIds={{ password: 'password-new', confirm: 'password-confirm' }} />
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="password-submit">
            {t('nav.password')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
