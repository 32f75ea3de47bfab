// What the bundle journeys share (bundle-cases, bundle-window): the demo's 开办餐饮店, a PDF to upload, and answers
// of a merged form (开办餐饮店's as the company gives them: no outdoor sign).
export const RESTAURANT = '340600-YJS-0001';
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Field {
  key: string;
  schema: { type: string; format?: string; enum?: string[]; items?: { enum?: string[] }; minimum?: number; 'x-bind'?: string };
  maps: { member: string }[];
  merged: boolean;
}

const TEXT = Symbol('text');

/** An answer of the field's kind: the first choice, a number above the minimum, a date, a phone, an ID, a name. */
function answerFor(f: Field): unknown {
  const s = f.schema;
  if (f.key === 'hasSign' || s.type === 'boolean') return false;
  if (s.enum) return s.enum[0];
  if (s.type === 'array') return [s.items?.enum?.[0] ?? '1'];
  if (s.type === 'number') return (s.minimum ?? 0) + 10;
  if (s.format === 'date') return '2026-03-20';
  if (s.format === 'cn-mobile') return '13912345678';
  if (s.format === 'cn-id-number') return '11010519491231002X';
  return TEXT;
}

/**
 * Answers for every field of a bundle's merged form the applicant is asked: not the account's (x-bind applicant.*),
 * not those only `skipMember` asks (a member left out by its condition). `text` answers the plain text fields, `date`
 * the dates (else 2026-03-20).
 */
export async function bundleAnswers(url: string, code: string, opts: { skipMember?: string; text: string; date?: string }): Promise<Record<string, unknown>> {
  const guide = (await (await fetch(`${url}/api/bundles/${code}`)).json()) as { evaluation: { form: Field[] } };
  const out: Record<string, unknown> = {};
  for (const f of guide.evaluation.form) {
    if ((!f.merged && f.maps.every((m) => m.member === opts.skipMember)) || f.schema['x-bind']?.startsWith('applicant.')) continue;
    const answer = answerFor(f);
    out[f.key] = answer === TEXT ? opts.text : f.schema.format === 'date' && opts.date ? opts.date : answer;
  }
  return out;
}

/** Answers of 开办餐饮店's merged form as the company gives them: no outdoor sign. */
export const restaurantAnswers = (url: string) => bundleAnswers(url, RESTAURANT, { skipMember: 'sign', text: '淮北市相山区味道餐饮有限公司' });
