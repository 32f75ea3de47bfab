import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { checkIdNumber, checkUscc } from './identity.ts';
import { isValidIsoDate } from './calendar/working-days.ts';
import { FIELD_WIDGETS, WIDGET_FORMAT, WIDGET_TYPE, type FieldWidget } from './form-widgets.ts';

/**
 * Application forms are JSON Schema objects made by the form designer. This file decides what a well-formed form
 * is (so the catalogue refuses a malformed one) and validates submissions against it (the same schema on the
 * server as in the browser).
 */
export { FIELD_WIDGETS, type FieldWidget } from './form-widgets.ts';

const ALLOWED_KEYS = new Set(['type', 'title', 'description', 'format', 'enum', 'items', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'x-widget', 'default']);

export interface FormProblem {
  field: string | null;
  message: string;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addKeyword('x-widget');
  ajv.addKeyword('x-order');
  ajv.addFormat('date', { type: 'string', validate: isValidIsoDate });
  ajv.addFormat('cn-id-number', { type: 'string', validate: (v: string) => checkIdNumber(v).valid });
  ajv.addFormat('cn-mobile', { type: 'string', validate: /^1[3-9]\d{9}$/ });
  ajv.addFormat('uscc', { type: 'string', validate: (v: string) => checkUscc(v).valid });
  ajv.addFormat('email', { type: 'string', validate: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ });
  return ajv;
}

const ajv = makeAjv();

/** Every problem of a form schema, empty when it is well formed. */
export function checkFormSchema(schema: unknown): FormProblem[] {
  const problems: FormProblem[] = [];
  const s = schema as { type?: unknown; properties?: Record<string, Record<string, unknown>>; required?: unknown; 'x-order'?: unknown };
  if (!s || typeof s !== 'object' || s.type !== 'object' || typeof s.properties !== 'object' || s.properties === null) {
    return [{ field: null, message: 'the form must be {"type":"object","properties":{…}}' }];
  }
  for (const [key, field] of Object.entries(s.properties)) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key)) problems.push({ field: key, message: 'field keys are letters, digits and _ (at most 40)' });
    if (!field || typeof field !== 'object') {
      problems.push({ field: key, message: 'a field is an object' });
      continue;
    }
    for (const k of Object.keys(field)) if (!ALLOWED_KEYS.has(k)) problems.push({ field: key, message: `"${k}" is not allowed in a field` });
    if (typeof field.title !== 'string' || !field.title.trim()) problems.push({ field: key, message: 'every field needs a title (its label)' });
    const widget = field['x-widget'] as FieldWidget | undefined;
    if (!widget || !FIELD_WIDGETS.includes(widget)) {
      problems.push({ field: key, message: `x-widget must be one of ${FIELD_WIDGETS.join(', ')}` });
      continue;
    }
    if (field.type !== WIDGET_TYPE[widget]) problems.push({ field: key, message: `a ${widget} field has type ${WIDGET_TYPE[widget]}` });
    if (WIDGET_FORMAT[widget] && field.format !== WIDGET_FORMAT[widget]) problems.push({ field: key, message: `a ${widget} field has format ${WIDGET_FORMAT[widget]}` });
    if (widget === 'select' || widget === 'radio') {
      if (!Array.isArray(field.enum) || field.enum.length === 0) problems.push({ field: key, message: 'a choice field needs options (enum)' });
    }
    if (widget === 'checkbox') {
      const items = field.items as { enum?: unknown[] } | undefined;
      if (!items || !Array.isArray(items.enum) || items.enum.length === 0) problems.push({ field: key, message: 'a checkbox field needs items.enum options' });
    }
  }
  const keys = new Set(Object.keys(s.properties));
  if (s.required !== undefined && !Array.isArray(s.required)) problems.push({ field: null, message: 'required is a list of field keys' });
  for (const r of Array.isArray(s.required) ? s.required : []) if (!keys.has(String(r))) problems.push({ field: String(r), message: 'a required field that is not in the form' });
  for (const o of Array.isArray(s['x-order']) ? s['x-order'] : []) if (!keys.has(String(o))) problems.push({ field: String(o), message: 'x-order names a field that is not in the form' });
  if (problems.length === 0) {
    try {
      ajv.compile({ ...s, additionalProperties: false });
    } catch (e) {
      problems.push({ field: null, message: (e as Error).message });
    }
  }
  return problems;
}

const compiled = new Map<string, ValidateFunction>();

/** Validates a submission against a form schema; returns the problems (field, message), empty when valid. */
export function validateSubmission(schema: object, data: unknown): FormProblem[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ ...schema, additionalProperties: false });
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    field: e.instancePath.replace(/^\//, '') || (e.params as { missingProperty?: string }).missingProperty || null,
    message: e.message ?? 'invalid',
  }));
}
