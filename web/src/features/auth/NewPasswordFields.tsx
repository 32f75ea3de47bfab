import { Form, Input } from 'antd';
import { newPasswordRules } from '../../components/passwordRules.ts';
import { useT, type MessageKey } from '../../i18n.ts';

/** A new password and its confirmation, as every form that sets a password asks for them. */
export function NewPasswordFields({ name, label, testIds }: { name: string; label: MessageKey; testIds: { password: string; confirm: string } }) {
  const t = useT();
  return (
    <>
      <Form.Item name={name} label={t(label)} extra={t('password.rule')} rules={newPasswordRules(t)}>
        <Input.Password autoComplete="new-password" data-testid={testIds.password} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={[name]}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
