// The rule-of-law API tests' common ground: the app on the full demo with the legal officer of 淮北市司法局 signed in,
// requests as a user, answers expected to succeed, and row counts for "nothing stored".
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { bearer, testApp, type TestApp } from './app.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { pinToday } from '../../src/platform/clock.ts';

/** A request as a signed-in user (their bearer token) or as nobody (null). */
export type LegalRequester = (
  token: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

export interface LegalApp {
  t: TestApp;
  as: LegalRequester;
  /** The legal officer (legalofficer). */
  officer: string;
  /** The id of 淮北市司法局, the legal officer's department. */
  justice: number;
}

/** The app on the full demo, the legal officer signed in. */
export async function legalApp(): Promise<LegalApp> {
  const t = await testApp({ demo: 'full' });
  try {
    const as: LegalRequester = (token, method, url, payload, headers = {}) =>
      t.app.inject({ method, url, payload, headers: { ...(token ? bearer(token) : {}), ...headers } });
    const officer = await t.login('legalofficer');
    const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = '淮北市司法局'`);
    return { t, as, officer, justice: Number(row.id) };
  } catch (err) {
    // The test's own after() never sees this app: close it here so the process can end.
    await t.close().catch(() => undefined);
    throw err;
  }
}

/**
 * A test file's hooks: the app made before its tests (handed to `use`) and closed after them; the day unpinned after
 * each test, as the tests pin days to make every clock exact.
 */
export function withLegalApp(use: (app: LegalApp) => void) {
  let app: LegalApp | undefined;
  before(async () => {
    app = await legalApp();
    use(app);
  });
  afterEach(() => pinToday(null));
  after(() => app?.t.close());
}

/** The answer's body, once its status is `status`. */
export function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T {
  assert.equal(res.statusCode, status, res.body);
  return res.json() as T;
}

/** The rows of a table, to show that a refusal stored nothing. */
export const countRows = async (t: TestApp, table: string) =>
  Number((await queryRows<{ n: number }>(t.database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);
