import { Button, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { PhoneCodeFields } from './PhoneCodeFields.tsx';
import { PublicFormPage } from './PublicFormPage.tsx';
import { useSubmit } from './useSubmit.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

interface RegisterValues {
  kind: 'person' | 'organisation';
  username: string;
  displayName: string;
  idNumber: string;
  phone: string;
  code: string;
  password: string;
  confirm: string;
}

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;

/**
 * 注册: a person (居民身份证号码) or an organisation (统一社会信用代码) opens an applicant account; the mobile number is
 * proved by an SMS code. The server checks the number's check character and that nobody holds it yet.
 */
export default function RegisterPage() {
  const t = useT();
  const [form] = Form.useForm<RegisterValues>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const [done, setDone] = useState<string>();
  const { submit, isSaving, error } = useSubmit(async ({ confirm: _confirm, ...values }: RegisterValues) => {
    const user = await api.create('/api/auth/register', {
      body: { ...values, username: values.username.trim(), idNumber: values.idNumber.trim().toUpperCase(), phone: values.phone.trim() },
    });
    setDone(user.username);
  });

  return (
    <PublicFormPage
      title={t('register.title')}
      subtitle={t('register.subtitle')}
      error={error}
      errorTestId="register-error"
      done={
        done
          ? { title: t('register.done'), hint: t('register.doneHint', { username: done }), testId: 'register-done', loginTestId: 'register-to-login' }
          : undefined
      }
      cardClassName="register-card"
    >
      <Form<RegisterValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'person' }}>
        <Form.Item name="kind" label={t('register.kind')}>
          <Radio.Group optionType="button" data-testid="register-kind">
            <Radio value="person">{t('register.person')}</Radio>
            <Radio value="organisation">{t('register.organisation')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="displayName"
          label={kind === 'person' ? t('register.name') : t('register.orgName')}
          rules={[{ required: true, whitespace: true }, { max: 64 }]}
        >
          <Input autoComplete={kind === 'person' ? 'name' : 'organization'} data-testid="register-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={kind === 'person' ? t('register.idNumber') : t('register.uscc')}
          rules={[{ required: true, len: 18, message: t('register.idRule') }]}
        >
          <Input maxLength={18} data-testid="register-id" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('login.username')}
          extra={t('register.usernameRule')}
          rules={[{ required: true, pattern: USERNAME, message: t('register.usernameRule') }]}
        >
          <Input autoComplete="username" data-testid="register-username" />
        </Form.Item>
        <PhoneCodeFields form={form} purpose="register" phoneTestId="register-phone" />
        <NewPasswordFields name="password" label="login.password" testIds={{ password: 'register-password', confirm: 'register-confirm' }} />
        <Button type="primary" htmlType="submit" block size="large" loading={isSaving} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph className="block-gap">
        {t('register.haveAccount')}{' '}
        <Link to="/login" className="inline-link">
          {t('common.login')}
        </Link>
      </Typography.Paragraph>
    </PublicFormPage>
  );
}
