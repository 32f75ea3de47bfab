// TEMPORARY stand-in for tests/support/server.ts (owned by the backend), used only through
// support-fallback.mjs while that file does not exist. Delete both once it lands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/platform/config.ts';
import { openReady } from '../../src/bootstrap/open.ts';
import { seedDemo } from '../../src/bootstrap/demo.ts';
import { buildApp } from '../../src/http/app.ts';

export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-e2e-'));
  const config = {
    ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: dataDir, TONGBAN_DEMO: 'never' }),
    host: '127.0.0.1',
    port: 0,
  };
  const database = await openReady(config);
  await seedDemo(database.db);
  const app = await buildApp({ database, config, logger: false });
  await app.listen({ host: config.host, port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
