// The item admin's steps editor says, per reviewer's step, whether it must be taken by someone who did none of the
// case's earlier steps (审查与决定分离, `separateDuties`): ticked by default for 决定, as the cases module applies it;
// what the admin ticks is saved in the draft and shown again.
// Run: node scripts/test.mjs --e2e tests/e2e/steps-editor.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { seedCatalog, type SeededCatalog } from './catalog-data.ts';

let seeded: SeededCatalog;
const suite = browserSuite({ setup: async (url) => void (seeded = await seedCatalog(url)) });
const { e2e } = suite;

type Steps = { key: string; name: string; role: string; separateDuties?: boolean }[];

/** The steps of the implementation's newest version, as the server keeps them. */
async function savedSteps(page: Page, id: number): Promise<Steps> {
  const res = await page.request.get(`${suite.url}/api/catalog/implementations/${id}`);
  assert.equal(res.status(), 200);
  const detail = (await res.json()) as { versions: { number: number; content: { steps: Steps } }[] };
  return [...detail.versions].sort((a, b) => b.number - a.number)[0].content.steps;
}

const box = (page: Page, i: number) => page.getByTestId(`step-separate-${i}`).locator('input[type="checkbox"]');
const label = (page: Page, i: number) => page.getByTestId(`step-separate-${i}`).locator('.ant-checkbox-wrapper');

e2e('each reviewer step has a 审查与决定分离 checkbox with help, ticked for 决定 by default; what is ticked is saved', async () => {
  const page = await suite.pageAs('itemadmin');
  const id = seeded.restaurantXiangshan.id;
  await page.goto(`${suite.url}/app/catalog/${id}`);
  await page.locator('[data-testid="editor-version-status"][data-status="published"]').waitFor();
  await page.getByTestId('editor-newVersion').click();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('confirm-ok').waitFor({ state: 'detached' });
  await page.locator('[data-testid="editor-version-status"][data-status="draft"]').waitFor();
  await page.getByTestId('editor-tab-steps').click();
  await page.getByTestId('step-2').waitFor();

  // 受理 is the window's: no checkbox. 审查: not ticked. 决定: ticked by default (the draft says nothing).
  assert.deepEqual(
    (await savedSteps(page, id)).map((s) => [s.key, s.separateDuties]),
    [
      ['accept', undefined],
      ['review', undefined],
      ['decide', undefined],
    ],
  );
  assert.equal(await page.getByTestId('step-separate-0').count(), 0);
  assert.equal(await box(page, 1).isChecked(), false);
  assert.equal(await box(page, 2).isChecked(), true);
  assert.equal(await label(page, 2).innerText(), '审查与决定分离：须由未办理前序环节的人员办理');
  assert.match(await page.getByTestId('step-separate-help-2').innerText(), /办理过本办件前面任一环节的人员不能认领、办理或转交此环节；“决定”环节默认勾选/);

  // The admin asks it of 审查 and lifts it from 决定: both are saved as said.
  await label(page, 1).click();
  await label(page, 2).click();
  assert.equal(await box(page, 1).isChecked(), true);
  assert.equal(await box(page, 2).isChecked(), false);
  await page.getByTestId('editor-save').click();
  await page.getByTestId('editor-dirty').waitFor({ state: 'detached' });
  assert.deepEqual(
    (await savedSteps(page, id)).map((s) => [s.key, s.separateDuties]),
    [
      ['accept', undefined],
      ['review', true],
      ['decide', false],
    ],
  );

  // Shown again as saved.
  await page.reload();
  await page.getByTestId('editor-tab-steps').click();
  await page.getByTestId('step-2').waitFor();
  assert.equal(await box(page, 1).isChecked(), true);
  assert.equal(await box(page, 2).isChecked(), false);
});
