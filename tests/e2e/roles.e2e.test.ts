// Every role walks its whole menu on the demo city at work (issue 20): each demo account signs in, opens every menu
// entry it has, and sees no raw code, no error, no doubled punctuation, no page wider than the window, and — where the
// demo gives the role something to do — no empty list.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, shot } from './browser.ts';

const suite = browserSuite({ activity: true });
const { e2e, newPage, signIn } = suite;

/**
 * The accounts that walk, each with the menu entries that may stay empty on the demo and why. Everything else must
 * show content (no antd empty state in the page).
 */
const WALKERS: { username: string; mayBeEmpty: Record<string, string> }[] = [
  {
    username: 'admin',
    mayBeEmpty: {
      jobs: 'the test server runs no timers: a started server lists its rounds here',
      cases: 'the administrator applies for nothing of its own',
      'my-bundles': 'nor for a bundle (一件事)',
      licenses: 'the administrator holds no licences',
      mandates: 'the administrator has given no mandate',
      'my-policies': 'the administrator is neither a company nor a person: it has no profile to match policies against',
    },
  },
  { username: 'supervisor', mayBeEmpty: {} },
  { username: 'clerk', mayBeEmpty: {} },
  { username: 'reviewer', mayBeEmpty: { inspection: 'the department’s guides have no findings, and the page says so' } },
  {
    username: 'hrss.reviewer',
    mayBeEmpty: {
      remedies: 'nobody rated a 人社 case badly in the demo',
      'pledge-checks': 'no 人社 applicant pledged in the demo',
      inspection: 'the department’s guides have no findings, and the page says so',
    },
  },
  { username: 'market.officer', mayBeEmpty: { inspection: 'the department’s guides have no findings, and the page says so' } },
  { username: 'itemadmin', mayBeEmpty: {} },
  { username: 'dataofficer', mayBeEmpty: {} },
  { username: 'legalofficer', mayBeEmpty: {} },
  { username: 'person', mayBeEmpty: {} },
  { username: 'company', mayBeEmpty: {} },
  { username: 'agent', mayBeEmpty: { licenses: 'an agent holds no licences of its own: it acts for others' } },
];

/** Words that are codes, not language: SCREAMING_SNAKE (error and rule codes) and snake_case keys. */
const RAW_CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[a-z]+_[a-z0-9_]+\b/g;

/** Requests in flight per page, and when the last one started or ended (an SPA's navigation fires no load event). */
const traffic = new WeakMap<Page, { inflight: number; last: number }>();

function watchTraffic(page: Page): void {
  const state = { inflight: 0, last: Date.now() };
  traffic.set(page, state);
  const done = () => {
    state.inflight--;
    state.last = Date.now();
  };
  page.on('request', () => {
    state.inflight++;
    state.last = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/** Waits until the page is at `path` (when given), no request has been in flight for 500 ms and no spinner turns. */
async function settled(page: Page, path?: string): Promise<void> {
  if (path) await page.waitForURL((url) => url.pathname === path);
  const state = traffic.get(page)!;
  const until = Date.now() + 15_000;
  while (Date.now() < until && (state.inflight > 0 || Date.now() - state.last < 500)) await new Promise((r) => setTimeout(r, 50));
  await page
    .locator('main .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** What a user would object to on the page now: raw codes, errors, doubled punctuation, clipping, emptiness. */
async function problems(page: Page, entry: string, mayBeEmpty: boolean): Promise<string[]> {
  const found: string[] = [];
  const text = await page.locator('main').innerText();
  const codes = [...new Set(text.match(RAW_CODE) ?? [])];
  if (codes.length) found.push(`${entry}: raw codes ${codes.join(', ')}`);
  if (/[。；，、][。；，]/.test(text)) found.push(`${entry}: doubled punctuation near "${text.match(/.{0,12}[。；，、][。；，].{0,12}/)?.[0]}"`);
  if (await page.getByTestId('forbidden').count()) found.push(`${entry}: forbidden`);
  if (await page.locator('main .ant-result-error, main .ant-alert-error').count()) found.push(`${entry}: an error is shown`);
  const overflow = await page.evaluate(() => {
    const page = document.documentElement.scrollWidth - window.innerWidth;
    const clipped = [...document.querySelectorAll<HTMLElement>('main .ant-table-content, main .ant-table-body')].filter((el) => {
      const style = getComputedStyle(el);
      return el.scrollWidth > el.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX);
    }).length;
    return { page, clipped };
  });
  if (overflow.page > 1) found.push(`${entry}: the page is ${overflow.page}px wider than the window`);
  if (overflow.clipped) found.push(`${entry}: ${overflow.clipped} table(s) clip instead of scrolling`);
  // Empty: the page shows lists and every one of them is empty (a slow list gets 10 s more to fill).
  const allEmpty = async () => {
    const lists = await page.locator('main .ant-table:visible, main .ant-list:visible').count();
    const empties = await page.locator('main .ant-table-placeholder:visible, main .ant-list .ant-empty:visible').count();
    return lists > 0 && empties >= lists;
  };
  if (!mayBeEmpty && (await allEmpty())) {
    const until = Date.now() + 10_000;
    while (Date.now() < until && (await allEmpty())) await new Promise((r) => setTimeout(r, 250));
    if (await allEmpty()) found.push(`${entry}: an empty list on the demo`);
  }
  if (found.length) await shot(page, `roles-${entry.replace(/[^\w]+/g, '-')}`);
  return found;
}

/** The menu's entries: test id and the path each opens (antd keeps it in the item's data-menu-id). */
async function menuEntries(page: Page): Promise<{ testId: string; path: string }[]> {
  return page.locator('[data-testid="app-menu"] [data-testid^="menu-"]').evaluateAll((els) =>
    els.map((e) => {
      const menuId = e.closest('li')?.getAttribute('data-menu-id') ?? '';
      return { testId: e.getAttribute('data-testid')!, path: menuId.slice(menuId.indexOf('/app')) };
    }),
  );
}

async function walk(page: Page, username: string, mayBeEmpty: Record<string, string>): Promise<string[]> {
  await page.getByTestId('app-menu').waitFor();
  const entries = await menuEntries(page);
  assert.ok(entries.length > 1, `${username} has a menu`);
  const found: string[] = [];
  for (const { testId, path } of entries) {
    const key = testId.replace(/^menu-/, '');
    await page.getByTestId(testId).click();
    await settled(page, path);
    found.push(...(await problems(page, `${username} › ${key}`, key in mayBeEmpty || key === 'password')));
  }
  return found;
}

for (const walker of WALKERS) {
  e2e(
    `${walker.username} opens every menu entry at 1366 px: no raw code, no error, no clipping, something to do`,
    async () => {
      const { context, page } = await newPage({ viewport: { width: 1366, height: 768 } });
      watchTraffic(page);
      try {
        await signIn(page, walker.username);
        await page.waitForURL(`${suite.url}/app`);
        await settled(page);
        const found = [...(await problems(page, `${walker.username} › workbench (landing)`, false)), ...(await walk(page, walker.username, walker.mayBeEmpty))];
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    },
    { timeout: 180_000 },
  );
}

e2e(
  'on a phone (390 px) the clerk and the company reach every page through the drawer menu, and nothing is wider than the screen',
  async () => {
    for (const username of ['clerk', 'company']) {
      const { context, page } = await newPage({ viewport: { width: 390, height: 844 } });
      watchTraffic(page);
      try {
        await signIn(page, username);
        await page.waitForURL(`${suite.url}/app`);
        await page.getByTestId('mobile-menu-button').click();
        const entries = await page
          .locator('[data-testid="app-menu"] [data-testid^="menu-"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
        const found: string[] = [];
        for (const testId of entries) {
          if (!(await page.getByTestId(testId).isVisible())) await page.getByTestId('mobile-menu-button').click();
          await page.getByTestId(testId).click();
          await settled(page);
          found.push(...(await problems(page, `${username} (phone) › ${testId.replace(/^menu-/, '')}`, true)));
        }
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    }
  },
  { timeout: 180_000 },
);
