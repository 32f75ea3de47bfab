import { Alert, Button, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../i18n.ts';
import type { Translate } from '../../../i18n.ts';
import { isEmail, isIdNumber, isMobile, isUscc } from '../checks.ts';
import type { DesignerField } from './formSchema.ts';
import { compileFormPattern } from '../../../../../src/platform/form-widgets.ts';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The browser's checks of one field: the same the server's JSON Schema makes (required, format, bounds). */
export function rulesOf(f: DesignerField, t: Translate): FormRule[] {
  const rules: FormRule[] = [];
  const label = f.label || f.key;
  if (f.required) {
    rules.push({ required: true, message: t('designer.requiredMessage', { label }), ...(f.widget === 'checkbox' ? { type: 'array' as const, min: 1 } : {}) });
  }
  const check = (test: (v: string) => boolean, message: string): FormRule => ({
    validator: async (_, v?: string) => {
      if (v && !test(v)) throw new Error(message);
    },
  });
  if (f.widget === 'id-number') rules.push(check(isIdNumber, t('designer.invalid.id-number')));
  if (f.widget === 'phone') rules.push(check(isMobile, t('designer.invalid.phone')));
  if (f.widget === 'uscc') rules.push(check(isUscc, t('designer.invalid.uscc')));
  if (f.widget === 'email') rules.push(check(isEmail, t('designer.invalid.email')));
  const { maxLength, minLength, minimum, maximum, pattern } = f.extra;
  if (num(maxLength) !== undefined) rules.push({ max: num(maxLength), message: t('form.maxLength', { n: num(maxLength)! }) });
  if (num(minLength) !== undefined) rules.push({ min: num(minLength), message: t('form.minLength', { n: num(minLength)! }) });
  if (num(minimum) !== undefined) rules.push({ type: 'number', min: num(minimum), message: t('form.minimum', { n: num(minimum)! }) });
  if (num(maximum) !== undefined) rules.push({ type: 'number', max: num(maximum), message: t('form.maximum', { n: num(maximum)! }) });
  if (typeof pattern === 'string') {
    try {
      // RE2 as on the server: an item admin's pattern cannot freeze the applicant's browser (ADR 0013).
      const re = compileFormPattern(pattern);
      rules.push(check((v) => re.test(v), t('form.pattern')));
    } catch {
      // a pattern the browser cannot read is left to the server
    }
  }
  return rules;
}

/** The applicant's control of one field; Form.Item hands it value and onChange, passed on to the input. */
function Control({ field: f, testId, ...bound }: { field: DesignerField; testId: string } & Record<string, unknown>) {
  const t = useT();
  const options = f.options.map((o) => ({ value: o, label: o }));
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
    case 'checkbox': {
      // A group (role="group") may not carry aria-required (WCAG 4.1.2); the requirement is in the label's mark.
      const { 'aria-required': _required, ...groupProps } = bound;
      return <Checkbox.Group options={options} data-testid={testId} {...groupProps} />;
    }
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

/** Dates travel as YYYY-MM-DD strings (the schema's format: date); the picker works with dayjs values. */
const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined),
};

/**
 * One field of an application form, as a Form.Item named by its key, with the browser's checks. The designer's
 * preview and the application page both render fields with it; `prefix` names the test ids. The application page
 * says where a prefilled value came from (`hint`) and shows the applicant's identity, from the account, `readOnly`.
 */
export function SchemaField(props: { field: DesignerField; prefix: string; hint?: string; readOnly?: boolean }) {
  const { field: f, prefix, readOnly: locked } = props;
  const t = useT();
  const extra = [props.hint, f.description].filter(Boolean).join(' · ');
  return (
    <Form.Item
      name={f.key}
      label={f.label || f.key}
      extra={extra || undefined}
      // the server fills a locked field; the browser has nothing to check in it
      rules={locked ? [] : rulesOf(f, t)}
      valuePropName={f.widget === 'switch' ? 'checked' : 'value'}
      data-testid={`${prefix}-${f.key}`}
      data-readonly={locked ? 'true' : undefined}
      {...(f.widget === 'date' ? dateProps : {})}
    >
      <Control field={f} testId={`${prefix}-input-${f.key}`} {...(locked ? { readOnly: true, variant: 'filled' } : {})} />
    </Form.Item>
  );
}

/** The fields to show: each key once, in order. */
export function shownFields(fields: DesignerField[]): DesignerField[] {
  const seen = new Set<string>();
  return fields.filter((f) => f.key && !seen.has(f.key) && seen.add(f.key));
}

/** The form as an applicant will fill it in, with the same checks, to try the design out. */
export function FormPreview({ fields }: { fields: DesignerField[] }) {
  const t = useT();
  const [form] = Form.useForm();
  const [isValid, setIsValid] = useState<boolean>();
  const shown = shownFields(fields);
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
        <SchemaField key={f.uid} field={f} prefix="preview" />
      ))}
      <Button htmlType="submit" data-testid="preview-check">
        {t('designer.check')}
      </Button>
      {isValid && <Alert type="success" showIcon className="calc-outcome" title={t('designer.checkOk')} data-testid="preview-ok" />}
    </Form>
  );
}
