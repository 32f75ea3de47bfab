import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { docs, docsFolder, modulePage, MARKER } from '../../scripts/module-docs.ts';

// docs/modules/<module>.md says what the module is (by hand) and what it owns and offers (generated from the
// registry): a module added without its page, or a table, route, event or job added without regenerating, fails here.
for (const { module, door } of await docs()) {
  test(`docs/modules/${module.name}.md has a written purpose and is current with the code (npm run docs:modules)`, async () => {
    const file = path.join(docsFolder, `${module.name}.md`);
    assert.ok(fs.existsSync(file), `missing ${path.relative(process.cwd(), file)}: run npm run docs:modules`);
    const current = fs.readFileSync(file, 'utf8');
    const hand = current.slice(0, current.indexOf(MARKER));
    assert.ok(current.includes(MARKER) && !hand.includes('TODO'), 'write the purpose above the marker');
    assert.equal(current, await modulePage(module, door, current), 'stale: run npm run docs:modules');
  });
}
