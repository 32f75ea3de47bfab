// Browser journeys of the web app: every demo account signs in and sees exactly the menu its permissions
// give; the calendar, audit, language switch and mobile layout work in a real Chromium.
// Run: npx tsx --test tests/e2e/login.e2e.test.ts   (E2E_SCREENSHOT=docs/screenshot.png also saves the workbench)
import { after, before, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../support/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_PASSWORD = 'Demo@2026';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Menu items every signed-in user has, and those that need a permission. */
const ALWAYS = ['workbench', 'password'];
const GATED = ['calendar', 'audit', 'users', 'departments'];

/** Each demo account, its role, and exactly the gated menu items it must see. */
const ACCOUNTS: { username: string; role: string; menu: string[] }[] = [
  { username: 'admin', role: 'admin', menu: ['calendar', 'audit', 'users', 'departments'] },
  { username: 'supervisor', role: 'supervisor', menu: ['audit'] },
  { username: 'clerk', role: 'clerk', menu: [] },
  { username: 'reviewer', role: 'reviewer', menu: [] },
  { username: 'itemadmin', role: 'item_admin', menu: [] },
  { username: 'dataofficer', role: 'data_officer', menu: [] },
  { username: 'legalofficer', role: 'legal_officer', menu: [] },
  { username: 'person', role: 'applicant_person', menu: [] },
  { username: 'company', role: 'applicant_org', menu: [] },
  { username: 'agent', role: 'agent', menu: [] },
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else `chromium` (or Ubuntu's `chromium-browser`) on PATH. */
function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The server serves dist/web: build it when missing or older than web/. */
function ensureWebBuilt(): void {
  const index = path.join(ROOT, 'dist/web/index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(path.join(ROOT, 'web'))) return;
  console.log('building the web app for the browser tests…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

const chromiumPath = findChromium();
if (!chromiumPath) console.log('Chromium not installed: skipping browser tests');

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let admin: { context: BrowserContext; page: Page } | undefined;
const pageErrors: string[] = [];

before(async () => {
  if (!chromiumPath) return;
  ensureWebBuilt();
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
});

after(async () => {
  await admin?.context.close();
  await browser?.close();
  await server?.close();
});

/** A browser test: skipped without Chromium; fails on any uncaught error in the page. */
function e2e(name: string, fn: (t: TestContext) => Promise<void>): void {
  test(name, { timeout: 60_000 }, async (t) => {
    if (!chromiumPath) {
      t.skip('Chromium not installed');
      return;
    }
    const before = pageErrors.length;
    await fn(t);
    assert.deepEqual(pageErrors.slice(before), [], 'uncaught errors in the page');
  });
}

async function newPage(options: { viewport?: { width: number; height: number }; storageState?: Awaited<ReturnType<BrowserContext['storageState']>> } = {}) {
  const context = await browser!.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'zh-CN', storageState: options.storageState });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { context, page };
}

async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server!.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function adminPage(): Promise<Page> {
  if (!admin) {
    admin = await newPage();
    await signIn(admin.page, 'admin');
    await admin.page.waitForURL(`${server!.url}/app`);
  }
  return admin.page;
}

for (const account of ACCOUNTS) {
  e2e(`${account.username} signs in and sees exactly the menu of its permissions`, async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, account.username);
      await page.waitForURL(`${server!.url}/app`);
      await page.getByTestId('welcome-card').waitFor();
      await page.getByTestId(`role-${account.role}`).waitFor();
      for (const key of [...ALWAYS, ...GATED]) {
        const isExpected = ALWAYS.includes(key) || account.menu.includes(key);
        assert.equal(await page.getByTestId(`menu-${key}`).count(), isExpected ? 1 : 0, `menu-${key} for ${account.username}`);
      }
    } finally {
      await context.close();
    }
  });
}

e2e('a user without the permission who opens the page by its address gets 403', async () => {
  const { context, page } = await newPage();
  try {
    await signIn(page, 'person');
    await page.waitForURL(`${server!.url}/app`);
    await page.goto(`${server!.url}/app/audit`);
    await page.getByTestId('forbidden').waitFor();
  } finally {
    await context.close();
  }
});

e2e('opening the app without a session goes to the sign-in page', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(`${server!.url}/app/users`);
    await page.waitForURL(/\/login\?next=%2Fapp%2Fusers$/);
    await page.getByTestId('login-submit').waitFor();
  } finally {
    await context.close();
  }
});

e2e('the admin sees 国庆节 in October 2024, with the make-up working day marked', async () => {
  const page = await adminPage();
  await page.getByTestId('menu-calendar').click();
  await page.getByTestId('calendar-month').waitFor();
  await page.goto(`${server!.url}/app/calendar?year=2024&month=10`);
  const nationalDay = page.getByTestId('day-2024-10-01');
  await nationalDay.waitFor();
  assert.match(await nationalDay.innerText(), /国庆节/);
  assert.equal(await nationalDay.getAttribute('data-kind'), 'holiday');
  assert.equal(await page.getByTestId('day-2024-10-12').getAttribute('data-kind'), 'makeup');
});

e2e('the calculator gives 2024-10-10 for 2024-09-27 + 5 working days, and explains a missing year', async () => {
  const page = await adminPage();
  await page.goto(`${server!.url}/app/calendar`);
  await page.getByTestId('calc-from').fill('2024-09-27');
  await page.getByTestId('calc-days').fill('5');
  await page.getByTestId('calc-submit').click();
  const result = page.getByTestId('calc-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-date'), '2024-10-10');
  assert.match(await result.innerText(), /2024-10-10/);

  await page.getByTestId('calc-from').fill('2099-06-01');
  await page.getByTestId('calc-submit').click();
  const error = page.getByTestId('calc-error');
  await error.waitFor();
  // the server's CALENDAR_YEAR_MISSING message, in Chinese
  assert.match(await error.innerText(), /[\u4e00-\u9fff]/);
  assert.doesNotMatch(await error.innerText(), /HTTP/);
});

e2e('the audit page lists entries and the hash chain verifies as intact', async () => {
  const page = await adminPage();
  await page.getByTestId('menu-audit').click();
  const rows = page.locator('[data-testid="audit-table"] tr.ant-table-row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 0);
  await page.getByTestId('audit-verify').click();
  const verdict = page.getByTestId('audit-verify-result');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-ok'), 'true');
  assert.match(await verdict.innerText(), /完整/);
});

e2e('the admin marks a make-up working day as off and names it', async () => {
  const page = await adminPage();
  await page.goto(`${server!.url}/app/calendar?year=2024&month=10`);
  const day = page.getByTestId('day-2024-10-12');
  await day.click();
  await page.getByTestId('day-edit-off').click();
  await page.getByTestId('day-edit-name').fill('演示休息日');
  await page.getByTestId('day-edit-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="day-2024-10-12"]')?.getAttribute('data-kind') === 'holiday');
  assert.match(await day.innerText(), /演示休息日/);
});

e2e('the admin creates a user, who then appears in the list', async () => {
  const page = await adminPage();
  await page.getByTestId('menu-users').click();
  await page.getByTestId('users-create').click();
  await page.getByTestId('user-username').fill('e2e.window');
  await page.getByTestId('user-displayName').fill('测试 窗口');
  await page.getByTestId('user-password').fill('Window2026x');
  await page.getByTestId('user-create-ok').click();
  await page.getByTestId('user-edit-e2e.window').waitFor();
});

e2e('saving over someone else\'s change says so and reloads the row', async () => {
  const page = await adminPage();
  await page.getByTestId('menu-departments').click();
  const edit = page.locator('[data-testid^="department-edit-"]').first();
  const id = (await edit.getAttribute('data-testid'))!.replace('department-edit-', '');
  await edit.click();
  await page.getByTestId('department-edit').waitFor();
  // another administrator saves the same department first
  const status = await page.evaluate(async (id) => {
    const { items } = await (await fetch('/api/departments')).json();
    const row = items.find((d: { id: number }) => String(d.id) === id);
    const res = await fetch(`/api/departments/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `${row.name}（改）`, version: row.version }),
    });
    return res.status;
  }, id);
  assert.equal(status, 200);
  await page.getByTestId('department-name').fill('不应保存的名称');
  await page.getByTestId('department-edit-ok').click();
  await page.locator('.ant-message').getByText(/他人修改/).first().waitFor();
  await page.getByTestId('department-edit').waitFor({ state: 'detached' });
  await page.locator('[data-testid="departments-table"]').getByText('（改）').waitFor();
  assert.equal(await page.getByText('不应保存的名称').count(), 0);
});

e2e('the workbench renders at 1280×800 (E2E_SCREENSHOT saves it)', async () => {
  const page = await adminPage();
  await page.goto(`${server!.url}/app`);
  await page.getByTestId('welcome-card').waitFor();
  await page.getByTestId('module-cases').waitFor();
  const target = process.env.E2E_SCREENSHOT;
  if (target) await page.screenshot({ path: path.resolve(ROOT, target) });
});

e2e('a wrong password shows the error and stays on the sign-in page', async () => {
  const { context, page } = await newPage();
  try {
    await signIn(page, 'agent', 'not-the-password-1');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /用户名或密码/);
    assert.match(page.url(), /\/login$/);
  } finally {
    await context.close();
  }
});

e2e('the language switch turns 登录 into Sign in, and the choice is kept', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(server!.url);
    const login = page.getByTestId('home-login');
    assert.equal((await login.innerText()).trim(), '登录');
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="home-login"]')?.textContent?.trim() === 'Sign in');
    assert.equal(await page.evaluate(() => localStorage.getItem('tongban.lang')), 'en');
    await page.reload();
    assert.equal((await page.getByTestId('home-login').innerText()).trim(), 'Sign in');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  } finally {
    await context.close();
  }
});

e2e('the public ID check says 有效 for a valid number', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(server!.url);
    // GB 11643 example: 11010519491231002X
    await page.getByTestId('id-check-input').fill('11010519491231002X');
    await page.getByTestId('id-check-submit').click();
    const result = page.getByTestId('id-check-result');
    await result.waitFor();
    assert.match(await result.innerText(), /有效/);
  } finally {
    await context.close();
  }
});

e2e('at 390px the menu moves behind a menu button and nothing overflows sideways', async () => {
  await adminPage();
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 }, storageState: await admin!.context.storageState() });
  try {
    await page.goto(`${server!.url}/app`);
    const button = page.getByTestId('mobile-menu-button');
    await button.waitFor();
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'no side menu on a phone');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'workbench fits the width');
    await button.click();
    await page.getByTestId('menu-users').click();
    await page.waitForURL(`${server!.url}/app/users`);
    await page.locator('[data-testid="users-table"] tr.ant-table-row').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the table scrolls inside itself');
  } finally {
    await context.close();
  }
});
