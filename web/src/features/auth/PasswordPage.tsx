import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { newPasswordRules } from '../../components/passwordRules.ts';
import { errorText, useLang, useT } from '../../i18n.ts';

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
  const [error, setError] = useState<unknown>();
  const [isSaving, setIsSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    setIsSaving(true);
    setError(undefined);
    try {
      await api.post('/api/auth/password', { body: { currentPassword, newPassword } });
      message.success(t('password.done'));
      form.resetFields();
    } catch (err) {
      setError(err);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <>
      <PageTitle title={t('nav.password')} />
      <Card className="form-card">
        {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid="password-error" />}
        <Form<PasswordValues> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={newPasswordRules(t)}>
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="password-submit">
            {t('nav.password')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
