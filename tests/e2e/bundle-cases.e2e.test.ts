// 一件事一次办, applying (ADR 0036) in a real Chromium: the company opens the apply page from the public guide; with a
// draft bundle case (applied through the API), it finds it under my bundles, supplies a material once, submits once
// and sees 营业执照 submitted while 食品经营许可 waits for it.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundle-cases.e2e.test.ts
import assert from 'node:assert/strict';
import { apiAs, attr, browserSuite, shot } from './browser.ts';

const suite = browserSuite();
const { e2e } = suite;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RESTAURANT = '340600-YJS-0001';

interface Field {
  key: string;
  schema: { type: string; format?: string; enum?: string[]; items?: { enum?: string[] }; minimum?: number; 'x-bind'?: string };
  maps: { member: string }[];
  merged: boolean;
}

/** Answers for every field the company is asked (no sign). */
async function answers(): Promise<Record<string, unknown>> {
  const guide = (await (await fetch(`${suite.url}/api/bundles/${RESTAURANT}`)).json()) as { evaluation: { form: Field[] } };
  const out: Record<string, unknown> = {};
  for (const f of guide.evaluation.form) {
    const s = f.schema;
    if ((!f.merged && f.maps.every((m) => m.member === 'sign')) || s['x-bind']?.startsWith('applicant.')) continue;
    out[f.key] =
      f.key === 'hasSign'
        ? false
        : s.enum
          ? s.enum[0]
          : s.type === 'array'
            ? [s.items?.enum?.[0] ?? '1']
            : s.type === 'number'
              ? (s.minimum ?? 0) + 10
              : s.type === 'boolean'
                ? false
                : s.format === 'date'
                  ? '2026-03-20'
                  : s.format === 'cn-mobile'
                    ? '13912345678'
                    : s.format === 'cn-id-number'
                      ? '11010519491231002X'
                      : '淮北市相山区味道餐饮有限公司';
  }
  return out;
}

e2e('the guide leads a signed-in company to the merged form', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/bundles/${RESTAURANT}`);
  await page.getByTestId('bundle-apply').click();
  await page.getByTestId('bundle-apply-form').waitFor();
  await page.getByTestId('bundle-apply-hasSign').waitFor();
  await shot(page, 'bundle-apply');
});

e2e('my bundles: one set of materials, one submission, each member’s progress', async () => {
  const company = await apiAs(suite.url, 'company');
  const applied = await company<{ number: string }>('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: await answers() });
  const page = await suite.pageAs('company');
  await page.getByTestId('menu-my-bundles').click();
  await page.getByTestId(`my-bundle-${applied.number}`).getByRole('link', { name: '开办餐饮店' }).click();
  await attr(page, 'bundle-case-status', 'status', 'draft').waitFor();
  // The first material to supply, uploaded once from the page; the rest through the API.
  const detail = await company<{ materials: { identity: string; exempt: string | null }[] }>('GET', `/api/bundle-cases/${applied.number}`);
  const first = detail.materials.findIndex((m) => m.exempt !== 'upstream');
  assert.ok(first >= 0);
  await page.getByTestId(`bundle-material-file-${first}`).setInputFiles({ name: '材料.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attr(page, `bundle-material-state-${first}`, 'state', 'upload').waitFor();
  for (const m of detail.materials.slice(first + 1).filter((x) => x.exempt !== 'upstream'))
    await company('PUT', `/api/bundle-cases/${applied.number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF);
  await page.reload();
  await page.getByTestId('bundle-case-submit').click();
  await attr(page, 'bundle-case-status', 'status', 'open').waitFor();
  await attr(page, 'bundle-member-license', 'status', 'submitted').waitFor();
  await attr(page, 'bundle-member-food', 'status', 'waiting').waitFor();
  await shot(page, 'bundle-case');
});
