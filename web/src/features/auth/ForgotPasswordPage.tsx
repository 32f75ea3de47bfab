import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { PhoneCodeFields } from './PhoneCodeFields.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { PublicFormPage } from './PublicFormPage.tsx';
import { useSubmit } from './useSubmit.ts';

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
  const [form] = Form.useForm<ResetValues>();
  const [isDone, setIsDone] = useState(false);
  const { submit, isSaving, error } = useSubmit(async ({ confirm: _confirm, ...values }: ResetValues) => {
    await api.post('/api/auth/password-reset', { body: { ...values, username: values.username.trim(), phone: values.phone.trim() } });
    setIsDone(true);
  });

  return (
    <PublicFormPage
      title={t('forgot.title')}
      subtitle={t('forgot.subtitle')}
      error={error}
      errorTestId="forgot-error"
      done={isDone ? { title: t('forgot.done'), testId: 'forgot-done' } : undefined}
    >
      <Form<ResetValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
          <Input autoComplete="username" data-testid="forgot-username" />
        </Form.Item>
        <PhoneCodeFields form={form} purpose="reset" phoneTestId="forgot-phone" />
        <NewPasswordFields name="newPassword" label="password.new" testIds={{ password: 'forgot-password', confirm: 'forgot-confirm' }} />
        <Button type="primary" htmlType="submit" block size="large" loading={isSaving} data-testid="forgot-submit">
          {t('forgot.submit')}
        </Button>
      </Form>
    </PublicFormPage>
  );
}
