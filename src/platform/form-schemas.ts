import { z } from 'zod';
import { FIELD_BINDING_NAMES, type FieldBinding } from './form-widgets.ts';

/**
 * The zod shapes of application forms and their answers (forms.ts checks a form's rules; these give the shapes to
 * the API and its document). A form is data — the catalogue's designer makes it — so its answers are a map keyed by
 * its field names, but every value is one a form widget can produce.
 */

const choice = z.union([z.string(), z.number()]);

/** One answer: text (also dates, ID numbers, phones, a select's or radio's choice), a number, a switch, a checkbox's choices. */
export const formValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(choice)]).meta({ id: 'FormValue' });
export type FormValue = z.infer<typeof formValue>;

/** A form's answers, keyed by its field names. */
export const formAnswers = z.record(z.string(), formValue).meta({ id: 'FormAnswers' });
export type FormAnswers = z.infer<typeof formAnswers>;

/** One field of a form: a JSON Schema property with the keys forms.ts allows, and its widget. */
export const formField = z
  .object({
    type: z.string(),
    title: z.string(),
    description: z.string().optional(),
    format: z.string().optional(),
    enum: z.array(choice).optional(),
    items: z.object({ type: z.string().optional(), enum: z.array(choice).optional() }).optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    pattern: z.string().optional(),
    'x-widget': z.string(),
    'x-bind': z
      .enum(FIELD_BINDING_NAMES as [FieldBinding, ...FieldBinding[]])
      .optional()
      .describe(
        'Filled from the applicant’s account: identity bindings (applicant.name, applicant.idNumber, applicant.uscc) read-only; contact.phone prefilled',
      ),
    default: formValue.optional(),
  })
  .meta({ id: 'FormField' });
export type FormField = z.infer<typeof formField>;

/** An application form as stored and shown: a JSON Schema object whose properties are its fields. */
export const formSchemaView = z
  .object({
    type: z.literal('object'),
    properties: z.record(z.string(), formField),
    required: z.array(z.string()),
    'x-order': z.array(z.string()).optional(),
  })
  .meta({ id: 'FormSchema' });
export type FormSchemaView = z.infer<typeof formSchemaView>;
