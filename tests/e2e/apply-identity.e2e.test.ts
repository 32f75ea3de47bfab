// Applying with the account's identity, in a real Chromium: the company's name and 统一社会信用代码 on the form are its
// account's and cannot be edited (an agent sees its principal's), and the 营业执照 row of 免证可办 says one thing at a
// time: upload needed while no licence is found, uploaded once a file is, 已关联电子证照 once the licence is used.
// Run: node scripts/test.mjs --e2e tests/e2e/apply-identity.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_COMPANY_USCC } from '../../src/bootstrap/demo.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { apiAs, attr, browserSuite, choose, E2E_TODAY } from './browser.ts';

/** 食品经营许可（餐饮服务） of 淮北市市场监督管理局: its form asks for the company's name and USCC, its materials a 营业执照. */
const ITEM = '340600-XK-0001';
const COMPANY = '淮北市相山区味道餐饮有限公司';
const BUSINESS_LICENSE_TYPE = `${makeUscc('11', '100000', '00002010')}001`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const suite = browserSuite();
const { e2e } = suite;

const valueOf = (page: Page, testId: string) => page.getByTestId(testId).inputValue();

/** The company's (or its agent's) application page with the identity fields filled in. */
async function openApplication(page: Page): Promise<void> {
  await page.goto(`${suite.url}/app/apply/${ITEM}`);
  await page.getByTestId('apply-item-name').getByText('食品经营许可（餐饮服务）').waitFor();
}

/** The identity fields hold the company's name and USCC, read-only, with the hint where they come from. */
async function assertIdentity(page: Page, hint: string): Promise<void> {
  await page.waitForFunction(
    (v) => (document.querySelector('[data-testid="apply-input-usccCode"]') as HTMLInputElement | null)?.value === v,
    DEMO_COMPANY_USCC,
  );
  for (const key of ['usccCode', 'entityName']) {
    await attr(page, `apply-${key}`, 'readonly', 'true').waitFor();
    assert.equal(await page.getByTestId(`apply-input-${key}`).getAttribute('readonly'), '', `${key} is read-only`);
    await page.getByTestId(`apply-${key}`).getByText(hint).waitFor();
  }
  assert.equal(await valueOf(page, 'apply-input-entityName'), COMPANY);
  // Typing changes nothing: the field takes no input.
  await page.getByTestId('apply-input-usccCode').press('End');
  await page.keyboard.type('9');
  assert.equal(await valueOf(page, 'apply-input-usccCode'), DEMO_COMPANY_USCC);
  // The other fields stay the applicant's to fill.
  assert.equal(await page.getByTestId('apply-shopAddress').getAttribute('data-readonly'), null);
}

/** The 营业执照 row: exactly one state, the given one, and the row's text agrees with it. */
async function assertOneState(page: Page, state: string, text: string): Promise<string> {
  const row = page.getByTestId('apply-material-business_license');
  await attr(page, 'material-mode-business_license', 'state', state).waitFor();
  assert.equal(await row.locator('[data-state]').count(), 1, 'one state');
  assert.equal(await row.locator('[data-state]').innerText(), text);
  return row.innerText();
}

e2e('the company applies: its name and USCC come from its account, read-only; the 营业执照 row says upload needed, then uploaded', async () => {
  const page = await suite.pageAs('company');
  await openApplication(page);
  await assertIdentity(page, '来自账户信息');

  // No licence in its name yet: upload needed, and nothing else.
  const before = await assertOneState(page, 'uploadRequired', '需上传');
  assert.match(before, /未找到您名下有效的营业执照/);
  assert.doesNotMatch(before, /已上传|已关联电子证照/);

  // Uploaded: the row says so, and no longer that the licence was not found.
  await page.getByTestId('material-file-business_license').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
  const after = await assertOneState(page, 'upload', '已上传');
  assert.doesNotMatch(after, /未找到|需上传|已关联电子证照/);
  // The draft holds the account's USCC, whatever the page sent.
  await page.getByTestId('apply-draft-number').waitFor();
  assert.equal(await valueOf(page, 'apply-input-usccCode'), DEMO_COMPANY_USCC);
});

e2e('with a 营业执照 in its name: the row offers it, then says 已关联电子证照 alone', async () => {
  const reviewer = await apiAs(suite.url, 'reviewer');
  const admin = await apiAs(suite.url, 'admin');
  const { items } = await admin<{ items: { id: number; name: string }[] }>('GET', `/api/departments?q=${encodeURIComponent('淮北市市场监督管理局')}`);
  await reviewer('POST', '/api/licenses', {
    typeCode: BUSINESS_LICENSE_TYPE,
    departmentId: items.find((d) => d.name === '淮北市市场监督管理局')!.id,
    holder: { kind: 'organisation', name: COMPANY, idNumber: DEMO_COMPANY_USCC },
    data: { 名称: COMPANY, 类型: '有限责任公司', 住所: '淮北市相山区人民路 88 号' },
  });

  const page = await suite.pageAs('company');
  await openApplication(page);
  await assertIdentity(page, '来自账户信息');
  const found = await assertOneState(page, 'licenseFound', '可使用电子证照');
  assert.doesNotMatch(found, /未找到|需上传|已上传/);

  await page.getByTestId('use-license-business_license').click();
  const attached = await assertOneState(page, 'license', '已关联电子证照');
  assert.doesNotMatch(attached, /未找到|需上传|已上传/);
  assert.equal(await page.getByTestId('use-license-business_license').count(), 0);
});

e2e('the agent applies for the company: the identity fields are the principal’s, read-only', async () => {
  // The demo's mandate may date from the day the database was made, after the browser tests' day: one from today.
  const company = await apiAs(suite.url, 'company');
  const until = new Date(Date.parse(`${E2E_TODAY}T00:00:00Z`) + 300 * 86_400_000).toISOString().slice(0, 10);
  await company('POST', '/api/mandates', { agentUsername: 'agent', allItems: true, itemCodes: [], validUntil: until });
  const page = await suite.pageAs('agent');
  await openApplication(page);
  await choose(page, 'apply-principal-select', COMPANY);
  await assertIdentity(page, '来自委托人账户信息');
  // An agent cannot use the holder's licences: upload needed, said once.
  const row = await assertOneState(page, 'uploadRequired', '需上传');
  assert.match(row, /只能由持证人本人授权使用/);
});
