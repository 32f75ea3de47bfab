// 秒批 rules in a real Chromium: the item admin makes a rule set for 个体工商户设立登记 (相山区), tests an input and
// reads which condition failed and why, sees a golden case fail after an edit and the publication refused, fixes it
// and publishes.
// Run: node scripts/test.mjs --e2e tests/e2e/rules.e2e.test.ts
import assert from 'node:assert/strict';
import { browserSuite, choose, shot } from './browser.ts';

const suite = browserSuite();
const { e2e } = suite;

e2e('the item admin defines, tests and publishes a rule set; a failing golden case blocks publication', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-rules').click();
  await page.getByTestId('rules-new').click();
  await page.getByTestId('rules-new-code').fill('soletrader-xs');
  await page.getByTestId('rules-new-name').fill('个体工商户设立登记秒批');
  await page.getByTestId('rules-new-implementation').locator('input').fill('340603-XK-0002');
  await choose(page, 'rules-new-implementation', '340603-XK-0002');
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await page.getByTestId('rules-status').filter({ hasText: '第 1 版' }).waitFor();

  // Which condition failed, with the value read, the test and the article.
  await page.getByTestId('rules-test-inputs').fill('{"age": 16}');
  await page.getByTestId('rules-test-run').click();
  await page.getByTestId('rules-test-outcome').filter({ hasText: '不符合' }).waitFor();
  const explanation = await page.getByTestId('rules-test-explanation').innerText();
  assert.match(explanation, /“申请人年满十八周岁”不符合：申请人年龄为 16，要求 >= 18（依据《中华人民共和国民法典》第十八条）/);
  await shot(page, 'rules-test');

  // A stricter test makes the adult golden case (30) fail: the verdict says so and publishing is refused.
  await page.getByTestId('rules-condition-test-0').fill('>= 40');
  await page.getByTestId('rules-save').click();
  await page.getByTestId('rules-golden-run').click();
  await page.getByTestId('rules-golden-verdict').filter({ hasText: '有用例未通过' }).waitFor();
  await page.getByTestId('rules-publish').click();
  await page.getByTestId('rules-problem').filter({ hasText: '未通过' }).waitFor();

  await page.getByTestId('rules-condition-test-0').fill('>= 18');
  await page.getByTestId('rules-save').click();
  await page.getByTestId('rules-golden-run').click();
  await page.getByTestId('rules-golden-verdict').filter({ hasText: '全部通过' }).waitFor();
  await page.getByTestId('rules-publish').click();
  await page.getByTestId('rules-status').filter({ hasText: '已发布' }).waitFor();
  await shot(page, 'rules-published');
});
