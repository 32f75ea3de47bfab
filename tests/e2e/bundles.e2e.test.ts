// 一件事一次办 in a real Chromium: anyone sees the published bundles with their reductions and opens a guide; the
// item admin picks 开办餐饮店 in the editor's form, removes a member and sees the counts before and after change, is
// refused a cycle, and compares the districts' adoptions of the template (二次统筹).
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundles.e2e.test.ts
import assert from 'node:assert/strict';
import { attr, browserSuite, choose, shot } from './browser.ts';

const suite = browserSuite();
const { e2e } = suite;

e2e('the public page lists the bundles with their reductions and the overall ones', async () => {
  const { page } = await suite.newPage();
  await page.goto(`${suite.url}/bundles`);
  const born = page.getByTestId('bundle-340600-YJS-0002-reductions-materials');
  await born.waitFor();
  assert.equal(await born.getAttribute('data-before'), '13');
  assert.equal(await born.getAttribute('data-after'), '3');
  assert.equal(await born.getAttribute('data-ratio'), '76.92');
  await page.getByTestId('bundles-overall-materials').waitFor();
  await shot(page, 'bundles-public');
  await page.getByRole('link', { name: '新生儿出生' }).click();
  await page.getByTestId('bundle-guide').getByText('出生医学证明首次签发').first().waitFor();
  await page.getByTestId('bundle-longest-path').getByText('社会保障卡申领').waitFor();
});

e2e('the item admin edits 开办餐饮店 in the form, the counts before and after follow, and compares the districts’ adoptions', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-bundles').click();
  await choose(page, 'bundle-editor-pick', '开办餐饮店');
  const steps = page.getByTestId('bundle-editor-reductions-steps');
  await steps.waitFor();
  const before = Number(await steps.getAttribute('data-before'));
  // Provenance: the merged 企业名称 answers the members' fields, each named with its member (营业执照: 企业设立登记).
  await page
    .getByTestId('bundle-field-maps-entityName')
    .getByText(/企业设立登记/)
    .first()
    .waitFor();
  // Removing 税务 drops its maps too: the preview recomputes without it.
  await page.getByTestId('bundle-member-remove-tax').click();
  await attr(page, 'bundle-editor-reductions-steps', 'before', String(before - 3)).waitFor();
  // A cycle (营业执照 waiting for 食品经营许可, which waits for it) is refused with its reason, at once.
  await choose(page, 'bundle-member-deps-license', '食品经营许可');
  await page.getByTestId('bundle-editor-problem').getByText(/成环/).waitFor();
  await shot(page, 'bundles-editor');
  // 二次统筹: 濉溪县 left out the outdoor sign of the city's template; 相山区 agrees.
  await page.getByTestId('menu-bundle-harmonisation').click();
  await attr(page, 'bundle-harm-cell-340621-YJS-0001-members', 'differs', 'true').getByText(/缺少/).waitFor();
  await attr(page, 'bundle-harm-cell-340603-YJS-0001-members', 'differs', 'false').waitFor();
  await page.getByTestId('bundle-harm-340600-YJS-0001-agreeing').getByText('1/2').waitFor();
  await shot(page, 'bundles-harmonisation');
});
