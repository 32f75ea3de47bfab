// Licences that read right (issue 20), in a real Chromium: the market reviewer opens 证照台账 from the menu, finds a
// company's 食品经营许可证 by its name and exports the register; an admin finds a person's licence there, masked. The
// public verification page shows a company's licence with its holder in full and its printed fields under their
// Chinese labels (经营者名称, 经营场所 …), never a raw key or the contact phone; a person's stays masked.
// Run: node scripts/test.mjs --e2e tests/e2e/license-register.e2e.test.ts
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeUscc } from '../../src/platform/identity.ts';
import { apiAs, attr, browserSuite } from './browser.ts';

const FOOD = `${makeUscc('11', '100000', '00002010')}002`; // 食品经营许可证 of the demo catalogue
const ID_CARD = `${makeUscc('11', '100000', '00002030')}002`;
const COMPANY = '淮北市台账核验餐饮有限公司';
const COMPANY_USCC = makeUscc('91', '340603', 'MA2TK0E1');
type Issued = { identifier: string; verifyCode: string };
let food: Issued;
let idCard: Issued;

const suite = browserSuite({
  setup: async (url) => {
    const reviewer = await apiAs(url, 'reviewer');
    const admin = await apiAs(url, 'admin');
    const departments = (await admin<{ items: { id: number; name: string }[] }>('GET', '/api/departments')).items;
    const id = (name: string) => departments.find((d) => d.name === name)!.id;
    food = await reviewer<Issued>('POST', '/api/licenses', {
      typeCode: FOOD,
      departmentId: id('淮北市市场监督管理局'),
      holder: { kind: 'organisation', name: COMPANY, idNumber: COMPANY_USCC },
      data: { entityName: COMPANY, legalRep: '王台账', shopAddress: '淮北市相山区淮海路66号', seats: 30 },
    });
    idCard = await admin<Issued>('POST', '/api/licenses', {
      typeCode: ID_CARD,
      departmentId: id('淮北市公安局'),
      holder: { kind: 'person', name: '欧阳台账', idNumber: '11010519491231002X' },
      data: {},
    });
  },
});
const { e2e } = suite;

e2e('the market reviewer finds a company’s licence in 证照台账 by name, in full, and exports the register', async () => {
  const page = await suite.pageAs('reviewer');
  await page.getByTestId('menu-licenseRegister').click();
  const table = page.getByTestId('register-table');
  await table.locator('.ant-table-row').first().waitFor();
  await page.getByTestId('register-holder-search').locator('input').fill('台账核验');
  await page.keyboard.press('Enter');
  const row = table.locator('.ant-table-row').filter({ hasText: COMPANY });
  await row.waitFor();
  assert.equal(await table.locator('.ant-table-row').count(), 1);
  await row.getByText(COMPANY_USCC).waitFor();
  await row.getByText('食品经营许可证').waitFor();
  await attr(page, 'register-status', 'status', 'valid').waitFor();
  // The whole current register of the reviewer's scope, as a workbook.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = await download.path();
  assert.ok(file && fs.statSync(file).size > 1000, 'an Excel workbook');
  // The identifier opens the licence in 证照管理, its data under labels.
  await row.getByTestId('register-open').click();
  const managed = page.getByTestId('license-managed');
  await managed.waitFor();
  for (const label of ['经营者名称', '法定代表人（负责人）', '经营场所', '统一社会信用代码']) await managed.getByText(label, { exact: true }).waitFor();
  const text = await managed.innerText();
  assert.doesNotMatch(text, /entityName|shopAddress|legalRep|seats|phone/);
});

e2e('an admin finds a person’s licence in the register, masked', async () => {
  const page = await suite.pageAs('admin');
  await page.goto(`${suite.url}/app/licenses/register`);
  await page.getByTestId('register-holder-search').locator('input').fill('11010519491231002X');
  await page.keyboard.press('Enter');
  const holder = page.getByTestId('register-table').locator('[data-testid="register-holder"][data-kind="person"]');
  await holder.first().waitFor();
  assert.match(await holder.first().innerText(), /^欧\*+$/);
  assert.doesNotMatch(await page.getByTestId('register-table').innerText(), /阳台账|11010519491231002X/);
});

e2e('public verification: a company in full with its printed fields under Chinese labels; a person masked', async () => {
  const { page } = await suite.newPage();
  await page.goto(`${suite.url}/verify/${food.identifier}?code=${food.verifyCode}`);
  await attr(page, 'verify-status', 'status', 'valid').waitFor();
  assert.equal(await page.getByTestId('verify-holder').innerText(), COMPANY);
  assert.equal(await page.getByTestId('verify-holder-id').innerText(), COMPANY_USCC);
  const facts = page.getByTestId('verify-facts');
  for (const label of ['经营者名称', '法定代表人（负责人）', '经营场所', '统一社会信用代码']) await facts.getByText(label, { exact: true }).waitFor();
  await facts.getByText('淮北市相山区淮海路66号').waitFor();
  const text = await facts.innerText();
  assert.doesNotMatch(text, /entityName|shopAddress|legalRep|seats|就餐座位数/, 'printed fields only, under labels');
  assert.doesNotMatch(await page.getByTestId('verify-page').innerText(), /部分隐藏/);

  await page.goto(`${suite.url}/verify/${idCard.identifier}?code=${idCard.verifyCode}`);
  await attr(page, 'verify-status', 'status', 'valid').waitFor();
  assert.match(await page.getByTestId('verify-holder').innerText(), /^欧\*+$/);
  assert.equal(await page.getByTestId('verify-holder-id').innerText(), '110105********002X');
  await page.getByTestId('verify-page').getByText('部分隐藏', { exact: false }).waitFor();
});
