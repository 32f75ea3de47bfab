import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { testApp } from '../../tests/support/app.ts';

// No route without its scope tested: every /api route must appear, as 'METHOD /api/path', in a module's
// *.permissions.test.ts (the role × route × region matrix of tests/support/permissions.ts).
test('every API route is in a permission matrix', async () => {
  const t = await testApp({ demo: false });
  try {
    const files = fs
      .readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.permissions.test.ts'))
      .map((f) => fs.readFileSync(path.join('src', f), 'utf8'))
      .join('\n');
    const missing = t.app.apiRoutes
      .filter((r) => r.url !== '/api/openapi.json' && !files.includes(`'${r.method} ${r.url}'`))
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, [], `routes without a permission test:\n${missing.join('\n')}`);
  } finally {
    await t.close();
  }
});
