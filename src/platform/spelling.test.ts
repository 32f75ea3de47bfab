// One spelling in code (ADR 0022): `license` in identifiers, code strings and file names; "licence" only in prose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', '.git', 'dist', 'data', '.cache']);

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    yield path.relative(ROOT, full);
    if (entry.isDirectory()) yield* walk(full);
  }
}

test('no file or folder name says licence (applied migrations keep their names: they are history)', () => {
  const wrong = [...walk(ROOT)].filter((p) => /licence/i.test(path.basename(p)) && !p.startsWith(`db${path.sep}migrations${path.sep}`));
  assert.deepEqual(wrong, []);
});

test('the lint fails on an identifier or a code string that says licence, and lets prose through', async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const code = "const licenceId = 1;\nconst key = 'business_licence';\nconst text = 'the licence is valid';\nexport { licenceId, key, text };\n";
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}src/spelling-probe.ts` });
  const lines = result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
  assert.deepEqual([...new Set(lines)], [1, 2, 4]); // line 3 is prose
});
