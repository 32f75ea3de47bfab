import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/platform/db/db.ts';
import { testApp } from './app.ts';
import { seedDemoActivity } from '../../src/bootstrap/demo-activity.ts';

export interface TestServer {
  url: string;
  /** The server's database, for what a timer job would do meanwhile. */
  db: Db;
  close(): Promise<void>;
}

/**
 * A listening server with the whole demo (accounts and catalogue) on a fresh database, for browser tests; with
 * `activity`, also the demo city at work (cases in every state, licences, ratings); `seed` adds a file's own data
 * before the server listens. When any of that throws, the app and its database are closed before the error goes on:
 * the caller has nothing to close, and a failing `before` hook must not leave the test run waiting on connections.
 */
export async function startTestServer(opts: { activity?: boolean; seed?: (app: FastifyInstance, db: Db) => Promise<void> } = {}): Promise<TestServer> {
  const t = await testApp({ demo: 'full', config: opts.activity ? { loginRateLimit: 0 } : {} });
  try {
    if (opts.activity) await seedDemoActivity(t.app, t.database.db);
    await opts.seed?.(t.app, t.database.db);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await t.close().catch(() => undefined);
    throw err;
  }
  const { port } = t.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, db: t.database.db, close: () => t.close() };
}
