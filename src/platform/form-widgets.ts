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
