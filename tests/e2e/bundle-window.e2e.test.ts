// 一件事一次办 at the window (ADR 0037) in a real Chromium, the whole journey of 开办餐饮店: the company supplies its
// materials once and submits once; the clerk finds it in the window's queue and accepts it once; each department's
// reviewer and lead decide their member; 食品经营许可 waits for 营业执照 and is then released (and accepted with the
// bundle); the clerk delivers every result at once; the company rates once. What the company sees at each point.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundle-window.e2e.test.ts
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { deliverEvents, type JobEnv } from '../../src/platform/outbox.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { logNotifier } from '../../src/platform/notify.ts';
import { allSubscriptions } from '../../src/bootstrap/jobs.ts';
import { apiAs, attr, browserSuite, shot } from './browser.ts';
import { PDF, RESTAURANT, restaurantAnswers } from './bundle-fixture.ts';

const suite = browserSuite();
const { e2e } = suite;
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };

let bundle = '';
const members: Record<string, string> = {};

/** The company's bundle page, reloaded. */
async function companyPage(): Promise<Page> {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/app/bundle-cases/${bundle}`);
  await page.getByTestId('bundle-window').waitFor();
  return page;
}

/** A reviewer takes the active step of a member case from the review queue and passes it. */
async function passStep(username: string, number: string, opinion: string) {
  const page = await suite.pageAs(username);
  await page.goto(`${suite.url}/app/review?q=${number}`);
  await page.getByTestId(`queue-open-${number}`).click();
  await attr(page, 'case-panel', 'status', 'in_review').waitFor();
  const claim = page.getByTestId('review-claim');
  if (await claim.count()) await claim.click();
  await page.getByTestId('review-complete').click();
  await page.getByTestId('complete-opinion').fill(opinion);
  await page.getByTestId('complete-ok').click();
  await page
    .locator('.ant-modal-wrap')
    .first()
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
}

/** 审查 by the department's reviewer, 决定 by its lead (审批分离), as many steps as the item has: the member is granted. */
async function decide(pair: [string, string], number: string) {
  const company = await apiAs(suite.url, 'company');
  for (let step = 0; step < 6; step++) {
    const { status } = await company<{ status: string }>('GET', `/api/cases/${number}`);
    if (status !== 'in_review') break;
    const who = pair[step % 2];
    await passStep(who, number, step % 2 ? '准予许可' : '材料齐全，同意');
    await (await suite.pageAs(who)).getByTestId('case-panel').waitFor();
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.equal((await company<{ status: string }>('GET', `/api/cases/${number}`)).status, 'decided', number);
}

e2e('the company supplies its materials once and submits 开办餐饮店 once; it awaits the one acceptance', async () => {
  const company = await apiAs(suite.url, 'company');
  const applied = await company<{ number: string; members: { key: string; number: string }[] }>('POST', '/api/bundle-cases', {
    bundleCode: RESTAURANT,
    answers: await restaurantAnswers(suite.url),
  });
  bundle = applied.number;
  for (const m of applied.members) members[m.key] = m.number;
  const detail = await company<{ materials: { identity: string; exempt: string | null }[] }>('GET', `/api/bundle-cases/${bundle}`);
  for (const m of detail.materials.filter((x) => x.exempt !== 'upstream'))
    await company('PUT', `/api/bundle-cases/${bundle}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF);
  const page = await suite.pageAs('company');
  await page.getByTestId('menu-my-bundles').click();
  await page.getByTestId(`my-bundle-${bundle}`).getByRole('link', { name: '开办餐饮店' }).click();
  await page.getByTestId('bundle-case-submit').click();
  await attr(page, 'bundle-window-stage', 'stage', 'acceptance').waitFor();
  await attr(page, 'bundle-member-license', 'status', 'submitted').waitFor();
  await attr(page, 'bundle-member-food', 'status', 'waiting').waitFor();
  // Nothing is counted before the acceptance: no deadline yet.
  assert.equal(await page.getByTestId('bundle-member-deadline-license').count(), 0);
  await shot(page, 'bundle-window-submitted');
});

e2e('the clerk finds it in the window’s queue and accepts it once; the company sees every member’s department and deadline', async () => {
  const clerk = await suite.pageAs('clerk');
  await clerk.getByTestId('menu-bundle-window').click();
  await clerk.getByTestId(`bundle-window-item-${bundle}`).click();
  await attr(clerk, 'bundle-window-stage', 'stage', 'acceptance').waitFor();
  await clerk.getByTestId('bundle-accept').click();
  await attr(clerk, 'bundle-window-stage', 'stage', 'handling').waitFor();
  await shot(clerk, 'bundle-window-accepted');

  const page = await companyPage();
  await attr(page, 'bundle-window-stage', 'stage', 'handling').waitFor();
  await attr(page, 'bundle-member-license', 'status', 'in_review').waitFor();
  assert.match(await page.getByTestId('bundle-member-deadline-license').innerText(), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(await page.getByTestId('bundle-expected-finish').innerText(), /^\d{4}-\d{2}-\d{2}$/);
  await attr(page, 'bundle-member-food', 'status', 'waiting').waitFor();
  await page.getByTestId('bundle-case-members').getByText('淮北市消防救援支队').first().waitFor();
});

e2e('营业执照 is decided by the market department; 食品经营许可 is released and accepted with the bundle', async () => {
  await decide(['reviewer', 'market.lead'], members.license);
  await deliverEvents(suite.db, allSubscriptions, env);
  const page = await companyPage();
  await attr(page, 'bundle-member-license', 'status', 'decided').waitFor();
  // Released, and already in review: the one acceptance covered it.
  await attr(page, 'bundle-member-food', 'status', 'in_review').waitFor();
  await attr(page, 'bundle-member-fire', 'status', 'in_review').waitFor();
  assert.match(await page.getByTestId('bundle-member-deadline-food').innerText(), /^\d{4}-\d{2}-\d{2}$/);
});

e2e(
  'each department decides its member; the company is told all are done; the clerk delivers every result at once',
  async () => {
    await decide(['reviewer', 'market.lead'], members.food);
    await decide(['fire.reviewer', 'fire.lead'], members.fire);
    await decide(['tax.reviewer', 'tax.lead'], members.tax);
    await deliverEvents(suite.db, allSubscriptions, env);
    let page = await companyPage();
    await attr(page, 'bundle-window-stage', 'stage', 'delivery').waitFor();
    await attr(page, 'bundle-case-status', 'status', 'closed').waitFor();

    const clerk = await suite.pageAs('clerk');
    await clerk.getByTestId('menu-bundle-window').click();
    await clerk.getByTestId('bundle-window-stage-filter').getByText('待一窗出件').click();
    await clerk.getByTestId(`bundle-window-item-${bundle}`).click();
    await clerk.getByTestId('bundle-deliver-open').click();
    await clerk.getByTestId('bundle-deliver-window').click();
    await clerk.getByTestId('bundle-deliver-ok').click();
    await attr(clerk, 'bundle-window-stage', 'stage', 'done').waitFor();

    page = await companyPage();
    await page.getByTestId('bundle-delivery').getByText('窗口领取').waitFor();
    for (const k of ['license', 'food', 'fire', 'tax']) await attr(page, `bundle-member-${k}`, 'status', 'delivered').waitFor();
  },
  // Three departments' reviewers and leads each sign in and decide (six sessions): longer than one journey.
  { timeout: 150_000 },
);

e2e('the company rates the bundle once, and the rating reaches every member department', async () => {
  const page = await companyPage();
  await page.getByTestId('bundle-rate-level-1').click();
  await page.getByTestId('bundle-rate-submit').click();
  await page.getByTestId('bundle-rating').getByText('非常满意').waitFor();
  assert.equal(await page.getByTestId('bundle-rate').count(), 0, 'rated once: the form is gone');
  await shot(page, 'bundle-window-rated');
  // The supervisor's statistics page counts the bundle case, and the one rating in each member department.
  const supervisor = await suite.pageAs('supervisor');
  const month = new Date().toISOString().slice(0, 7);
  await supervisor.goto(`${suite.url}/app/bundle-statistics?from=2026-01&to=${month > '2026-12' ? month : '2026-12'}`);
  await supervisor.getByTestId(`bundle-stats-${RESTAURANT}`).waitFor();
  await supervisor.getByTestId('bundle-stats-chart').locator('svg').first().waitFor();
  const departments = supervisor.getByTestId('bundle-stats-departments').locator('tr.ant-table-row');
  await departments.nth(2).waitFor();
  assert.ok((await departments.count()) >= 3, 'the market, fire and tax departments each got the rating');
  await shot(supervisor, 'bundle-statistics');
});
