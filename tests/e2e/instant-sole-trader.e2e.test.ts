// 秒批 made by an item admin in a real Chromium (issue 22): 个体工商户设立登记 of 相山区 (340603-XK-0002) has a draft rule
// set of eight conditions with golden cases, and one application people decided before. The item admin runs the golden
// cases, publishes — the replay shows the past application the new rules would have granted, and the admin confirms —
// and switches the item to instant approval. The person who meets every condition gets the 个体工商户营业执照 at once and
// reads why; applying again (premises without a street number, the licence already held) the case goes to people and
// the applicant reads which conditions failed.
// Run: node scripts/test.mjs --e2e tests/e2e/instant-sole-trader.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, attr, browserSuite, choose, shot } from './browser.ts';
import { LT } from '../../src/bootstrap/demo-catalog/kit.ts';
import { soleTraderRules } from '../../src/modules/rules/index.ts';

const ITEM = '340603-XK-0002';
const CODE = 'soletrader-instant-e2e';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const FORM = { operatingForm: '个人经营', shopAddress: '淮北市相山区人民路12号', businessScope: '小吃服务' };

let pastCase = '';

const suite = browserSuite({
  setup: async (url) => {
    // The scene: the rule set drafted (as the department would), and an application people decided before it.
    const admin = await apiAs(url, 'itemadmin');
    const { items } = await admin<{ items: { id: number; code: string }[] }>('GET', `/api/catalog/implementations?q=${ITEM}&pageSize=5`);
    const impl = items.find((i) => i.code === ITEM);
    assert.ok(impl, ITEM);
    await admin('POST', '/api/rule-sets', {
      code: CODE,
      name: '个体工商户设立登记秒批',
      implementationId: impl.id,
      validFrom: '2026-01-01',
      content: soleTraderRules(LT.soleTraderLicense),
    });
    const person = await apiAs(url, 'person');
    const c = await person<{ number: string }>('POST', '/api/cases', { implementationCode: ITEM, formData: { ...FORM, phone: '13905611008' }, submit: true });
    pastCase = c.number;
  },
});
const { e2e } = suite;

/** The person fills the sole trader's application, supplies the three materials and submits. */
async function applyAndSubmit(page: Page, shopAddress: string): Promise<void> {
  await page.goto(`${suite.url}/app/apply/${ITEM}`);
  await page.getByTestId('apply-item-name').getByText('个体工商户设立登记').waitFor();
  await page.getByTestId('apply-input-phone').fill('13905611008');
  await page.getByTestId('apply-input-operatingForm').getByText('个人经营').click();
  await page.getByTestId('apply-input-shopAddress').fill(shopAddress);
  await page.getByTestId('apply-input-businessScope').fill(FORM.businessScope);
  for (const key of ['application', 'id_card', 'premises']) {
    await page.getByTestId(`material-file-${key}`).setInputFiles({ name: `${key}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await attr(page, `material-mode-${key}`, 'mode', 'upload').waitFor();
  }
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-receipt-number').waitFor();
}

e2e('the item admin publishes after the replay and switches the item to instant approval', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-rules').click();
  await choose(page, 'rules-pick', CODE);
  await page.getByTestId('rules-status').filter({ hasText: '第 1 版' }).waitFor();
  await page.getByTestId('rules-golden-run').click();
  await page.getByTestId('rules-golden-verdict').filter({ hasText: '全部通过' }).waitFor();

  // Publishing replays first: the past application would now be granted without a person; the admin sees it.
  await page.getByTestId('rules-publish').click();
  await page.getByTestId('rules-replay').waitFor();
  assert.match(await page.getByTestId('rules-replay-summary').innerText(), /其中 1 件结果会改变/);
  assert.equal(await page.getByTestId('rules-replay-case').first().innerText(), pastCase);
  assert.match(await page.getByTestId('rules-replay-changes').innerText(), /人工办理[\s\S]*准予（秒批）/);
  await shot(page, 'rules-replay-diff');
  await page.getByTestId('rules-publish-confirm').click();
  await page.getByTestId('rules-status').filter({ hasText: '已发布' }).waitFor();

  await page.getByTestId('rules-instant').click();
  await page.locator('[data-testid="rules-instant"][aria-checked="true"]').waitFor();
});

e2e('an applicant who meets every condition gets the 个体工商户营业执照 at once and sees why', async () => {
  const page = await suite.pageAs('person');
  await applyAndSubmit(page, FORM.shopAddress);
  await attr(page, 'apply-instant', 'outcome', 'grant').waitFor();
  assert.match(await page.getByTestId('apply-instant-license').innerText(), /\S{20,}/);
  const why = await page.getByTestId('apply-instant-explanation').innerText();
  assert.match(why, /符合全部 8 项条件/);
  assert.match(why, /“经营场所详细到门牌号”符合/);
  await shot(page, 'instant-sole-trader-receipt');

  await page.getByTestId('apply-view-case').click();
  await page.getByTestId('case-license').waitFor();
  // The identifier names the licence type: the 个体工商户营业执照, which a person holds (not the organisations' 营业执照).
  assert.ok((await page.getByTestId('case-license').innerText()).includes(`.${LT.soleTraderLicense}.`));
  await attr(page, 'case-rule-outcome', 'outcome', 'grant').waitFor();
  for (const condition of ['adult', 'person', 'premises', 'notRegistered']) await attr(page, `case-rule-${condition}`, 'result', 'pass').waitFor();
  assert.match(await page.getByTestId('case-rule-version').innerText(), new RegExp(`${CODE} 第 1 版`));
});

e2e('one who does not meet a condition goes to people and sees which conditions failed', async () => {
  const page = await suite.pageAs('person');
  await applyAndSubmit(page, '淮北市相山区人民路');
  await attr(page, 'apply-instant', 'outcome', 'refuse').waitFor();
  const why = await page.getByTestId('apply-instant-explanation').innerText();
  assert.match(why, /“经营场所详细到门牌号”不符合/);
  assert.match(why, /“申请人未持有有效的个体工商户营业执照（不重复登记）”不符合/);
  assert.match(why, /转人工审核/);
  assert.equal(await page.getByTestId('apply-instant-license').count(), 0);

  await page.getByTestId('apply-view-case').click();
  await attr(page, 'case-rule-outcome', 'outcome', 'refuse').waitFor();
  await attr(page, 'case-rule-premises', 'result', 'fail').waitFor();
  await attr(page, 'case-rule-notRegistered', 'result', 'fail').waitFor();
  await attr(page, 'case-rule-adult', 'result', 'pass').waitFor();
  await page.getByTestId('event-rules_referred').waitFor();
  assert.equal(await page.getByTestId('case-license').count(), 0);
});
