// Browser journeys of the web app: every demo account signs in and sees exactly the menu its permissions
// give; the calendar, audit, language switch and mobile layout work in a real Chromium.
// Run: npx tsx --test tests/e2e/login.e2e.test.ts   (E2E_SCREENSHOT=docs/screenshot.png also saves the workbench)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pinToday } from '../../src/platform/clock.ts';
import { remindCalendarYear } from '../../src/modules/cases/index.ts';
import { browserSuite, E2E_TODAY, ROOT } from './browser.ts';

const suite = browserSuite();
const { e2e, newPage, signIn } = suite;

/** Menu items every signed-in user has, and those that need a permission. */
const ALWAYS = ['workbench', 'password'];
const GATED = [
  'calendar',
  'audit',
  'users',
  'departments',
  'catalog',
  'harmonisation',
  'inspection',
  'import',
  'cases',
  'licenses',
  'mandates',
  'window',
  'review',
  'supervision',
  'remedies',
  'licenseManage',
  'licenseTypes',
  'legal',
];
const CATALOG = ['catalog', 'harmonisation', 'inspection', 'import'];
const APPLICANT = ['cases', 'licenses', 'mandates'];

/** Each demo account, its role, and exactly the gated menu items it must see. */
const ACCOUNTS: { username: string; role: string; menu: string[] }[] = [
  { username: 'admin', role: 'admin', menu: GATED },
  { username: 'supervisor', role: 'supervisor', menu: ['audit', 'catalog', 'inspection', 'supervision', 'legal'] },
  { username: 'clerk', role: 'clerk', menu: ['window'] },
  { username: 'reviewer', role: 'reviewer', menu: ['catalog', 'inspection', 'review', 'remedies', 'licenseManage'] },
  { username: 'itemadmin', role: 'item_admin', menu: [...CATALOG, 'licenseTypes'] },
  { username: 'dataofficer', role: 'data_officer', menu: [] },
  { username: 'legalofficer', role: 'legal_officer', menu: ['legal'] },
  { username: 'person', role: 'applicant_person', menu: APPLICANT },
  { username: 'company', role: 'applicant_org', menu: APPLICANT },
  { username: 'agent', role: 'agent', menu: APPLICANT },
];

const adminPage = () => suite.pageAs('admin');

for (const account of ACCOUNTS) {
  e2e(`${account.username} signs in and sees exactly the menu of its permissions`, async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, account.username);
      await page.waitForURL(`${suite.url}/app`);
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
    await page.waitForURL(`${suite.url}/app`);
    await page.goto(`${suite.url}/app/audit`);
    await page.getByTestId('forbidden').waitFor();
  } finally {
    await context.close();
  }
});

e2e('opening the app without a session goes to the sign-in page', async () => {
  const { context, page } = await newPage();
  try {
    await page.goto(`${suite.url}/app/users`);
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
  await page.goto(`${suite.url}/app/calendar?year=2024&month=10`);
  const nationalDay = page.getByTestId('day-2024-10-01');
  await nationalDay.waitFor();
  assert.match(await nationalDay.innerText(), /国庆节/);
  assert.equal(await nationalDay.getAttribute('data-kind'), 'holiday');
  assert.equal(await page.getByTestId('day-2024-10-12').getAttribute('data-kind'), 'makeup');
});

e2e('the calculator gives 2024-10-10 for 2024-09-27 + 5 working days, and explains a missing year', async () => {
  const page = await adminPage();
  await page.goto(`${suite.url}/app/calendar`);
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

e2e('from 1 October the admin is told to load the next year: the bell leads to the calendar page, and importing it ends the request', async () => {
  const page = await adminPage();
  await page.goto(`${suite.url}/app/calendar`);
  await page.getByTestId('calendar-stats').waitFor();
  assert.equal(await page.getByTestId('calendar-year-to-load').count(), 0, 'nothing due in March of a loaded year');
  const { years } = (await (await fetch(`${suite.url}/api/calendar/years`)).json()) as { years: { year: number }[] };
  const last = Math.max(...years.map((y) => y.year));
  pinToday(`${last}-10-08`);
  try {
    // the hourly reminder runs; the admin, on the workbench, finds it under the bell and follows it
    assert.equal(await remindCalendarYear(suite.db), 1);
    await page.goto(`${suite.url}/app`);
    await page.getByTestId('notify-bell').click();
    await page
      .getByTestId('notify-panel')
      .getByText(`请导入 ${last + 1} 年工作日历`)
      .click();
    await page.waitForURL(/\/app\/calendar$/);
    const alert = page.getByTestId('calendar-year-to-load');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(`${last + 1} 年的工作日历尚未导入`));
    // the admin loads the notice (here its first holiday only): the request goes away
    await page.getByTestId('calendar-import-content').fill(`date,type,name\n${last + 1}-01-01,off,元旦\n`);
    await page.getByTestId('calendar-import-submit').click();
    await page.getByTestId('calendar-import-result').waitFor();
    await alert.waitFor({ state: 'detached' });
  } finally {
    pinToday(E2E_TODAY);
  }
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
  assert.match(await verdict.innerText(), /[1-9]\d* 个签名检查点/);
  // The signed checkpoints download as JSON lines, to be kept outside the database.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-checkpoints').click()]);
  assert.match(download.suggestedFilename(), /^audit-checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = fs
    .readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number; signature: string });
  assert.ok(lines.length >= 1 && lines.every((c) => c.seq > 0 && c.signature.length > 0));
});

e2e('the admin marks a make-up working day as off and names it', async () => {
  const page = await adminPage();
  await page.goto(`${suite.url}/app/calendar?year=2024&month=10`);
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
  // the demo city has more staff than a page shows: find the new account by name
  await page.getByTestId('user-create-ok').waitFor({ state: 'hidden' });
  await page.getByTestId('users-search').locator('input').fill('e2e.window');
  await page.keyboard.press('Enter');
  await page.getByTestId('user-edit-e2e.window').waitFor();
});

e2e("saving over someone else's change says so and reloads the row", async () => {
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
  await page
    .locator('.ant-message')
    .getByText(/他人修改/)
    .first()
    .waitFor();
  await page.getByTestId('department-edit').waitFor({ state: 'detached' });
  await page.locator('[data-testid="departments-table"]').getByText('（改）').waitFor();
  assert.equal(await page.getByText('不应保存的名称').count(), 0);
});

e2e('the workbench renders at 1280×800 (E2E_SCREENSHOT saves it)', async () => {
  const page = await adminPage();
  await page.goto(`${suite.url}/app`);
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
    await page.goto(suite.url);
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
    await page.goto(suite.url);
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
  const signedIn = await adminPage();
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 }, storageState: await signedIn.context().storageState() });
  try {
    await page.goto(`${suite.url}/app`);
    const button = page.getByTestId('mobile-menu-button');
    await button.waitFor();
    assert.equal(await page.getByTestId('menu-audit').count(), 0, 'no side menu on a phone');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'workbench fits the width');
    await button.click();
    await page.getByTestId('menu-users').click();
    await page.waitForURL(`${suite.url}/app/users`);
    await page.locator('[data-testid="users-table"] tr.ant-table-row').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the table scrolls inside itself');
  } finally {
    await context.close();
  }
});
