// Browser journeys of the catalogue: an item admin drafts, reviews and publishes an item; an applicant finds it and
// reads its guide; inspection, import and version history work in a real Chromium.
// Run: npx tsx --test tests/e2e/catalog.e2e.test.ts   (E2E_SHOTS=dir also saves screenshots of the main pages)
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { BASE_COLUMNS, BASE_SHEET, IMPL_COLUMNS, IMPL_SHEET, MATERIAL_COLUMNS, MATERIAL_SHEET } from '../../src/modules/catalog/index.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { browserSuite, shot } from './browser.ts';
import { seedCatalog } from './catalog-data.ts';
import type { SeededCatalog } from './catalog-data.ts';

let seeded: SeededCatalog;
// The demo catalogue may or may not be seeded: these items are created through the API either way.
const suite = browserSuite({ setup: async (url) => void (seeded = await seedCatalog(url)) });
const { e2e } = suite;

/** Chooses an option of an antd Select by its text, and waits until the Select shows it. */
async function choose(page: Page, testId: string, text: string, typed?: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor();
    await option.click();
    try {
      await select.filter({ hasText: text }).waitFor({ timeout: 3_000 });
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      return;
    } catch (err) {
      // the options were still loading under the pointer: close the list and try again
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function waitForStatus(page: Page, testId: string, status: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).waitFor();
}

e2e(
  'an item admin creates a base item and an implementation, fills it in, and it is reviewed and published',
  async () => {
    const page = await suite.pageAs('itemadmin');
    await page.getByTestId('menu-catalog').click();
    await page.getByTestId('impl-create').click();

    // a new base item, from inside the create dialog
    await page.getByTestId('impl-new-base').click();
    await page.getByTestId('base-code').fill('UIXK01');
    await page.getByTestId('base-name').fill('小餐饮经营许可');
    await page.getByTestId('base-legalBasis').fill('《安徽省食品小作坊小餐饮和食品摊贩管理条例》');
    await page.getByTestId('base-create-ok').click();
    await page.getByTestId('base-create').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="impl-name"]')?.value === '小餐饮经营许可');
    await page.getByTestId('impl-create-modal').getByText('UIXK01 小餐饮经营许可').waitFor();

    // the region defaults to the admin's own; the department is picked; the code is suggested
    await choose(page, 'impl-department', '淮北市市场监督管理局', '市场');
    await page.getByTestId('impl-code-suggest').click();
    assert.equal(await page.getByTestId('impl-code').inputValue(), 'UIXK01-340600');
    await page.getByTestId('impl-create-modal-ok').click();
    await page.waitForURL(/\/app\/catalog\/\d+$/);
    await waitForStatus(page, 'editor-version-status', 'draft');

    // submitting the bare draft is refused: the inspection's findings appear beside the elements they concern
    await page.getByTestId('editor-submit').click();
    await page.getByTestId('error-acceptanceConditions').waitFor();
    assert.match(await page.getByTestId('error-acceptanceConditions').innerText(), /缺少受理条件/);
    assert.match(await page.getByTestId('editor-error').innerText(), /申请材料/);

    // 基本信息
    await page.getByTestId('el-acceptanceConditions').fill('在本市从事小餐饮经营，有固定经营场所。');
    await page.getByTestId('el-resultName').fill('小餐饮经营许可证');
    await page.getByTestId('el-visitsReason').fill('需现场核验经营场所');
    await page.getByTestId('el-serviceObjects').getByText('自然人').click();
    await page.getByTestId('el-serviceObjects').getByText('企业法人').click();
    await page.getByTestId('el-place').fill('淮北市政务服务中心二楼');
    await page.getByTestId('el-hours').fill('工作日 9:00-17:00');
    await page.getByTestId('el-consultation').fill('0561-3000001');
    await page.getByTestId('el-complaint').fill('12345');
    await page.getByTestId('el-topics').locator('input').fill('开办餐饮店');
    await page.keyboard.press('Enter');

    // a promise longer than the law allows: the server's message appears beside the element
    await page.getByTestId('el-promisedLimit-value').fill('30');
    await page.getByTestId('editor-save').click();
    await page.getByTestId('error-promisedLimit').waitFor();
    assert.match(await page.getByTestId('error-promisedLimit').innerText(), /承诺时限不得长于法定时限/);
    await page.getByTestId('el-promisedLimit-value').fill('10');

    // 申请材料
    await page.getByTestId('editor-tab-materials').click();
    await page.getByTestId('material-add').click();
    await page.getByTestId('material-name-0').fill('小餐饮经营许可申请表');
    await page.getByTestId('material-standard-0').fill('填写完整并签字');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('material-blank-0-upload').click();
    await (
      await chooser
    ).setFiles({ name: '申请表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await page.getByTestId('material-blank-0-link').waitFor();

    // 办理环节
    await page.getByTestId('editor-tab-steps').click();
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-name-0').fill('受理');
    await page.getByTestId('step-name-1').fill('现场核查');
    await page.getByTestId('step-days-1').fill('3');

    // 申请表单: a required ID-number field, tried out in the preview
    await page.getByTestId('editor-tab-form').click();
    await page.getByTestId('designer-add').click();
    await page.getByTestId('field-label-0').fill('经营者身份证号码');
    await page.getByTestId('field-key-0').fill('operatorId');
    await choose(page, 'field-widget-0', '身份证号码');
    await page.getByTestId('field-required-0').click();
    await page.getByTestId('field-desc-0').fill('与营业执照登记的经营者一致');
    await page.getByTestId('preview-input-operatorId').fill('110105194912310021');
    await page.getByTestId('preview-check').click();
    await page.getByText('身份证号码不正确').waitFor();
    await page.getByTestId('preview-input-operatorId').fill('11010519491231002X');
    await page.getByTestId('preview-check').click();
    await page.getByTestId('preview-ok').waitFor();

    await page.getByTestId('editor-save').click();
    await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('editor-error').count(), 0);
    await shot(page, 'editor-form');

    // submitted, then approved: published
    await page.getByTestId('editor-submit').click();
    await waitForStatus(page, 'editor-version-status', 'in_review');
    await page.getByTestId('editor-approve').click();
    await page.getByTestId('note-input').fill('要素齐全，同意发布');
    await page.getByTestId('note-ok').click();
    await waitForStatus(page, 'editor-status', 'published');
    await waitForStatus(page, 'editor-version-status', 'published');

    const guide = await page.request.get(`${suite.url}/api/items/UIXK01-340600`);
    assert.equal(guide.status(), 200);
    const body = (await guide.json()) as {
      materials: { name: string; blankFormFile: string | null }[];
      steps: unknown[];
      form: { required: string[]; properties: Record<string, { format?: string }> };
    };
    assert.deepEqual(
      body.materials.map((m) => m.name),
      ['小餐饮经营许可申请表'],
    );
    assert.match(body.materials[0].blankFormFile ?? '', /^[0-9a-f]{64}$/);
    const blank = await page.request.get(`${suite.url}/api/files/${body.materials[0].blankFormFile}`);
    assert.equal(blank.headers()['content-type'], 'application/pdf');
    assert.equal(body.steps.length, 2);
    assert.deepEqual(body.form.required, ['operatorId']);
    assert.equal(body.form.properties.operatorId.format, 'cn-id-number');
  },
  { timeout: 120_000 },
); // the longest journey of the file: 20 s alone, 40 s beside the other browser tests in CI

e2e('an applicant searches 餐饮 without signing in, opens the guide and sees its materials and QR code', async () => {
  const { page } = await suite.newPage();
  await page.goto(suite.url);
  await page.getByTestId('home-search').locator('input').fill('餐饮');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/items\?q=/);
  const first = page.locator('[data-testid^="result-"]').first();
  await first.waitFor();
  const code = (await first.getAttribute('data-testid'))!.replace('result-', '');
  const expected = (await (await page.request.get(`${suite.url}/api/items/${encodeURIComponent(code)}`)).json()) as {
    name: string;
    materials: { name: string }[];
  };
  await shot(page, 'search');
  await first.getByTestId('result-link').click();
  await page.waitForURL(`${suite.url}/guide/${encodeURIComponent(code)}`);
  assert.equal((await page.getByTestId('guide-name').innerText()).trim(), expected.name);
  const materials = page.getByTestId('guide-materials');
  assert.ok(expected.materials.length > 0, 'the guide lists materials');
  for (const m of expected.materials) await materials.getByText(m.name, { exact: true }).first().waitFor();
  const qr = page.getByTestId('guide-qr');
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="guide-qr"]');
    return !!img && img.complete && img.naturalWidth > 0;
  });
  assert.match((await qr.getAttribute('src')) ?? '', /qr\.svg$/);
  await shot(page, 'guide');

  // 在线申请 sends a visitor to sign in first, with the application as where to go next
  await page.getByTestId('guide-apply').click();
  await page.waitForURL(`${suite.url}/login?next=${encodeURIComponent(`/app/apply/${encodeURIComponent(code)}`)}`);
  await page.getByTestId('login-submit').waitFor();

  // the seeded restaurant is found too, with its licence-backed material
  await page.goto(`${suite.url}/items?q=${encodeURIComponent('餐饮')}&department=${seeded.restaurant.departmentId}`);
  await page.getByTestId(`result-${seeded.restaurant.code}`).getByTestId('result-link').click();
  await page.getByTestId('guide-materials').getByText('免提交（电子证照：营业执照）').waitFor();

  // two characters find the social security card; a filter narrows by department
  await page.goto(`${suite.url}/items?q=${encodeURIComponent('社保')}`);
  await page.getByTestId(`result-${seeded.socialCard.code}`).waitFor();

  // on a phone the guide fits the width
  const phone = await suite.newPage({ viewport: { width: 390, height: 844 } });
  await phone.page.goto(`${suite.url}/guide/${seeded.restaurant.code}`);
  await phone.page.getByTestId('guide-qr').waitFor();
  await phone.page.getByTestId(`material-license`).waitFor();
  assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the guide fits 390px');
  await shot(phone.page, 'guide-390');
});

e2e('the inspection page lists findings; a department reviewer sees only their own department', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.goto(`${suite.url}/app/catalog/inspection`);
  const fee = page.getByTestId(`finding-${seeded.hygiene.code}-STEPS_EXCEED_PROMISED`);
  await fee.waitFor();
  assert.match(await fee.innerText(), /超过承诺时限/);
  await page.getByTestId(`finding-${seeded.restaurant.code}-MATERIAL_WITHOUT_STANDARD`).waitFor();
  await page.getByTestId('inspection-rerun').click();
  await page.getByTestId('inspection-ran-at').waitFor();
  await fee.waitFor();
  await page.getByTestId('inspection-tab-department').click();
  await page.getByTestId('inspection-by-department').getByText('淮北市卫生健康委员会').waitFor();
  await shot(page, 'inspection');
  // the link goes to the editor
  await page.getByTestId('inspection-tab-findings').click();
  await page.getByTestId(`finding-link-${seeded.hygiene.code}`).first().click();
  await page.waitForURL(`${suite.url}/app/catalog/${seeded.hygiene.id}`);

  const reviewer = await suite.pageAs('reviewer');
  await reviewer.getByTestId('menu-inspection').click();
  await reviewer.getByTestId('inspection-own-department').waitFor();
  const rows = reviewer.locator('[data-testid="inspection-findings"] tr[data-department]');
  await rows.first().waitFor();
  const departments = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-department'))));
  assert.deepEqual([...departments], ['淮北市市场监督管理局']);
  assert.equal(await reviewer.getByTestId(`finding-${seeded.hygiene.code}-STEPS_EXCEED_PROMISED`).count(), 0);
});

/** A workbook in the import format with one good row and three bad ones. */
async function badWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(BASE_SHEET).addRow(BASE_COLUMNS.map((c) => c.header));
  wb.worksheets[0].addRow(['IMPXK01', '导入测试许可', '01', '3', '《导入测试条例》', '']);
  const impl = wb.addWorksheet(IMPL_SHEET);
  impl.addRow(IMPL_COLUMNS.map((c) => c.header));
  const good: Record<string, string | number> = {
    code: 'IMP-340600-001',
    baseCode: 'IMPXK01',
    regionCode: '340600',
    departmentUscc: makeUscc('11', '340600', '00300002'),
    name: '导入测试许可',
    caseType: '2',
    'legalLimit.value': 20,
    'legalLimit.unit': '工作日',
    'promisedLimit.value': 10,
    'promisedLimit.unit': '工作日',
    visits: 0,
    handlingForms: '1,2',
    onlineDepth: 4,
    serviceObjects: '2',
    steps: JSON.stringify([{ key: 'accept', name: '受理', role: 'clerk', budgetDays: 1 }]),
  };
  const row = (values: Record<string, string | number>) => impl.addRow(IMPL_COLUMNS.map((c) => values[c.key] ?? ''));
  row(good); // row 2
  row({ ...good, code: 'IMP-340600-002', 'legalLimit.unit': '天' }); // row 3: not a unit
  row({ ...good, code: 'IMP-340600-003', 'promisedLimit.value': 30 }); // row 4: promised > legal
  row({ ...good, code: 'IMP-340600-004', baseCode: 'NOSUCH01' }); // row 5: unknown base item
  wb.addWorksheet(MATERIAL_SHEET).addRow(MATERIAL_COLUMNS.map((c) => c.header));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

e2e('a dry run of a workbook with bad rows lists them row by row and changes nothing', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.getByTestId('menu-import').click();
  await page.locator('input[type=file]').setInputFiles({
    name: 'catalog-bad.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await badWorkbook(),
  });
  assert.equal((await page.getByTestId('import-file-name').innerText()).trim(), 'catalog-bad.xlsx');
  assert.equal(await page.getByTestId('import-run').isDisabled(), true, 'import waits for a passing check');
  await page.getByTestId('import-dry-run').click();
  await waitForStatus(page, 'import-job', 'failed');
  const problem = (row: number) => page.getByTestId(`problem-${IMPL_SHEET}-${row}`);
  const columnsOf = (row: number) => problem(row).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-column')));
  await problem(3).first().waitFor();
  assert.ok((await columnsOf(3)).includes('法定时限单位'));
  assert.ok((await columnsOf(4)).includes('承诺时限'));
  assert.ok((await columnsOf(5)).includes('基本编码'));
  assert.equal(await problem(2).count(), 0, 'the good row has no problem');
  assert.equal(await page.getByTestId('import-run').isDisabled(), true);
  await shot(page, 'import');
  const after = await page.request.get(`${suite.url}/api/catalog/implementations?q=IMP-340600-001`);
  assert.equal(((await after.json()) as { total: number }).total, 0, 'a dry run writes nothing');
});

e2e('a new version of a published item, once edited, shows the changed element in the version diff', async () => {
  const page = await suite.pageAs('itemadmin');
  await page.goto(`${suite.url}/app/catalog/${seeded.restaurant.id}`);
  await waitForStatus(page, 'editor-version-status', 'published');
  await page.getByTestId('editor-newVersion').click();
  const created = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/versions'));
  await page.getByTestId('confirm-ok').click();
  assert.equal((await created).status(), 201, 'the new version is made');
  await page.getByTestId('confirm-ok').waitFor({ state: 'detached' });
  await waitForStatus(page, 'editor-version-status', 'draft');
  await page.getByTestId('el-hours').fill('周一至周六 8:30-17:30');
  await page.getByTestId('editor-save').click();
  await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });
  await page.getByTestId('editor-tab-versions').click();
  await page.getByTestId('version-row-2').waitFor();
  const row = page.getByTestId('diff-row-hours');
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /周一至周五 9:00-12:00/);
  assert.match(text, /周一至周六 8:30-17:30/);
  await shot(page, 'editor-versions');
  // the published guide is unchanged until the new version is approved
  const guide = (await (await page.request.get(`${suite.url}/api/items/${seeded.restaurant.code}`)).json()) as { hours: string; versionNumber: number };
  assert.equal(guide.versionNumber, 1);
  assert.match(guide.hours, /周一至周五/);
});
