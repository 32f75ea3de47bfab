// 秒批 in a real Chromium (issue 22): 失业登记 of 淮北市 (340600-GG-0004) is set to instant approval by the demo's
// published rule set. The person who meets every condition submits and gets the 就业创业证 on the receipt at once, with
// why; the case page shows every condition met and the rule version. Applying again while holding the card, the case
// goes to people and the applicant reads which condition failed.
// Run: node scripts/test.mjs --e2e tests/e2e/instant-approval.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { attr, browserSuite, choose, shot } from './browser.ts';

const ITEM = '340600-GG-0004';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const suite = browserSuite();
const { e2e } = suite;

/** Fills the person's application with the ID card uploaded, and submits it. */
async function applyAndSubmit(page: Page): Promise<void> {
  await page.goto(`${suite.url}/app/apply/${ITEM}`);
  await page.getByTestId('apply-item-name').getByText('失业登记').waitFor();
  await page.getByTestId('apply-input-phone').fill('13905611008');
  const since = page.getByTestId('apply-unemployedSince').locator('input');
  await since.click();
  await since.fill('2026-03-02');
  await since.press('Enter');
  await choose(page, 'apply-input-education', '本科');
  await page.getByTestId('material-file-id_card').setInputFiles({ name: '身份证.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attr(page, 'material-mode-id_card', 'mode', 'upload').waitFor();
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-receipt-number').waitFor();
}

e2e('an applicant who meets every condition gets the licence at once and sees why', async () => {
  const page = await suite.pageAs('person');
  await applyAndSubmit(page);
  await attr(page, 'apply-instant', 'outcome', 'grant').waitFor();
  assert.match(await page.getByTestId('apply-instant-license').innerText(), /\S{20,}/);
  const why = await page.getByTestId('apply-instant-explanation').innerText();
  assert.match(why, /符合全部 4 项条件/);
  assert.match(why, /“申请人在法定劳动年龄内（十六至五十九周岁）”符合/);
  await shot(page, 'instant-approval-receipt');

  // The case page: closed, the licence, and every condition met with its article and the rule version.
  await page.getByTestId('apply-view-case').click();
  await page.getByTestId('case-license').waitFor();
  await attr(page, 'case-rule-outcome', 'outcome', 'grant').waitFor();
  for (const condition of ['workingAge', 'person', 'local', 'firstCard']) await attr(page, `case-rule-${condition}`, 'result', 'pass').waitFor();
  assert.match(await page.getByTestId('case-rule-version').innerText(), /340600-GG-0004-MP 第 1 版/);
  await page.getByTestId('event-decided').waitFor();
});

e2e('one who does not meet a condition goes to people and sees which condition failed', async () => {
  const page = await suite.pageAs('person');
  // The person holds the card issued in the first test: 每人限持一张, a person looks at it.
  await applyAndSubmit(page);
  await attr(page, 'apply-instant', 'outcome', 'refuse').waitFor();
  const why = await page.getByTestId('apply-instant-explanation').innerText();
  assert.match(why, /“申请人未持有就业创业证（首次登记发证）”不符合：已持有就业创业证为 是/);
  assert.match(why, /转人工审核/);
  assert.equal(await page.getByTestId('apply-instant-license').count(), 0);
  await shot(page, 'instant-approval-referred');

  await page.getByTestId('apply-view-case').click();
  await attr(page, 'case-rule-outcome', 'outcome', 'refuse').waitFor();
  await attr(page, 'case-rule-firstCard', 'result', 'fail').waitFor();
  await attr(page, 'case-rule-workingAge', 'result', 'pass').waitFor();
  await page.getByTestId('event-rules_referred').waitFor();
  assert.equal(await page.getByTestId('case-license').count(), 0);
});
