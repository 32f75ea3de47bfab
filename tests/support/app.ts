import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/db.ts';
import { DEMO_PASSWORD } from '../../src/bootstrap/demo.ts';
import { testDatabase } from './db.ts';
import { TEST_MASTER_KEY } from './template.ts';

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Signs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), filesDir: path.join(os.tmpdir(), 'tongban-test-files'), masterKeyHex: TEST_MASTER_KEY, ...overrides };
}

/**
 * An app over a fresh test database: by default with the demo city's departments and accounts; `demo: 'full'`
 * adds the demo catalogue, `demo: false` has reference data only.
 */
export async function testApp(opts: { demo?: boolean | 'full'; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = await testDatabase(opts.demo === false ? 'reference' : opts.demo === 'full' ? 'full' : 'accounts');
  const config = testConfig(opts.config);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({ database, config, logger: false });
    await app.ready();
  } catch (err) {
    // Nobody else holds the database yet: an app that failed to start must not leave it (and the process) open.
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
  return {
    app,
    database,
    config,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export function errorCode(res: LightMyRequestResponse): string {
  return (res.json() as { code: string }).code;
}
