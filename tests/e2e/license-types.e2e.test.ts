// 证照类型 in a real Chromium: the city's item admin lists the demo types with their issuing departments (a ministry's
// type is not its to change), registers a type of the city's market bureau and adds a district department as its
// issuer; a county item admin may not name a city department as an issuer of its own type (the server's refusal is
// shown in the form, and nothing changes); a national admin changes a ministry's type. The case page's link to the
// public verification carries the licence's code, for the holder.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/licence-types.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, attr, browserSuite, DEMO_PASSWORD, grantedCompanyCase } from './browser.ts';
import type { LicenseTypeView } from '../../src/modules/licenses/index.ts';

/** An item admin of 濉溪县 (340621) of its own: the demo's county staff are not in the demo the browser tests load. */
const COUNTY_ADMIN = 'itemadmin.e2e.sx';

type LicenseType = LicenseTypeView;

/** A type defined by 濉溪县市场监督管理局 itself, which the county's item admin manages (set up by the admin). */
const COUNTY_TYPE_NAME = '濉溪县食品小作坊登记证';

const suite = browserSuite({
  setup: async (url) => {
    const admin = await apiAs(url, 'admin');
    await admin('POST', '/api/users', {
      username: COUNTY_ADMIN,
      displayName: '濉溪县 事项管理',
      password: DEMO_PASSWORD,
      roles: [{ role: 'item_admin', regionCode: '340621', departmentId: null }],
    });
    const { items } = await admin<{ items: { id: number; name: string; uscc: string }[] }>('GET', '/api/departments');
    const county = items.find((d) => d.name === '濉溪县市场监督管理局')!;
    await admin('POST', '/api/license-types', {
      code: `${county.uscc}001`,
      name: COUNTY_TYPE_NAME,
      definingBodyName: county.name,
      holderKind: 'organisation',
      fields: ['名称'],
      issuers: [county.id],
    });
  },
});
const { e2e } = suite;

async function typeNamed(name: string): Promise<LicenseType> {
  const { items } = (await (await fetch(`${suite.url}/api/license-types`)).json()) as { items: LicenseType[] };
  const type = items.find((x) => x.name === name);
  assert.ok(type, `licence type ${name}`);
  return type;
}

async function openTypes(page: Page) {
  await page.goto(`${suite.url}/app`);
  await page.getByTestId('menu-licenseTypes').click();
  await page.getByTestId('license-types-table').locator('.ant-table-row').first().waitFor();
}

/** Narrows the table to the types whose name holds the text (a new type may be past the first page). */
async function search(page: Page, text: string) {
  await page.getByTestId('license-types-search').locator('input').fill(text);
  await page.keyboard.press('Enter');
  await page.getByTestId('license-types-table').locator('.ant-table-row').filter({ hasText: text }).first().waitFor();
}

/** Adds a department to the issuers' multiple select of the open modal, by typing part of its name. */
async function addIssuer(page: Page, name: string) {
  const select = page.getByTestId('license-type-issuers');
  await select.click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
  await select.locator('.ant-select-selection-item').filter({ hasText: name }).waitFor();
  // close the dropdown without Escape (which would close the modal too)
  await page.locator('.ant-modal-title').click();
}

e2e('the item admin sees the demo licence types with their issuing departments; a ministry’s type is not the city’s to change', async () => {
  const page = await suite.pageAs('itemadmin');
  await openTypes(page);
  const business = await typeNamed('营业执照');
  const issuers = page.getByTestId(`license-type-issuers-${business.code}`);
  for (const name of ['淮北市市场监督管理局', '相山区市场监督管理局', '濉溪县市场监督管理局']) await issuers.getByText(name).waitFor();
  await page.getByTestId(`license-type-fields-${business.code}`).locator('.ant-tag').first().waitFor();
  assert.equal(await page.getByTestId('license-types-scope').getAttribute('data-national'), 'false');
  // 营业执照 is defined by 国家市场监督管理总局: only an administrator without a region changes it
  assert.equal(await page.getByTestId(`license-type-edit-${business.code}`).isDisabled(), true);
});

e2e('the item admin registers a type of the city’s market bureau, then adds a district department as its issuer', async () => {
  const page = await suite.pageAs('itemadmin');
  await openTypes(page);
  await page.getByTestId('license-types-create').click();
  await page.getByTestId('license-type-create').waitFor();
  await page.getByTestId('license-type-definer').click();
  await page.keyboard.type('淮北市市场监督管理局');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '淮北市市场监督管理局' }).first().click();
  const code = await page.getByTestId('license-type-code').inputValue();
  assert.match(code, /^[0-9A-Z]{18}001$/);
  await page.getByTestId('license-type-name').fill('淮北市食品小作坊登记证');
  // A long-term type needs the law that says so: the form asks for the basis until a term is given.
  await page.getByTestId('license-type-create-ok').click();
  await page.getByText('长期有效须有法律依据', { exact: false }).waitFor();
  await page.getByTestId('license-type-validity').fill('3');
  // Each field: its key (as the form names it), its Chinese label, sealed and printed.
  await page.getByTestId('license-type-field-add').click();
  await page.getByTestId('license-type-field-key-0').fill('shopName');
  await page.getByTestId('license-type-field-label-0').fill('作坊名称');
  await page.getByTestId('license-type-field-add').click();
  await page.getByTestId('license-type-field-key-1').fill('phone');
  await page.getByTestId('license-type-field-label-1').fill('联系电话');
  // a contact phone can be neither sealed nor printed: the page says so and sends it unsealed
  assert.equal(await page.getByTestId('license-type-field-sealed-1').isDisabled(), true);
  await addIssuer(page, '淮北市市场监督管理局');
  await page.getByTestId('license-type-create-ok').click();
  await page.getByTestId('license-type-create').waitFor({ state: 'detached' });
  await search(page, '淮北市食品小作坊登记证');
  await page.getByTestId(`license-type-issuers-${code}`).getByText('淮北市市场监督管理局').waitFor();
  const created = await typeNamed('淮北市食品小作坊登记证');
  assert.equal(created.code, code);
  assert.equal(created.validityYears, 3);
  assert.deepEqual(created.fields, [
    { key: 'shopName', label: '作坊名称', labelEn: null, printed: true, sealed: true },
    { key: 'phone', label: '联系电话', labelEn: null, printed: false, sealed: false },
  ]);
  await page.getByTestId(`license-type-fields-${code}`).getByText('作坊名称').waitFor();

  await page.getByTestId(`license-type-edit-${code}`).click();
  await page.getByTestId('license-type-edit').waitFor();
  await addIssuer(page, '相山区市场监督管理局');
  await page.getByTestId('license-type-edit-ok').click();
  await page.getByTestId('license-type-edit').waitFor({ state: 'detached' });
  await page.getByTestId(`license-type-issuers-${code}`).getByText('相山区市场监督管理局').waitFor();
  const saved = await typeNamed('淮北市食品小作坊登记证');
  assert.deepEqual(
    saved.issuers.map((i) => i.name),
    ['淮北市市场监督管理局', '相山区市场监督管理局'],
  );
  assert.equal(saved.version, created.version + 1);
});

e2e('a county item admin cannot add a city department to its own type: the refusal is shown and the type stays as it was', async () => {
  const page = await suite.pageAs(COUNTY_ADMIN);
  await openTypes(page);
  const own = await typeNamed(COUNTY_TYPE_NAME);
  await search(page, COUNTY_TYPE_NAME);
  await page.getByTestId(`license-type-edit-${own.code}`).click();
  await page.getByTestId('license-type-edit').waitFor();
  await addIssuer(page, '淮北市市场监督管理局');
  await page.getByTestId('license-type-edit-ok').click();
  const error = page.getByTestId('license-type-edit-error');
  await error.waitFor();
  // the server's LICENSE_ISSUER_OUT_OF_SCOPE, in Chinese; the form stays open with the choice
  assert.match(await error.innerText(), /只能指定本辖区的部门为发证部门/);
  await page.getByTestId('license-type-edit').waitFor();
  assert.deepEqual(await typeNamed(COUNTY_TYPE_NAME), own);
});

e2e('the national admin changes a type’s validity', async () => {
  const page = await suite.pageAs('admin');
  await openTypes(page);
  assert.equal(await page.getByTestId('license-types-scope').getAttribute('data-national'), 'true');
  const employment = await typeNamed('就业创业证');
  await page.getByTestId(`license-type-edit-${employment.code}`).click();
  await page.getByTestId('license-type-edit').waitFor();
  await page.getByTestId('license-type-validity').fill('5');
  await page.getByTestId('license-type-edit-ok').click();
  await page.getByTestId('license-type-edit').waitFor({ state: 'detached' });
  await page.getByTestId('license-types-table').locator('tr').filter({ hasText: '就业创业证' }).getByText('5 年').waitFor();
  assert.equal((await typeNamed('就业创业证')).validityYears, 5);
});

e2e('the case page links to the public verification with the licence’s code; a supervisor’s view of the case has none', async () => {
  const company = await apiAs(suite.url, 'company');
  const reviewer = await apiAs(suite.url, 'reviewer');
  const number = await grantedCompanyCase(suite.url, '淮北市核验码测试科技有限公司');
  const { items } = await company<{ items: { identifier: string; caseNumber: string | null; verifyCode: string }[] }>('GET', '/api/licenses/mine');
  const license = items.find((l) => l.caseNumber === number);
  assert.ok(license, 'the granted case’s licence is in the wallet');

  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/cases/${number}`);
  const link = page.getByTestId('case-license-verify');
  await link.waitFor();
  const href = new URL((await link.getAttribute('href'))!, suite.url);
  assert.equal(href.pathname, `/verify/${license.identifier}`);
  assert.equal(href.searchParams.get('code'), license.verifyCode);
  await page.goto(href.toString());
  await attr(page, 'verify-status', 'status', 'valid').waitFor();

  // the code is the holder's and the issuing department's to hand out, not every viewer's of the case
  const supervisor = await apiAs(suite.url, 'supervisor');
  const seen = await supervisor<{ license: { identifier: string; verifyCode: string | null } | null }>('GET', `/api/cases/${number}`);
  assert.deepEqual(seen.license, { identifier: license.identifier, verifyCode: null });
  const issuer = await reviewer<{ license: { verifyCode: string | null } | null }>('GET', `/api/cases/${number}`);
  assert.equal(issuer.license?.verifyCode, license.verifyCode);
});
