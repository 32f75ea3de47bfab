import { RE2JS } from 're2js';

/**
 * The widgets of an application form and the JSON Schema type and format each one must have, and how a field
 * pattern is compiled. Shared by the server (forms.ts checks a form against it) and the browser (the form designer
 * builds forms from it; the applicant's form checks patterns with it).
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

export const WIDGET_FORMAT: Partial<Record<FieldWidget, string>> = {
  date: 'date',
  'id-number': 'cn-id-number',
  phone: 'cn-mobile',
  uscc: 'uscc',
  email: 'email',
};

/** The longest field pattern a form may carry. */
export const FORM_PATTERN_MAX = 500;

/**
 * A field pattern (JSON Schema `pattern`: a match anywhere in the value) compiled by RE2 (re2js, pure JS), whose
 * matching takes time linear in the input whatever the pattern: an item admin's pattern cannot freeze the server or
 * an applicant's browser (ADR 0013). JavaScript spellings (\uXXXX, named groups) are translated; what has no
 * linear-time match (back-references, look-around) throws, as does a pattern longer than FORM_PATTERN_MAX.
 */
export function compileFormPattern(pattern: string): { test(value: string): boolean } {
  if (pattern.length > FORM_PATTERN_MAX) throw new Error(`a pattern is at most ${FORM_PATTERN_MAX} characters`);
  return RE2JS.compile(RE2JS.translateRegExp(pattern));
}

/**
 * What a form field may be bound to (`x-bind`): a fact of the applicant's account, filled in by the server (the
 * principal's account when an agent files under a mandate, the applicant the window named for a clerk). An identity
 * binding is not the applicant's to type: the server fills it and refuses a different value (CASE_IDENTITY_MISMATCH),
 * so a licence sealed from the form carries the account's name and number. A prefill binding is only a suggestion the
 * applicant may change. Each binding fits the widgets whose values it can hold.
 */
export const FIELD_BINDINGS = {
  /** The applicant's name: a person's name, or an organisation's registered name. */
  'applicant.name': { identity: true, widgets: ['text'] },
  /** A person applicant's 公民身份号码 (an organisation's account has none: the field is then its to fill). */
  'applicant.idNumber': { identity: true, widgets: ['id-number'] },
  /** An organisation applicant's 统一社会信用代码 (a person's account has none: a sole trader types its business's). */
  'applicant.uscc': { identity: true, widgets: ['uscc'] },
  /** The mobile of the account that fills the form in (an agent's own: it is the contact): prefilled, may be changed. */
  'contact.phone': { identity: false, widgets: ['phone'] },
} as const satisfies Record<string, { identity: boolean; widgets: readonly FieldWidget[] }>;
export type FieldBinding = keyof typeof FIELD_BINDINGS;
export const FIELD_BINDING_NAMES = Object.keys(FIELD_BINDINGS) as FieldBinding[];

export const isFieldBinding = (v: unknown): v is FieldBinding => typeof v === 'string' && Object.hasOwn(FIELD_BINDINGS, v);
