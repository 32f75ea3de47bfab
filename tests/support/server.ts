import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/platform/db/db.ts';
import { testApp } from './app.ts';

export interface TestServer {
  url: string;
  /** The server's database, for what a timer job would do meanwhile. */
  db: Db;
  close(): Promise<void>;
}

/** A listening server with the whole demo (accounts and catalogue) on a fresh database, for browser tests. */
export async function startTestServer(): Promise<TestServer> {
  const t = await testApp({ demo: 'full' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, db: t.database.db, close: () => t.close() };
}
