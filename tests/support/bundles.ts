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

/**
 * A valid answer to every field the company fills in (the applicant's own fields are bound to its account): the first
 * option, a number above the minimum, the company's name; the sign's own fields left out (the shop has no sign).
 */
export function companyAnswers(form: readonly MergedField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of form) {
    if (!f.merged && f.maps.every((m) => m.member === 'sign')) continue;
    const s = f.schema;
    if (s['x-bind']?.startsWith('applicant.')) continue;
    if (f.key === 'hasSign') out[f.key] = false;
    else if (s.enum) out[f.key] = s.enum[0];
    else if (s.type === 'array') out[f.key] = [s.items?.enum?.[0] ?? '1'];
    else if (s.type === 'number' || s.type === 'integer') out[f.key] = (s.minimum ?? 0) + 10;
    else if (s.type === 'boolean') out[f.key] = false;
    else if (s.format === 'date') out[f.key] = '2026-11-20';
    else if (s.format === 'cn-mobile') out[f.key] = '13800138000';
    else if (s.format === 'cn-id-number') out[f.key] = demoIdentity('person').idNumber;
    else if (s.format === 'uscc') out[f.key] = demoIdentity('company').idNumber;
    else out[f.key] = company.displayName.slice(0, s.maxLength ?? 100);
  }
  return out;
}
