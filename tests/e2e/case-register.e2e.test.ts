// Registers and search for staff (issue 20), in a real Chromium: the supervisor opens 办件台账 from the menu, finds a
// case by its number and by the applicant, sees the ID number masked and exports the register; the reviewer's
// 已办 tab lists the case whose step it completed and not the one it never touched; the clerk's bell announces a new
// submission and leads to the case at the window.
// Run: node scripts/test.mjs --e2e tests/e2e/case-register.e2e.test.ts
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { demoIdentity } from '../../src/bootstrap/demo.ts';
import { act, apiAs, browserSuite, submittedCompanyCase } from './browser.ts';

let reviewed: string;
let waiting: string;
let companyUscc: string;

const suite = browserSuite({
  setup: async (url) => {
    const [clerk, reviewer] = await Promise.all([apiAs(url, 'clerk'), apiAs(url, 'reviewer')]);
    companyUscc = demoIdentity('company').idNumber!;
    const apply = (companyName: string) => submittedCompanyCase(url, companyName);
    reviewed = await apply('淮北市台账甲有限公司');
    await act(clerk, reviewed, 'accept');
    await act(reviewer, reviewed, 'claim');
    await act(reviewer, reviewed, 'complete-step', { result: 'pass', opinion: '审查通过' });
    waiting = await apply('淮北市台账乙有限公司');
  },
});
const { e2e } = suite;

e2e('the supervisor finds a case in 办件台账 by number and applicant, masked, and exports the register', async () => {
  const page = await suite.pageAs('supervisor');
  await page.getByTestId('menu-case-register').click();
  const table = page.getByTestId('case-register-table');
  await table.locator('.ant-table-row').first().waitFor();
  await page.getByTestId('case-register-number').locator('input').fill(waiting);
  await page.keyboard.press('Enter');
  await page.getByTestId(`case-register-open-${waiting}`).waitFor();
  // The case is on the unfiltered first page too: wait for the filtered answer to replace it (a second row leaves).
  await table.locator('.ant-table-row').nth(1).waitFor({ state: 'detached' });
  assert.equal(await table.locator('.ant-table-row').count(), 1);
  const row = table.locator('.ant-table-row').first();
  await row.getByTestId(`case-register-status-${waiting}`).waitFor();
  const text = await row.innerText();
  assert.equal(companyUscc.length, 18);
  assert.ok(!text.includes(companyUscc), 'the USCC is masked in the list');
  assert.match(await row.getByTestId('case-register-id').innerText(), /\*{4,}/);
  // The applicant's name finds both of the company's cases; the export takes the same filters.
  await page.getByTestId('case-register-number').locator('input').fill('');
  await page.keyboard.press('Enter');
  await page.getByTestId('case-register-applicant').locator('input').fill('味道餐饮');
  await page.keyboard.press('Enter');
  await page.getByTestId(`case-register-open-${reviewed}`).waitFor();
  await page.getByTestId(`case-register-open-${waiting}`).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('case-register-export').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = await download.path();
  assert.ok(file && fs.statSync(file).size > 1000, 'an Excel workbook');
  // The number opens the case.
  await page.getByTestId(`case-register-open-${waiting}`).click();
  await page.waitForURL(new RegExp(`/app/cases/${waiting}`));
});

e2e('the reviewer’s 已办 tab lists the case it reviewed, not the one it never touched', async () => {
  const page = await suite.pageAs('reviewer');
  await page.goto(`${suite.url}/app/review`);
  await page.getByTestId('review-scope').getByText('已办', { exact: true }).click();
  const done = page.getByTestId('review-done');
  await done.getByTestId(`case-register-open-${reviewed}`).waitFor();
  assert.equal(await done.getByTestId(`case-register-open-${waiting}`).count(), 0);
  await done.getByTestId(`case-register-open-${reviewed}`).click();
  await page.waitForURL(new RegExp(`case=${reviewed}`));
});

e2e('the clerk’s bell announces a new submission and leads to it at the window', async () => {
  const page = await suite.pageAs('clerk');
  await page.goto(`${suite.url}/app`);
  await page.getByTestId('notify-bell').click();
  const panel = page.getByTestId('notify-panel');
  const note = panel.locator('.notify-item').filter({ hasText: waiting });
  await note.first().waitFor();
  assert.match(await note.first().innerText(), /新的申请待受理/);
  await note.first().click();
  await page.waitForURL(new RegExp(`/app/window\\?case=${waiting}`));
});
