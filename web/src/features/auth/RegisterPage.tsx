import { Alert, Button, Card, Form, Input, Layout, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { errorText, useLang, useT } from '../../i18n.ts';
import { SmsCodeField } from './SmsCodeField.tsx';
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
const PHONE = /^1[3-9]\d{9}$/;

/**
 * 注册: a person (居民身份证号码) or an organisation (统一社会信用代码) opens an applicant account; the mobile number is
 * proved by an SMS code. The server checks the number's check character and that nobody holds it yet.
 */
export default function RegisterPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<RegisterValues>();
  const kind = Form.useWatch('kind', form) ?? 'person';
  const [error, setError] = useState<unknown>();
  const [isSaving, setIsSaving] = useState(false);
  const [done, setDone] = useState<string>();

  const submit = async ({ confirm: _confirm, ...values }: RegisterValues) => {
    setIsSaving(true);
    setError(undefined);
    try {
      const user = await api.create('/api/auth/register', {
        body: { ...values, username: values.username.trim(), idNumber: values.idNumber.trim().toUpperCase(), phone: values.phone.trim() },
      });
      setDone(user.username);
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
        <Card className="login-card register-card">
          {done ? (
            <Result
              status="success"
              title={t('register.done')}
              subTitle={t('register.doneHint', { username: done })}
              extra={
                <Link to="/login">
                  <Button type="primary" data-testid="register-to-login">
                    {t('common.login')}
                  </Button>
                </Link>
              }
              data-testid="register-done"
            />
          ) : (
            <>
              <Typography.Title level={2}>{t('register.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('register.subtitle')}</Typography.Paragraph>
              {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid="register-error" />}
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
                <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, pattern: PHONE, message: t('register.phoneRule') }]}>
                  <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="register-phone" />
                </Form.Item>
                <SmsCodeField form={form} purpose="register" />
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
            </>
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
