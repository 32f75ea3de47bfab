// Accessibility of every page the browser tests visit: axe-core (WCAG 2 A and AA rules) runs on a page once it has
// settled after each navigation, and on every page a test touched when the test ends; a violation of impact serious
// or critical fails the test, naming the rule, its impact, the element and the page.
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/** axe-core's source, run in every document of the tests' browser contexts (an init script is not held by the CSP). */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const TAGS = ['wcag2a', 'wcag2aa'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Violations that come from antd's own markup, which our pages cannot change: the exact rule and element, and why.
 * Keep it short; a violation our own markup causes is fixed in web/src, never listed here.
 */
export const AXE_ALLOWED: readonly { rule: string; target: RegExp; reason: string }[] = [
  {
    rule: 'scrollable-region-focusable',
    target: /(^| )\.ant-table-content$/,
    reason:
      "antd renders a wide table's horizontal scroll box itself and offers no prop to make it focusable; a table of text only (the guide's materials) then has nothing to tab to",
  },
  {
    rule: 'aria-hidden-focus',
    target: /(^| )\.ant-table-measure-row$/,
    reason: "antd's hidden row that measures fixed columns' widths (aria-hidden, zero height); it is antd's markup, not ours",
  },
];

export interface A11yViolation {
  /** The page's path when axe ran. */
  page: string;
  rule: string;
  impact: string;
  target: string;
  help: string;
  html: string;
  /** What axe says is wrong (e.g. the contrast ratio and both colours). */
  summary: string;
}

interface AxeNode {
  target: string;
  impact: string;
  html: string;
  summary: string;
  inactive: boolean;
}
interface AxeResult {
  id: string;
  help: string;
  nodes: AxeNode[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page's route: its path with every run of digits (case numbers, ids, item codes) folded into one mark. */
const routeOf = (url: string) => new URL(url).pathname.replace(/\d+/g, '#');

/** Watches the pages of a test file: checks each after it settles, and says which a test touched. */
export class A11yWatch {
  private readonly found = new Map<string, A11yViolation>();
  private readonly pending = new Set<Promise<void>>();
  /** Pages with something new since their last check (a navigation or a request). */
  private readonly dirty = new Set<Page>();
  private readonly queue = new Map<Page, Promise<void>>();
  private readonly inFlight = new Map<Page, number>();
  /** Routes already checked after a navigation (numbers folded, so /app/cases/1 and /app/cases/2 count once). */
  private readonly routesSeen = new Set<string>();

  async attach(context: BrowserContext): Promise<void> {
    await context.addInitScript({ content: AXE_SOURCE });
    context.on('page', (page) => this.watch(page));
  }

  watch(page: Page): void {
    if (this.inFlight.has(page)) return;
    this.inFlight.set(page, 0);
    let timer: NodeJS.Timeout | undefined;
    const change = () => this.dirty.add(page);
    page.on('request', () => {
      this.inFlight.set(page, (this.inFlight.get(page) ?? 0) + 1);
      change();
    });
    const done = () => this.inFlight.set(page, Math.max(0, (this.inFlight.get(page) ?? 1) - 1));
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      change();
      // a route change: check the new page once its data has come (the next navigation restarts the wait). axe
      // takes the page's main thread for a while, so each route is checked once this way; a test's last state of
      // every page it touched is checked when it ends.
      clearTimeout(timer);
      const route = routeOf(frame.url());
      if (this.routesSeen.has(route)) return;
      timer = setTimeout(() => {
        this.routesSeen.add(route);
        this.track(this.check(page));
      }, 1_000);
    });
    page.on('close', () => {
      clearTimeout(timer);
      this.dirty.delete(page);
    });
  }

  /** Checks every page touched since its last check, waits for all checks under way, and returns what they found. */
  async finish(): Promise<A11yViolation[]> {
    for (const page of [...this.dirty]) this.track(this.check(page));
    while (this.pending.size) await Promise.all([...this.pending]);
    const found = [...this.found.values()];
    this.found.clear();
    return found;
  }

  /** Forgets what earlier tests left (their pages stay open and are checked again only when touched). */
  reset(): void {
    this.found.clear();
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** One axe run on the page, after the runs before it and once no request is in flight. */
  private check(page: Page): Promise<void> {
    const previous = this.queue.get(page) ?? Promise.resolve();
    const next = previous.then(() => this.run(page));
    this.queue.set(page, next);
    return next;
  }

  private async run(page: Page): Promise<void> {
    if (page.isClosed()) return;
    for (let quiet = 0, waited = 0; quiet < 300 && waited < 5_000; waited += 50) {
      await sleep(50);
      quiet = (this.inFlight.get(page) ?? 0) === 0 ? quiet + 50 : 0;
    }
    this.dirty.delete(page);
    let results: AxeResult[];
    let path: string;
    try {
      path = new URL(page.url()).pathname;
      results = await page.evaluate(async (tags) => {
        const axe = (
          window as unknown as {
            axe?: {
              run(
                context: Document,
                options: object,
              ): Promise<{
                violations: {
                  id: string;
                  help: string;
                  impact?: string | null;
                  nodes: { target: unknown[]; impact?: string | null; html: string; failureSummary?: string }[];
                }[];
              }>;
            };
          }
        ).axe;
        if (!axe || !document.body) return [];
        const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return violations.map((v) => ({
          id: v.id,
          help: v.help,
          nodes: v.nodes.map((n) => ({
            target: n.target.map(String).join(' '),
            impact: n.impact ?? v.impact ?? 'unknown',
            html: n.html.slice(0, 160),
            summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200),
            // WCAG 1.4.3 exempts the text of an inactive (disabled) control from the contrast minimum
            inactive:
              v.id === 'color-contrast' &&
              !!document
                .querySelector(n.target.map(String).join(' '))
                ?.closest('[disabled], [aria-disabled="true"], .ant-select-disabled, .ant-tag-disabled, .ant-btn-disabled'),
          })),
        }));
      }, TAGS);
    } catch {
      // the page closed or navigated away while axe ran: the navigation schedules its own check
      return;
    }
    for (const v of results) {
      for (const n of v.nodes) {
        if (!BLOCKING.has(n.impact) || n.inactive) continue;
        if (AXE_ALLOWED.some((a) => a.rule === v.id && a.target.test(n.target))) continue;
        const key = `${v.id} ${n.target}`;
        if (!this.found.has(key))
          this.found.set(key, { page: path, rule: v.id, impact: n.impact, target: n.target, help: v.help, html: n.html, summary: n.summary });
      }
    }
  }
}

/** The lines an assertion prints: rule, impact, element and page. */
export function describeViolations(violations: readonly A11yViolation[]): string {
  return violations.map((v) => `${v.rule} (${v.impact}) at ${v.target} on ${v.page}: ${v.help} — ${v.html} — ${v.summary}`).join('\n');
}
