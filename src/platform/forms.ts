import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { checkIdNumber, checkUscc } from './identity.ts';
import { isValidIsoDate } from './calendar/working-days.ts';
import { compileFormPattern, FIELD_BINDINGS, FIELD_WIDGETS, isFieldBinding, WIDGET_FORMAT, WIDGET_TYPE, type FieldWidget } from './form-widgets.ts';

/**
 * Application forms are JSON Schema objects made by the form designer. This file decides what a well-formed form
 * is (so the catalogue refuses a malformed one) and validates submissions against it (the same schema on the
 * server as in the browser).
 */
export { FIELD_BINDINGS, FIELD_WIDGETS, isFieldBinding, type FieldBinding, type FieldWidget } from './form-widgets.ts';

const ALLOWED_KEYS = new Set([
  'type',
  'title',
  'description',
  'format',
  'enum',
  'items',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'x-widget',
  'x-bind',
  'default',
]);

export interface FormProblem {
  field: string | null;
  message: string;
  /** Set for a pattern RE2 cannot compile (the catalogue answers it with its own error code). */
  code?: 'PATTERN_UNSUPPORTED';
}

// ajv compiles every `pattern` with this engine instead of RegExp: linear-time matching, no catastrophic
// backtracking on any input (ADR 0013). `code` would name it in standalone code, which we do not generate.
const re2Engine = Object.assign((pattern: string) => compileFormPattern(pattern), { code: 're2js' });

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp: re2Engine } });
  ajv.addKeyword('x-widget');
  ajv.addKeyword('x-order');
  ajv.addKeyword('x-bind');
  ajv.addFormat('date', { type: 'string', validate: isValidIsoDate });
  ajv.addFormat('cn-id-number', { type: 'string', validate: (v: string) => checkIdNumber(v).valid });
  ajv.addFormat('cn-mobile', { type: 'string', validate: /^1[3-9]\d{9}$/ });
  ajv.addFormat('uscc', { type: 'string', validate: (v: string) => checkUscc(v).valid });
  ajv.addFormat('email', { type: 'string', validate: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ });
  return ajv;
}

const ajv = makeAjv();

const MAX_DEPTH = 10;

/** Every `pattern` inside a field (also in its items), refused unless RE2 compiles it. */
function checkPatterns(key: string, node: unknown, problems: FormProblem[], depth = 0): void {
  if (!node || typeof node !== 'object') return;
  if (depth > MAX_DEPTH) {
    problems.push({ field: key, message: 'a field is nested too deeply' });
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'pattern') checkPatterns(key, v, problems, depth + 1);
    else if (typeof v !== 'string') problems.push({ field: key, message: 'a pattern is a string' });
    else {
      try {
        compileFormPattern(v);
      } catch (e) {
        problems.push({
          field: key,
          code: 'PATTERN_UNSUPPORTED',
          message: `pattern not supported (RE2 syntax, no back-references or look-around): ${(e as Error).message}`,
        });
      }
    }
  }
}

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
    checkPatterns(key, field, problems);
    const widget = field['x-widget'] as FieldWidget | undefined;
    if (!widget || !FIELD_WIDGETS.includes(widget)) {
      problems.push({ field: key, message: `x-widget must be one of ${FIELD_WIDGETS.join(', ')}` });
      continue;
    }
    if (field.type !== WIDGET_TYPE[widget]) problems.push({ field: key, message: `a ${widget} field has type ${WIDGET_TYPE[widget]}` });
    if (WIDGET_FORMAT[widget] && field.format !== WIDGET_FORMAT[widget])
      problems.push({ field: key, message: `a ${widget} field has format ${WIDGET_FORMAT[widget]}` });
    const bind = field['x-bind'];
    if (bind !== undefined) {
      if (!isFieldBinding(bind)) problems.push({ field: key, message: `x-bind must be one of ${Object.keys(FIELD_BINDINGS).join(', ')}` });
      else if (!(FIELD_BINDINGS[bind].widgets as readonly string[]).includes(widget))
        problems.push({ field: key, message: `${bind} binds a ${FIELD_BINDINGS[bind].widgets.join(' or ')} field` });
    }
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
  for (const r of Array.isArray(s.required) ? s.required : [])
    if (!keys.has(String(r))) problems.push({ field: String(r), message: 'a required field that is not in the form' });
  for (const o of Array.isArray(s['x-order']) ? s['x-order'] : [])
    if (!keys.has(String(o))) problems.push({ field: String(o), message: 'x-order names a field that is not in the form' });
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
    try {
      validate = ajv.compile({ ...schema, additionalProperties: false });
    } catch (e) {
      // A form stored before its patterns were checked (one RE2 refuses): nothing can be accepted against it.
      return [{ field: null, message: `the form cannot be checked: ${(e as Error).message}` }];
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    field: e.instancePath.replace(/^\//, '') || (e.params as { missingProperty?: string }).missingProperty || null,
    message: e.message ?? 'invalid',
  }));
}
