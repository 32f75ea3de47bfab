// 一件事一次办, applying (ADR 0036) in a real Chromium: the company opens the apply page from the public guide; with a
// draft bundle case (applied through the API), it finds it under my bundles, supplies a material once, submits once
// and sees 营业执照 submitted while 食品经营许可 waits for it. 新生儿出生 as a person: a chain (出生医学证明 → 户口登记 →
// 医保参保 / 社保卡) whose next link is released, the certificate flowed into it, once the first is granted, and whose
// last two are released side by side once 户口登记 is granted.
// Run: npm run build && node scripts/test.mjs --e2e tests/e2e/bundle-cases.e2e.test.ts
import assert from 'node:assert/strict';
import { deliverEvents, type JobEnv } from '../../src/platform/outbox.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { logNotifier } from '../../src/platform/notify.ts';
import { allSubscriptions } from '../../src/bootstrap/jobs.ts';
import { act, apiAs, attr, browserSuite, shot, type Caller } from './browser.ts';
import { bundleAnswers, PDF, RESTAURANT, restaurantAnswers } from './bundle-fixture.ts';

const suite = browserSuite();
const { e2e } = suite;

e2e('the guide leads a signed-in company to the merged form', async () => {
  const page = await suite.pageAs('company');
  await page.goto(`${suite.url}/bundles/${RESTAURANT}`);
  await page.getByTestId('bundle-apply').click();
  await page.getByTestId('bundle-apply-form').waitFor();
  await page.getByTestId('bundle-apply-hasSign').waitFor();
  await shot(page, 'bundle-apply');
});

e2e('my bundles: one set of materials, one submission, each member’s progress', async () => {
  const company = await apiAs(suite.url, 'company');
  const applied = await company<{ number: string }>('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: await restaurantAnswers(suite.url) });
  const page = await suite.pageAs('company');
  await page.getByTestId('menu-my-bundles').click();
  await page.getByTestId(`my-bundle-${applied.number}`).getByRole('link', { name: '开办餐饮店' }).click();
  await attr(page, 'bundle-case-status', 'status', 'draft').waitFor();
  // The first material to supply, uploaded once from the page; the rest through the API.
  const detail = await company<{ materials: { identity: string; exempt: string | null }[] }>('GET', `/api/bundle-cases/${applied.number}`);
  const first = detail.materials.findIndex((m) => m.exempt !== 'upstream');
  assert.ok(first >= 0);
  await page.getByTestId(`bundle-material-file-${first}`).setInputFiles({ name: '材料.pdf', mimeType: 'application/pdf', buffer: PDF });
  await attr(page, `bundle-material-state-${first}`, 'state', 'upload').waitFor();
  for (const m of detail.materials.slice(first + 1).filter((x) => x.exempt !== 'upstream'))
    await company('PUT', `/api/bundle-cases/${applied.number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF);
  await page.reload();
  await page.getByTestId('bundle-case-submit').click();
  await attr(page, 'bundle-case-status', 'status', 'open').waitFor();
  await attr(page, 'bundle-member-license', 'status', 'submitted').waitFor();
  await attr(page, 'bundle-member-food', 'status', 'waiting').waitFor();
  await shot(page, 'bundle-case');
});

const NEWBORN = '340600-YJS-0002';
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };

/** A member case granted through the API: 审查 and 决定 by two people of its department, as many steps as it has. */
async function grant(dept: string, number: string) {
  const [reviewer, lead] = await Promise.all([apiAs(suite.url, `${dept}.reviewer`), apiAs(suite.url, `${dept}.lead`)]);
  for (let step = 0; step < 6; step++) {
    const who: Caller = step % 2 ? lead : reviewer;
    if ((await who<{ status: string }>('GET', `/api/cases/${number}`)).status !== 'in_review') break;
    await act(who, number, 'claim');
    await act(who, number, 'complete-step', { result: 'pass', opinion: step % 2 ? '准予' : '通过' });
  }
  assert.equal((await reviewer<{ status: string }>('GET', `/api/cases/${number}`)).status, 'decided', `${dept} ${number}`);
}

e2e('新生儿出生 runs as a chain for the person: 户口登记 is released with the certificate once 出生医学证明 is granted', async () => {
  // The scene through the API: applied, its materials supplied once, submitted, accepted once at the window.
  const person = await apiAs(suite.url, 'person');
  const { number } = await person<{ number: string }>('POST', '/api/bundle-cases', {
    bundleCode: NEWBORN,
    answers: await bundleAnswers(suite.url, NEWBORN, { text: '张小宝', date: '2026-03-10' }),
  });
  const draft = await person<{ materials: { identity: string; exempt: string | null }[] }>('GET', `/api/bundle-cases/${number}`);
  for (const m of draft.materials.filter((x) => x.exempt !== 'upstream'))
    await person('PUT', `/api/bundle-cases/${number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF);
  const { version } = await person<{ version: number }>('GET', `/api/bundle-cases/${number}`);
  await person('POST', `/api/bundle-cases/${number}/submit`, { version });
  const clerk = await apiAs(suite.url, 'clerk');
  await clerk('POST', `/api/bundle-cases/${number}/accept`, { version: (await clerk<{ version: number }>('GET', `/api/bundle-cases/${number}`)).version });
  const members = Object.fromEntries(
    (await person<{ members: { key: string; number: string }[] }>('GET', `/api/bundle-cases/${number}`)).members.map((m) => [m.key, m.number]),
  );

  // 出生医学证明 first; 户口登记 waits for it, and 医保参保 and 社保卡 for 户口登记.
  const page = await suite.pageAs('person');
  await page.goto(`${suite.url}/app/bundle-cases/${number}`);
  await attr(page, 'bundle-member-birth', 'status', 'in_review').waitFor();
  for (const key of ['hukou', 'medical', 'card']) await attr(page, `bundle-member-${key}`, 'status', 'waiting').waitFor();

  await grant('health', members.birth);
  await deliverEvents(suite.db, allSubscriptions, env);
  // The first link granted: 户口登记 is released with the 出生医学证明 flowed in and, its materials all given once,
  // accepted with the bundle; the last two still wait for it.
  const hukou = await person<{ materials: { key: string; mode: string | null }[] }>('GET', `/api/cases/${members.hukou}`);
  assert.equal(hukou.materials.find((m) => m.key === 'birth_cert')?.mode, 'license');
  await page.reload();
  await attr(page, 'bundle-member-birth', 'status', 'decided').waitFor();
  await attr(page, 'bundle-member-hukou', 'status', 'in_review').waitFor();
  for (const key of ['medical', 'card']) await attr(page, `bundle-member-${key}`, 'status', 'waiting').waitFor();
  await shot(page, 'bundle-newborn-chain');

  // The second link granted: 医保参保 and 社保卡 are released side by side, each in its department's queue.
  await grant('police', members.hukou);
  await deliverEvents(suite.db, allSubscriptions, env);
  await page.reload();
  await attr(page, 'bundle-member-hukou', 'status', 'decided').waitFor();
  for (const key of ['medical', 'card']) {
    const released = page.locator(`[data-testid="bundle-member-${key}"]:not([data-status="waiting"])`);
    await released.waitFor();
    const status = await released.getAttribute('data-status');
    assert.ok(['submitted', 'in_review'].includes(status ?? ''), `${key}: ${status}`);
    assert.notEqual((await person<{ status: string }>('GET', `/api/cases/${members[key]}`)).status, 'draft', key);
  }
  await shot(page, 'bundle-newborn-chain-released');
});
