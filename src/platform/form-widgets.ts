/**
 * The widgets of an application form and the JSON Schema type and format each one must have. Pure data, shared by
 * the server (forms.ts checks a form against it) and the form designer in the browser (which builds forms from it).
 */
export const FIELD_WIDGETS = ['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'switch', 'id-number', 'phone', 'uscc', 'email'] as const;
export type FieldWidget = (typeof FIELD_WIDGETS)[number];

export const WIDGET_TYPE: Record<FieldWidget, string> = {
  text: 'string',
  textarea: 'string',
  number: 'number',
  date: 'string',
  select: 'string',
  radio: 'string',
  checkbox: 'array',
  switch: 'boolean',
  'id-number': 'string',
  phone: 'string',
  uscc: 'string',
  email: 'string',
};

export const WIDGET_FORMAT: Partial<Record<FieldWidget, string>> = { date: 'date', 'id-number': 'cn-id-number', phone: 'cn-mobile', uscc: 'uscc', email: 'email' };
