import { Button, Form, Input, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';

/** A mainland mobile number, as the server checks it. */
const PHONE = /^1[3-9]\d{9}$/;

/**
 * The mobile number (the form's `phone`), the six-digit SMS code (`code`) and the button that sends a code to the
 * number (with the form's `username`, for a reset). The button waits out the server's resend interval; the server
 * decides everything else (limits, who gets a code).
 */
export function PhoneCodeFields({ form, purpose, phoneTestId }: { form: FormInstance; purpose: 'register' | 'reset'; phoneTestId: string }) {
  const t = useT();
  const showError = useShowError();
  const [wait, setWait] = useState(0);
  const [sentTo, setSentTo] = useState<string>();
  const [isSending, setIsSending] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    const fields = purpose === 'reset' ? ['username', 'phone'] : ['phone'];
    try {
      await form.validateFields(fields);
    } catch {
      return;
    }
    const phone = String(form.getFieldValue('phone')).trim();
    const username = purpose === 'reset' ? String(form.getFieldValue('username')).trim() : undefined;
    setIsSending(true);
    try {
      const sent = await api.post('/api/auth/sms-codes', { body: { purpose, phone, username } });
      setWait(sent.resendAfterSeconds);
      setSentTo(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    } catch (err) {
      showError(err);
    } finally {
      setIsSending(false);
    }
  };

  return (
    <>
      <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, pattern: PHONE, message: t('register.phoneRule') }]}>
        <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid={phoneTestId} />
      </Form.Item>
      <Form.Item label={t('sms.code')} required extra={sentTo ? t('sms.sent', { phone: sentTo }) : t('sms.hint')}>
        <Space.Compact block>
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('sms.codeRule') }]}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" aria-label={t('sms.code')} data-testid="sms-code" />
          </Form.Item>
          <Button onClick={send} loading={isSending} disabled={wait > 0} data-testid="sms-send">
            {wait > 0 ? t('sms.wait', { seconds: wait }) : t('sms.send')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </>
  );
}
