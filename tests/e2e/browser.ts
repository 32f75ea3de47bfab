// What every browser test file shares: finding Chromium, building the web app, a test server with the demo city,
// one browser, pages that record uncaught errors and the API's refusals (printed with a failing test), axe-core on
// every page a test visits (a11y.ts: serious or critical violations fail the test), and signing in. Each file calls
// browserSuite() once.
// The server and the browser both live on E2E_TODAY, so no test depends on the day it runs: statutory deadlines stay
// inside the loaded calendar years, and the pages' "this month" is the month the server dates its records in.
import { after, before, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { A11yWatch, describeViolations } from './a11y.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_PASSWORD = 'Demo@2026';
/**
 * The day the browser tests live on: a Monday of a loaded calendar year, far enough from its end that every deadline
 * of a journey (with an extension) stays inside it. The test server runs in this process, so pinToday reaches it.
 */
export const E2E_TODAY = '2026-03-16';
/** 09:30 on E2E_TODAY in China, for the browser's clock. */
const E2E_NOW = new Date(`${E2E_TODAY}T09:30:00+08:00`);
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

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else `chromium` (or Ubuntu's `chromium-browser`) on PATH. */
export function findChromium(): string | undefined {
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server serves dist/web: build it when missing or older than web/. Test files run in parallel processes, so
 * one builds while the others wait on a lock directory.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(ROOT, 'dist/web/index.html');
  const isFresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(path.join(ROOT, 'web'));
  const lock = path.join(ROOT, 'dist/.web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    if (isFresh()) return;
    try {
      fs.mkdirSync(lock);
    } catch {
      // another process is building; a lock older than five minutes was left by a crash
      if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (isFresh()) return;
      console.log('building the web app for the browser tests…');
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
        // the test runner sets NODE_ENV=test, which would make Vite bundle React's development build
        env: { ...process.env, NODE_ENV: 'production' },
      });
      return;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface PageOptions {
  viewport?: { width: number; height: number };
  storageState?: StorageState;
}

export interface BrowserSuite {
  /** The test server's address (after `before`). */
  readonly url: string;
  /** The test server's database (after `before`): the server runs in this process; a test runs a timer job with it. */
  readonly db: Db;
  /** A browser test: skipped without Chromium; fails on any uncaught error in the page. */
  e2e(name: string, fn: (t: TestContext) => Promise<void>, options?: { timeout?: number }): void;
  /** A fresh browser context and page (closed with the suite). */
  newPage(options?: PageOptions): Promise<{ context: BrowserContext; page: Page }>;
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /** A page signed in as the user and on the workbench; one per user, kept for the file. */
  pageAs(username: string): Promise<Page>;
}

export const chromiumPath = findChromium();

/**
 * Registers the before/after hooks of a browser test file and returns its helpers. `setup` runs once the server
 * listens (node 20 starts a file's root `before` hooks together, so a second hook could not wait for the server).
 */
export function browserSuite(options: { setup?: (url: string) => Promise<void>; activity?: boolean } = {}): BrowserSuite {
  if (!chromiumPath) console.log('Chromium not installed: skipping browser tests');
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const signedIn = new Map<string, Page>();
  const pageErrors: string[] = [];
  /** API replies of 400 and above, shown with a failing test: what the server refused is often why a page did not change. */
  const apiRefusals: string[] = [];
  /** axe-core on every page the tests visit (a11y.ts). */
  const a11y = new A11yWatch();

  before(async () => {
    if (!chromiumPath) return;
    await ensureWebBuilt();
    pinToday(E2E_TODAY);
    server = await startTestServer({ activity: options.activity });
    browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
    await options.setup?.(server.url);
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    pinToday(null);
  });

  /** With E2E_SHOTS=dir, a failing test leaves a screenshot of every open page there. */
  const saveFailureShots = async (name: string) => {
    const dir = process.env.E2E_SHOTS;
    if (!dir) return;
    fs.mkdirSync(path.resolve(ROOT, dir), { recursive: true });
    const slug = name.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60);
    let n = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        await page.screenshot({ path: path.resolve(ROOT, dir, `failed-${slug}-${n++}.png`), fullPage: true }).catch(() => undefined);
      }
    }
  };

  const suite: BrowserSuite = {
    get url() {
      if (!server) throw new Error('the test server is not running');
      return server.url;
    },
    get db() {
      if (!server) throw new Error('the test server is not running');
      return server.db;
    },
    e2e(name, fn, options = {}) {
      test(name, { timeout: options.timeout ?? 60_000 }, async (t) => {
        if (!chromiumPath) {
          t.skip('Chromium not installed');
          return;
        }
        const before = pageErrors.length;
        const refusalsBefore = apiRefusals.length;
        a11y.reset();
        try {
          await fn(t);
        } catch (err) {
          await saveFailureShots(name);
          for (const refusal of apiRefusals.slice(refusalsBefore)) t.diagnostic(`API refusal during the test: ${refusal}`);
          throw err;
        }
        assert.deepEqual(pageErrors.slice(before), [], 'uncaught errors in the page');
        const violations = await a11y.finish();
        assert.equal(violations.length, 0, `accessibility (axe, WCAG 2 A/AA) violations of impact serious or critical:\n${describeViolations(violations)}`);
      });
    },
    async newPage(options = {}) {
      const context = await browser!.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: 'zh-CN',
        reducedMotion: 'reduce',
        storageState: options.storageState,
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      // Date in the page starts at E2E_TODAY and runs on; timers keep real time
      await context.clock.install({ time: E2E_NOW });
      await a11y.attach(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      page.on('response', (res) => {
        const url = new URL(res.url());
        if (res.status() < 400 || !url.pathname.startsWith('/api/')) return;
        const entry = `${res.request().method()} ${url.pathname} ${res.status()}`;
        const at = apiRefusals.push(entry) - 1;
        res.text().then(
          (body) => (apiRefusals[at] = `${entry} ${body.slice(0, 200)}`),
          () => undefined,
        );
      });
      return { context, page };
    },
    async signIn(page, username, password = DEMO_PASSWORD) {
      await page.goto(`${suite.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
    },
    async pageAs(username) {
      let page = signedIn.get(username);
      if (!page) {
        page = (await suite.newPage()).page;
        await suite.signIn(page, username);
        await page.waitForURL(`${suite.url}/app`);
        signedIn.set(username, page);
      }
      return page;
    },
  };
  return suite;
}

/** A full-page screenshot into $E2E_SHOTS (relative to the repository), when set. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS;
  if (!dir) return;
  fs.mkdirSync(path.resolve(ROOT, dir), { recursive: true });
  await page.screenshot({ path: path.resolve(ROOT, dir, `${name}.png`), fullPage: true });
}

/** Chooses an option of an antd Select by its text. */
export async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
  await page.getByTestId(testId).filter({ hasText: text }).waitFor();
}

/**
 * Picks an option of an antd Radio.Group by its text and waits until it shows as chosen. A click that lands while
 * the modal is still zooming in can miss (seen once in CI under load: the form then refused to save), so it clicks
 * again while the option is not chosen.
 */
export async function pick(page: Page, testId: string, text: string): Promise<void> {
  const option = page.getByTestId(testId).locator('.ant-radio-wrapper').filter({ hasText: text });
  const chosen = page.getByTestId(testId).locator('.ant-radio-wrapper-checked').filter({ hasText: text });
  for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
    await option.click();
    await chosen.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
  await chosen.waitFor();
}

/**
 * Clicks a button that closes a dialog (confirm or cancel) and waits until the dialog has closed. A click that lands while an antd modal is
 * still zooming in can miss (as with `pick`): the dialog then stays open and the test waits for what never comes, so
 * it clicks again while the button is still there (a button whose request is under way shows as loading and takes
 * no second click).
 */
export async function confirmDialog(page: Page, okTestId: string): Promise<void> {
  const ok = page.getByTestId(okTestId);
  for (let attempt = 0; attempt < 3 && (await ok.isVisible()); attempt++) {
    await ok.click().catch(() => undefined);
    await ok.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }
  await ok.waitFor({ state: 'hidden' });
}

/** An element by its test id with a data attribute of a given value (e.g. a status), to wait for. */
export const attr = (page: Page, testId: string, name: string, value: string) => page.locator(`[data-testid="${testId}"][data-${name}="${value}"]`);

/** A signed-in API caller (apiAs). */
export type Caller = <T>(method: string, p: string, body?: unknown) => Promise<T>;
let apiKeys = 0;

/** Signs in through the API (for setting a scene only) and returns a caller with the bearer token; a Buffer body is sent as a file. */
export async function apiAs(url: string, username: string): Promise<Caller> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `login ${username}`);
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const file = Buffer.isBuffer(body);
    const type: Record<string, string> = body === undefined ? {} : { 'content-type': file ? 'application/octet-stream' : 'application/json' };
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...type, 'idempotency-key': `e2e-${process.pid}-${apiKeys++}` },
      body: file ? new Uint8Array(body) : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${p}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** POSTs a case action with the case's current version. */
export async function act(who: Caller, number: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
  const { version } = await who<{ version: number }>('GET', `/api/cases/${number}`);
  await who('POST', `/api/cases/${number}/${action}`, { version, ...body });
}

/** 企业设立登记（有限责任公司） of 淮北市市场监督管理局: granting it issues a 营业执照. */
export const COMPANY_ITEM = '340600-XK-0002';
const BLANK_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * A case of COMPANY_ITEM for the demo company (of the given name), through the API: applied with every material and
 * submitted. Returns its number.
 */
export async function submittedCompanyCase(url: string, companyName: string, pdf = BLANK_PDF): Promise<string> {
  const company = await apiAs(url, 'company');
  const { number } = await company<{ number: string }>('POST', '/api/cases', {
    implementationCode: COMPANY_ITEM,
    formData: {
      companyName,
      legalRep: '李四',
      legalRepIdNumber: '11010519491231002X',
      registeredCapital: 10,
      businessScope: '软件开发',
      address: '淮北市相山区人民路 1 号',
      phone: '13912345678',
    },
  });
  const { materials } = await company<{ materials: { key: string }[] }>('GET', `/api/cases/${number}`);
  for (const m of materials) await company('PUT', `/api/cases/${number}/materials/${m.key}?fileName=${m.key}.pdf`, pdf);
  await act(company, number, 'submit');
  return number;
}

/**
 * A submitted case of COMPANY_ITEM (submittedCompanyCase), accepted by the clerk, reviewed by the reviewer and granted
 * by the lead (so its 营业执照 is issued). Returns its number.
 */
export async function grantedCompanyCase(url: string, companyName: string): Promise<string> {
  const [clerk, reviewer, lead] = await Promise.all([apiAs(url, 'clerk'), apiAs(url, 'reviewer'), apiAs(url, 'market.lead')]);
  const number = await submittedCompanyCase(url, companyName);
  await act(clerk, number, 'accept');
  // 审查 by the reviewer, 决定 by the lead: the same person may not do both (审批分离).
  for (const [who, opinion] of [
    [reviewer, '通过'],
    [lead, '准予'],
  ] as const) {
    await act(who, number, 'claim');
    await act(who, number, 'complete-step', { result: 'pass', opinion });
  }
  return number;
}
