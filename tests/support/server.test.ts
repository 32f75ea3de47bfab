// The test server's own clean-up: a browser test file whose `before` hook fails must still end. When setting the
// server up throws after its app and database were opened, they are closed before the error goes on; otherwise the
// PostgreSQL pool and the app's LISTEN connection keep the process alive and the test run never finishes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a test server whose seed throws, in a process of its own; what it printed and how it ended. */
function failingStartInChild() {
  const script = `
    import { startTestServer } from './tests/support/server.ts';
    try {
      await startTestServer({ seed: async () => { throw new Error('the seed failed on purpose'); } });
      console.log('started');
    } catch (err) {
      console.log('rejected: ' + err.message);
    }`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: root,
    env: process.env,
    encoding: 'utf8',
    // Ample for a start on a template; a process held open by a leftover connection runs into it.
    timeout: 60_000,
  });
}

test('a test server whose setup throws rejects, closes its app and database, and lets the process end', { timeout: 90_000 }, async () => {
  const child = failingStartInChild();
  assert.equal(child.signal, null, `the process did not end by itself (killed by ${child.signal}); stderr: ${child.stderr}`);
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /rejected: the seed failed on purpose/);

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    // The child's own test database (tests/support/db.ts names it by the process id) was dropped with it.
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`tongban_t_${child.pid}_%`]);
      assert.deepEqual(
        rows.map((r) => r.datname),
        [],
      );
    } finally {
      await admin.end();
    }
  }
});
