// 一次性告知 answered in a real Chromium: the window's notice names a material, a form field and a general remark; the
// applicant's case page lists the three items, and the answer can be sent only once each is addressed (a new file,
// the field edited, a note) and confirmed.
// Run: node scripts/test.mjs --e2e tests/e2e/correction.e2e.test.ts
import assert from 'node:assert/strict';
import { act, apiAs, attr, browserSuite, submittedCompanyCase, type Caller } from './browser.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let number = '';
let firstMaterial = '';

async function setup(url: string) {
  const company: Caller = await apiAs(url, 'company');
  const clerk = await apiAs(url, 'clerk');
  number = await submittedCompanyCase(url, '淮北市补正测试科技有限公司', PDF);
  const { materials } = await company<{ materials: { key: string }[] }>('GET', `/api/cases/${number}`);
  firstMaterial = materials[0].key;
  await act(clerk, number, 'request-correction', {
    items: [{ materialKey: firstMaterial, note: '材料缺少盖章页' }, { field: 'address', note: '住所须写到门牌号及室号' }, { note: '请说明注册资本的出资方式' }],
  });
}

const suite = browserSuite({ setup });
const { e2e } = suite;

e2e('the applicant answers each listed item — a new file, the edited field, a note — confirms, and sends', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/cases/${number}`);
  await attr(page, 'case-next', 'next', 'answer_correction').waitFor();
  for (const text of ['材料缺少盖章页', '住所须写到门牌号及室号', '请说明注册资本的出资方式']) await page.getByTestId('case-next').getByText(text).waitFor();
  const send = page.getByTestId('case-answer');
  assert.equal(await send.isDisabled(), true, 'nothing addressed yet: the answer cannot be sent');

  await page
    .getByTestId(`correction-file-${firstMaterial}`)
    .setInputFiles({ name: '盖章页.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('stamped')]) });
  await attr(page, 'correction-item-0', 'done', 'true').waitFor();
  await page.getByTestId('correction-field-address').fill('淮北市相山区人民路 1 号 2 幢 301 室');
  await attr(page, 'correction-item-1', 'done', 'true').waitFor();
  await page.getByTestId('correction-note-2').fill('货币出资，已于章程中载明');
  await attr(page, 'correction-item-2', 'done', 'true').waitFor();
  assert.equal(await send.isDisabled(), true, 'not confirmed yet');

  await page.getByTestId('correction-confirm').check();
  await send.click();
  await attr(page, 'case-page', 'status', 'submitted').waitFor();
  await page.getByTestId('event-correction_answered').waitFor();
  await page.getByTestId('case-form-collapse').getByRole('button').first().click();
  await page.getByTestId('case-form-data').getByText('淮北市相山区人民路 1 号 2 幢 301 室').waitFor();
});
