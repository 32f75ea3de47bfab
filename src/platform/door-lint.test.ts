// The door lint (eslint.doors.js, style.md §1) run on probe files: another module or web feature is reached only
// through its index.ts, from anywhere in the repository, and the kernel reaches no module at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The door lint's messages for `code` as if it were the file at `file` (relative to the repository). */
async function doorErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result.messages.filter((m) => m.ruleId === 'tongban/doors').map((m) => m.message);
}

test('src/http importing a module file other than its index.ts fails the lint, through the index it passes', async () => {
  const errors = await doorErrors(
    'src/http/door-probe.ts',
    "import { applyForCase } from '../modules/cases/cases.service.ts';\nexport const probe = applyForCase;\n",
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cases module through its door src\/modules\/cases\/index\.ts, not cases\.service\.ts/);
  assert.deepEqual(
    await doorErrors('src/http/door-probe.ts', "import { applyForCase } from '../modules/cases/index.ts';\nexport const probe = applyForCase;\n"),
    [],
  );
});

test('re-exports, dynamic imports and type imports are doors too, from bench, tests, the CLI and other modules', async () => {
  const probes: [string, string][] = [
    ['bench/paths/door-probe.ts', "export { RATE } from '../../src/modules/ratings/ratings.service.ts';\n"],
    ['tests/scenarios/door-probe.test.ts', "export const load = () => import('../../src/modules/licenses/identifier.ts');\n"],
    ['src/cli/door-probe.ts', "import type { Holder } from '../modules/licenses/licenses.issue.ts';\nexport type H = Holder;\n"],
    ['src/modules/ratings/door-probe.ts', "import { acceptCase } from '../cases/cases.service.ts';\nexport const probe = acceptCase;\n"],
  ];
  for (const [file, code] of probes) assert.equal((await doorErrors(file, code)).length, 1, file);
});

test('src/platform imports no module at all, not even its index', async () => {
  const errors = await doorErrors('src/platform/door-probe.ts', "import { caseErrors } from '../modules/cases/index.ts';\nexport const probe = caseErrors;\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0], /src\/platform is the kernel/);
});

test("the allowed exceptions: a module's own files and tests, and a schema's foreign key to another module's schema", async () => {
  assert.deepEqual(
    await doorErrors('src/modules/cases/door-probe.test.ts', "import { applyForCase } from './cases.service.ts';\nexport const probe = applyForCase;\n"),
    [],
  );
  assert.deepEqual(
    await doorErrors('src/modules/ratings/door-probe.schema.ts', "import { caseFile } from '../cases/cases.schema.ts';\nexport const probe = caseFile;\n"),
    [],
  );
  // …but only schema to schema
  assert.equal(
    (
      await doorErrors(
        'src/modules/ratings/door-probe.schema.ts',
        "import { acceptCase } from '../cases/cases.service.ts';\nexport const probe = acceptCase;\n",
      )
    ).length,
    1,
  );
});

test('a web feature importing another feature file other than its index fails the lint; its own files and the index pass', async () => {
  const errors = await doorErrors('web/src/features/ratings/DoorProbe.tsx', "import { caseApi } from '../cases/caseKit.tsx';\nexport const probe = caseApi;\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cases feature through its door web\/src\/features\/cases\/index\.ts, not caseKit\.tsx/);
  assert.deepEqual(
    await doorErrors('web/src/features/ratings/DoorProbe.tsx', "import { caseApi } from '../cases/index.tsx';\nexport const probe = caseApi;\n"),
    [],
  );
  assert.deepEqual(await doorErrors('web/src/features/cases/DoorProbe.tsx', "import { caseApi } from './caseKit.tsx';\nexport const probe = caseApi;\n"), []);
});
