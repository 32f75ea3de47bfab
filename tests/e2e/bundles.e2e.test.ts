// 一件事一次办 in a real Chromium: anyone sees the published bundles with their reductions and opens a guide; the
// item admin picks 开办餐饮店 in the editor's form, removes a member and sees the counts before and after change, is
// refused a cycle, and compares the districts' adoptions of the template (二次统筹).
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundles.e2e.test.ts
import assert from 'node:assert/strict';
import { apiAs, attr, browserSuite, choose, shot } from './browser.ts';

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

e2e('an item admin adopts the city’s 开办餐饮店 for 濉溪县 from the bundle page and gets a draft of its own in the editor', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-bundles').click();
  await choose(page, 'bundle-adopt-template', '开办餐饮店（淮北市）');
  await choose(page, 'bundle-adopt-department', '濉溪县市场监督管理局');
  const code = `340621-E2E-${Date.now().toString(36).slice(-5).toUpperCase()}`;
  await page.getByTestId('bundle-adopt-code').fill(code);
  await page.getByTestId('bundle-adopt-submit').click();
  // The members the county carries out itself are mapped to its implementations; the others are listed as kept.
  const result = page.getByTestId('bundle-adopt-result');
  await attr(page, 'bundle-adopt-member-food', 'mapped', 'true')
    .getByText(/已对应本地/)
    .waitFor();
  await attr(page, 'bundle-adopt-member-license', 'mapped', 'false')
    .getByText(/沿用模板/)
    .waitFor();
  await result.getByText(/个已对应本地实施/).waitFor();
  // The draft opens in the form editor, the reductions computed for it.
  await page.getByTestId('bundle-editor-pick').filter({ hasText: code }).waitFor();
  await page
    .getByTestId('bundle-editor-status')
    .getByText(/第 1 版/)
    .waitFor();
  await page.getByTestId('bundle-editor-reductions-steps').waitFor();
  await page
    .getByTestId('bundle-template-current')
    .getByText(/已是最新/)
    .waitFor();
  await shot(page, 'bundles-adopt');
});

e2e('the city publishes a new 开办餐饮店: 濉溪县’s bundle shows 模板已更新 with the differences and takes them into a new draft', async () => {
  // The city's new version through the API: its first step renamed.
  const city = await apiAs(suite.url, 'itemadmin');
  type Detail = { id: number; code: string; version: number; versions: { number: number; status: string; version: number; content: { steps: string[] } }[] };
  const { items } = await city<{ items: { id: number; code: string }[] }>('GET', '/api/bundle-definitions');
  const idOf = (code: string) => items.find((b) => b.code === code)!.id;
  const template = idOf('340600-YJS-0001');
  await city('POST', `/api/bundle-definitions/${template}/new-version`, {
    version: (await city<Detail>('GET', `/api/bundle-definitions/${template}`)).version,
  });
  const draft = (await city<Detail>('GET', `/api/bundle-definitions/${template}`)).versions[0];
  const steps = [`${draft.content.steps[0]}（网上）`, ...draft.content.steps.slice(1)];
  const saved = await city<{ version: number }>('PUT', `/api/bundle-definitions/${template}/draft`, {
    content: { ...draft.content, steps },
    version: draft.version,
  });
  await city('POST', `/api/bundle-definitions/${template}/submit`, { version: saved.version });
  await city('POST', `/api/bundle-definitions/${template}/approve`, { version: saved.version + 1 });

  // The harmonisation page marks the county's column; its tag leads to the bundle's page.
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-bundle-harmonisation').click();
  // (the table's header is drawn twice, one copy hidden, for its scrolling)
  await page.locator('[data-testid="bundle-harm-updated-340621-YJS-0001"]:visible').first().click();
  const updated = page.getByTestId('bundle-template-updated');
  await updated.getByText(/模板已更新/).waitFor();
  await page.getByTestId('bundle-template-diff').getByText(steps[0]).waitFor();
  await shot(page, 'bundles-template-updated');
  await page.getByTestId('bundle-template-take').click();
  // A new draft holding the template's change; the published version stays as it was.
  await page.getByTestId('bundle-editor-status').getByText(/草稿/).waitFor();
  await page
    .getByTestId('bundle-template-current')
    .getByText(/已是最新/)
    .waitFor();
  const county = await city<Detail>('GET', `/api/bundle-definitions/${idOf('340621-YJS-0001')}`);
  assert.deepEqual(
    county.versions.map((v) => v.status),
    ['draft', 'published'],
  );
  assert.deepEqual(county.versions[0].content.steps, steps);
  // On a phone the bundle page with its adoption card fits the width.
  const { page: phone } = await suite.newPage({ viewport: { width: 390, height: 844 } });
  await suite.signIn(phone, 'itemadmin');
  await phone.waitForURL(`${suite.url}/app`);
  await phone.goto(`${suite.url}/app/bundles?id=${idOf('340621-YJS-0001')}`);
  await phone.getByTestId('bundle-adopt').waitFor();
  await phone.getByTestId('bundle-template-current').waitFor();
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the bundle page fits 390px');
  await shot(phone, 'bundles-adopt-390');
});
