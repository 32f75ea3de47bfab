// Resolved sign-in tokens are cached for a while; a logout or account change must still end access at once, in this
// process directly and in every other process through NOTIFY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApp, testConfig } from '../../../tests/support/app.ts';
import { testBackend } from '../../../tests/support/db.ts';
import { buildApp } from '../../http/app.ts';
import { openDatabase } from '../../platform/db/db.ts';

const LONG = { principalCacheMs: 60_000 };

test('a logout ends the session at once in the process that cached it', async () => {
  const t = await testApp({ config: LONG });
  try {
    const token = await t.login('person');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    assert.equal((await me()).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode, 204);
    assert.equal((await me()).statusCode, 401);
  } finally {
    await t.close();
  }
});

test(
  'a role change reaches another server process through NOTIFY, long before the cache would expire',
  { skip: testBackend !== 'pg' && 'needs a server' },
  async () => {
    const t = await testApp({ config: LONG });
    const otherDb = await openDatabase({ databaseUrl: t.database.location, poolSize: 2 });
    const other = await buildApp({ database: otherDb, config: testConfig(LONG), logger: false });
    try {
      const token = await t.login('person');
      const me = async () => (await other.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode;
      assert.equal(await me(), 200, 'the other process resolves and caches the token');
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode, 204);
      let status = 200;
      for (let i = 0; i < 60 && status === 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await me();
      }
      assert.equal(status, 401);
    } finally {
      await other.close();
      await otherDb.close();
      await t.close();
    }
  },
);
