import type { AddressInfo } from 'node:net';
import { testApp } from './app.ts';

/** A listening server with the whole demo (accounts and catalogue) on a fresh database, for browser tests. */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const t = await testApp({ demo: 'full' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => t.close() };
}
