// The application form as the designer edits it (a list of fields) and as the server stores it (a JSON Schema object,
// checked by src/platform/forms.ts: the type and format of each widget must match).
import type { FormField, FormSchema } from '../../../api/types.ts';
import { FIELD_WIDGETS, WIDGET_FORMAT, WIDGET_TYPE, type FieldWidget } from '../../../../../src/platform/form-widgets.ts';

// The widget table is the server's own (src/platform/form-widgets.ts), so a form the designer builds is one it accepts.
export const WIDGETS = FIELD_WIDGETS;
export type Widget = FieldWidget;
export const CHOICE_WIDGETS: readonly Widget[] = ['select', 'radio', 'checkbox'];
/** Keys of a field the designer shows; any other allowed key (minLength, pattern …) is kept as it was. */
const MANAGED = new Set(['type', 'title', 'description', 'format', 'enum', 'items', 'x-widget']);

export interface DesignerField {
  /** Stable identity while the key is being edited. */
  uid: string;
  key: string;
  label: string;
  description: string;
  widget: Widget;
  required: boolean;
  options: string[];
  /** Other keys of the stored field, kept untouched. */
  extra: Record<string, unknown>;
}

let uidCounter = 0;
export const newUid = () => `f${++uidCounter}`;

export const isWidget = (w: unknown): w is Widget => typeof w === 'string' && (WIDGETS as readonly string[]).includes(w);
export const KEY_SHAPE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** The fields of a stored form, in their x-order (then any field the order leaves out). */
export function fieldsOf(schema: FormSchema | undefined): DesignerField[] {
  const properties = schema?.properties ?? {};
  const order = [
    ...(schema?.['x-order'] ?? []).filter((k) => k in properties),
    ...Object.keys(properties).filter((k) => !(schema?.['x-order'] ?? []).includes(k)),
  ];
  return order.map((key) => {
    const f: FormField = properties[key];
    const widget = isWidget(f['x-widget']) ? f['x-widget'] : 'text';
    const options = (widget === 'checkbox' ? f.items?.enum : f.enum) ?? [];
    const extra = Object.fromEntries(Object.entries(f).filter(([k]) => !MANAGED.has(k)));
    return {
      uid: newUid(),
      key,
      label: typeof f.title === 'string' ? f.title : '',
      description: typeof f.description === 'string' ? f.description : '',
      widget,
      required: (schema?.required ?? []).includes(key),
      options: options.map(String),
      extra,
    };
  });
}

/** The JSON Schema of the designed fields; a later field with a key already used is left out (the designer flags it). */
export function schemaOf(fields: DesignerField[]): FormSchema {
  const properties: Record<string, FormField> = {};
  const required: string[] = [];
  const order: string[] = [];
  for (const f of fields) {
    if (!f.key || f.key in properties) continue;
    const field: FormField = { ...f.extra, type: WIDGET_TYPE[f.widget], title: f.label, 'x-widget': f.widget };
    if (f.description.trim()) field.description = f.description;
    const format = WIDGET_FORMAT[f.widget];
    if (format) field.format = format;
    if (f.widget === 'select' || f.widget === 'radio') field.enum = [...f.options];
    if (f.widget === 'checkbox') field.items = { type: 'string', enum: [...f.options] };
    properties[f.key] = field;
    order.push(f.key);
    if (f.required) required.push(f.key);
  }
  return { type: 'object', properties, required, 'x-order': order };
}

/** A key for a new field that is not used yet: field1, field2 … */
export function freshFieldKey(fields: DesignerField[]): string {
  const used = new Set(fields.map((f) => f.key));
  for (let n = fields.length + 1; ; n++) if (!used.has(`field${n}`)) return `field${n}`;
}
