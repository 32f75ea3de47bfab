// 一件事一次办 in a real Chromium: anyone sees the published bundles with their reductions and opens a guide; the
// item admin picks 开办餐饮店 in the editor, removes a member and sees the counts before and after change.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundles.e2e.test.ts
import assert from 'node:assert/strict';
import { browserSuite, choose, shot } from './browser.ts';

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

e2e('the item admin edits 开办餐饮店 and the counts before and after follow', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-bundles').click();
  await choose(page, 'bundle-editor-pick', '开办餐饮店');
  const steps = page.getByTestId('bundle-editor-reductions-steps');
  await steps.waitFor();
  const before = Number(await steps.getAttribute('data-before'));
  const json = page.getByTestId('bundle-editor-json');
  const content = JSON.parse(await json.inputValue()) as { members: { key: string }[]; fields: { maps: { member: string }[] }[] };
  content.members = content.members.filter((m) => m.key !== 'tax');
  for (const f of content.fields) f.maps = f.maps.filter((m) => m.member !== 'tax');
  await json.fill(JSON.stringify(content, null, 2));
  await page.locator(`[data-testid="bundle-editor-reductions-steps"][data-before="${before - 3}"]`).waitFor();
  // A cycle is refused with its reason, at once.
  const cyclic = { ...content, members: content.members.map((m) => (m.key === 'license' ? { ...m, dependsOn: ['food'] } : m)) };
  await json.fill(JSON.stringify(cyclic, null, 2));
  await page.getByTestId('bundle-editor-problem').waitFor();
  await shot(page, 'bundles-editor');
});
