import { Alert, Button, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { FormRule } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n.ts';
import type { Translate } from '../../../i18n.ts';
import { isEmail, isIdNumber, isMobile, isUscc } from '../checks.ts';
import type { DesignerField } from './formSchema.ts';

function rulesOf(f: DesignerField, t: Translate): FormRule[] {
  const rules: FormRule[] = [];
  if (f.required) rules.push({ required: true, message: t('designer.requiredMessage', { label: f.label || f.key }) });
  const check = (test: (v: string) => boolean, message: string): FormRule => ({
    validator: async (_, v?: string) => {
      if (v && !test(v)) throw new Error(message);
    },
  });
  if (f.widget === 'id-number') rules.push(check(isIdNumber, t('designer.invalid.id-number')));
  if (f.widget === 'phone') rules.push(check(isMobile, t('designer.invalid.phone')));
  if (f.widget === 'uscc') rules.push(check(isUscc, t('designer.invalid.uscc')));
  if (f.widget === 'email') rules.push(check(isEmail, t('designer.invalid.email')));
  return rules;
}

/** The applicant's control of one field; Form.Item hands it value and onChange, passed on to the input. */
function Control({ field: f, ...bound }: { field: DesignerField } & Record<string, unknown>) {
  const t = useT();
  const options = f.options.map((o) => ({ value: o, label: o }));
  const testId = `preview-input-${f.key}`;
  switch (f.widget) {
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2 }} data-testid={testId} {...bound} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} data-testid={testId} {...bound} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} data-testid={testId} {...bound} />;
    case 'select':
      return <Select options={options} placeholder={t('designer.select')} allowClear data-testid={testId} {...bound} />;
    case 'radio':
      return <Radio.Group options={options} data-testid={testId} {...bound} />;
    case 'checkbox':
      return <Checkbox.Group options={options} data-testid={testId} {...bound} />;
    case 'switch':
      return <Switch data-testid={testId} {...bound} />;
    case 'id-number':
      return <Input maxLength={18} className="mono" placeholder={t('home.checkPlaceholder')} data-testid={testId} {...bound} />;
    case 'phone':
      return <Input maxLength={11} inputMode="tel" data-testid={testId} {...bound} />;
    case 'uscc':
      return <Input maxLength={18} className="mono" data-testid={testId} {...bound} />;
    case 'email':
      return <Input inputMode="email" data-testid={testId} {...bound} />;
    default:
      return <Input data-testid={testId} {...bound} />;
  }
}

/** The form as an applicant will fill it in, with the same checks, to try the design out. */
export function FormPreview({ fields }: { fields: DesignerField[] }) {
  const t = useT();
  const [form] = Form.useForm();
  const [isValid, setIsValid] = useState<boolean>();
  const seen = new Set<string>();
  const shown = fields.filter((f) => f.key && !seen.has(f.key) && seen.add(f.key));
  if (shown.length === 0) return <Empty description={t('designer.empty')} />;
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="form-preview"
      onValuesChange={() => setIsValid(undefined)}
      onFinish={() => setIsValid(true)}
      onFinishFailed={() => setIsValid(false)}
      // the preview is never disabled, even on a published version: it is there to be tried
      disabled={false}
    >
      {shown.map((f) => (
        <Form.Item
          key={f.uid}
          name={f.key}
          label={f.label || f.key}
          extra={f.description || undefined}
          rules={rulesOf(f, t)}
          valuePropName={f.widget === 'switch' ? 'checked' : 'value'}
          data-testid={`preview-${f.key}`}
        >
          <Control field={f} />
        </Form.Item>
      ))}
      <Button htmlType="submit" data-testid="preview-check">
        {t('designer.check')}
      </Button>
      {isValid && <Alert type="success" showIcon className="calc-outcome" title={t('designer.checkOk')} data-testid="preview-ok" />}
    </Form>
  );
}
