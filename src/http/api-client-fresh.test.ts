import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { apiDir, generateApiFiles } from '../../scripts/api-generate.ts';

// The web's client is typed by files generated from this server's OpenAPI document (ADR 0019). When a route's
// schema changes and the files are not regenerated, the web compiles against a stale API: this test says so.
test('the committed web API document and types match what the server describes now', async () => {
  const files = await generateApiFiles();
  for (const [name, expected] of Object.entries(files)) {
    const file = path.join(apiDir, name);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    assert.ok(committed !== null, `web/src/api/${name} is missing: run npm run api:generate`);
    if (committed !== expected) {
      const a = committed.split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.fail(
        `web/src/api/${name} is stale: run npm run api:generate and commit the result ` +
          `(first difference at line ${line + 1}: committed ${JSON.stringify(a[line])}, server ${JSON.stringify(b[line])})`,
      );
    }
  }
});
