// The company's answers to a bundle's merged form, as the API tests of bundles give them.
import { demoAccounts, demoIdentity } from '../../src/bootstrap/demo.ts';

/** A field of a bundle's merged form, as the guide's evaluation gives it. */
export interface MergedField {
  key: string;
  schema: { type: string; format?: string; enum?: string[]; items?: { enum?: string[] }; minimum?: number; maxLength?: number; 'x-bind'?: string };
  maps: { member: string; field: string }[];
  merged: boolean;
}

const company = demoAccounts.find((a) => a.username === 'company')!;

/** What a sample answer gives where the schema leaves it open: a date, a mobile number, a text, and how far above a number's minimum. */
export interface SampleValues {
  date: string;
  mobile: string;
  text: string;
  aboveMinimum: number;
}

/**
 * A valid answer to one field of a merged form, or undefined for the applicant's own fields (bound to its account):
 * the first option, a number above the minimum, a date, a mobile number, the demo person's ID number or the company's
 * USCC, else the text.
 */
export function sampleAnswer(schema: MergedField['schema'], v: SampleValues): unknown {
  const s = schema;
  if (s['x-bind']?.startsWith('applicant.')) return undefined;
  if (s.enum) return s.enum[0];
  if (s.type === 'array') return [s.items?.enum?.[0] ?? '1'];
  if (s.type === 'number' || s.type === 'integer') return (s.minimum ?? 0) + v.aboveMinimum;
  if (s.type === 'boolean') return false;
  if (s.format === 'date') return v.date;
  if (s.format === 'cn-mobile') return v.mobile;
  if (s.format === 'cn-id-number') return demoIdentity('person').idNumber;
  if (s.format === 'uscc') return demoIdentity('company').idNumber;
  return v.text.slice(0, s.maxLength ?? 100);
}

/**
 * A valid answer to every field the company fills in (sampleAnswer, with the company's name); the sign's own fields
 * left out (the shop has no sign).
 */
export function companyAnswers(form: readonly MergedField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of form) {
    if (!f.merged && f.maps.every((m) => m.member === 'sign')) continue;
    const value =
      f.key === 'hasSign' ? false : sampleAnswer(f.schema, { date: '2026-11-20', mobile: '13800138000', text: company.displayName, aboveMinimum: 10 });
    if (value !== undefined) out[f.key] = value;
  }
  return out;
}
