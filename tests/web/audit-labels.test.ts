// Issue 20: the audit page shows people's words, not codes. Every action and target type the server can write to the
// audit log must have a label in web/src/features/audit/auditLabels.ts. The list is read from the server's code, so
// a new `writeAudit({ action: 'x.y' })` without a label fails here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CASE_ACTIONS, MATERIAL_MODES } from '../../src/modules/cases/index.ts';

type Dictionary = Record<string, { zh: string; en: string }>;

const ROOT = path.join(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts') && !rel.endsWith('.test.ts')) out.push(rel);
    }
  };
  walk('src/modules');
  walk('src/platform');
  // audit.ts itself only declares the column types (`action: 'text'`)
  return out.filter((f) => f !== path.join('src', 'platform', 'audit', 'audit.ts'));
}

/** The keys of the object literal that starts at the line matching `start` (one key a line, up to `};`). */
function blockKeys(file: string, start: RegExp, key = /^\s*'?([a-z_-]+)'?:/): string[] {
  const lines = read(file).split('\n');
  const from = lines.findIndex((l) => start.test(l));
  assert.ok(from >= 0, `${file}: ${start} not found`);
  const keys: string[] = [];
  for (const line of lines.slice(from + 1)) {
    if (/^\S/.test(line) || /^\s*};?\s*$/.test(line)) break;
    const m = key.exec(line);
    if (m) keys.push(m[1]);
  }
  assert.ok(keys.length > 0, `${file}: no keys after ${start}`);
  return keys;
}

/**
 * The actions of templates like `case.${action}`: each prefix the server builds an action from, and the list it
 * draws on. A template with a prefix not listed here fails the test: add its list.
 */
const TEMPLATES: Record<string, () => string[]> = {
  'case.': () => Object.keys(CASE_ACTIONS),
  'case.material.': () => [...MATERIAL_MODES],
  'implementation.': () => blockKeys('src/modules/catalog/catalog.service.ts', /^const TRANSITIONS\b/),
  'license.': () => blockKeys('src/modules/licenses/licenses.issue.ts', /^const STATUS_ACTIONS\b/),
  // a bundle case's material, supplied once for its members: the modes its `supplied` parameter names
  'bundle-case.material.': () =>
    [...(read('src/modules/bundles/bundles.cases.ts').match(/supplied: \{[^\n]*/)?.[0] ?? '').matchAll(/mode: '([a-z]+)'/g)].map((m) => m[1]),
  'bundle.': () => blockKeys('src/modules/bundles/bundles.service.ts', /^const TRANSITIONS\b/),
  'remedy.': () => blockKeys('src/modules/ratings/ratings.service.ts', /^export type RemedyAction\b/, /action: '([a-z_-]+)'/),
  'legal.document.': () => blockKeys('src/modules/legal/legal.core.ts', /^export const DOCUMENT_ACTIONS\b/),
  'exchange.resource.': () => blockKeys('src/modules/exchange/exchange.core.ts', /^export const TRANSITIONS\b/),
};

/** Every action and target type the server's code writes to the audit log. */
function written(): { actions: Set<string>; targets: Set<string>; unknownTemplates: string[] } {
  const actions = new Set<string>();
  const targets = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of sources()) {
    for (const line of read(file).split('\n')) {
      if (/\baction:/.test(line)) {
        // literals, also in a ternary or a parameter's union type: 'case.supply_gap', 'user.register'
        for (const m of line.matchAll(/'([a-z_-]+(?:\.[a-z_-]+)+)'/g)) actions.add(m[1]);
        for (const m of line.matchAll(/`([a-z_.-]+\.)\$\{[^}]+\}`/g)) {
          const expand = TEMPLATES[m[1]];
          if (!expand) unknownTemplates.push(`${file}: ${m[0]}`);
          else for (const a of expand()) actions.add(m[1] + a);
        }
      }
      for (const m of line.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(m[1]);
    }
  }
  return { actions, targets, unknownTemplates };
}

async function load() {
  const labels = (await import(pathToFileURL(path.join(ROOT, 'web/src/features/audit/auditLabels.ts')).href)) as {
    AUDIT_ACTION_LABELS: Record<string, string>;
    AUDIT_TARGET_LABELS: Record<string, string>;
    labelOf: (labels: Record<string, string>, code: string, t: (key: string) => string) => string;
  };
  const messages: Dictionary = {};
  const dir = path.join(ROOT, 'web/src/features');
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name, 'messages.ts');
    if (fs.existsSync(file)) Object.assign(messages, ((await import(pathToFileURL(file).href)) as { messages: Dictionary }).messages);
  }
  return { ...labels, messages };
}

describe('the audit log in people’s words', () => {
  it('finds the actions the server writes, literal and built from the state machines', () => {
    const { actions, targets, unknownTemplates } = written();
    assert.deepEqual(unknownTemplates, [], 'a template action whose list TEMPLATES does not know');
    for (const a of [
      'auth.login',
      'case.start_special',
      'case.material.upload',
      'case.supply_gap',
      'implementation.approve',
      'license.revoke',
      'remedy.follow-up',
      'user.register',
      'rating.appeal.uphold',
    ])
      assert.ok(actions.has(a), `${a} is found`);
    for (const tt of ['case', 'session', 'user']) assert.ok(targets.has(tt), `${tt} is found`);
  });

  it('has a label in Chinese and English for every action and target type the server writes', async () => {
    const { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, messages } = await load();
    const { actions, targets } = written();
    const missing = (codes: Set<string>, labels: Record<string, string>) => [...codes].filter((c) => !Object.hasOwn(labels, c)).sort();
    assert.deepEqual(missing(actions, AUDIT_ACTION_LABELS), [], 'audit actions without a label in auditLabels.ts');
    assert.deepEqual(missing(targets, AUDIT_TARGET_LABELS), [], 'target types without a label in auditLabels.ts');
    for (const [code, key] of [...Object.entries(AUDIT_ACTION_LABELS), ...Object.entries(AUDIT_TARGET_LABELS)]) {
      assert.ok(messages[key]?.zh && messages[key]?.en, `${code}: message ${key} has zh and en`);
      assert.doesNotMatch(messages[key].zh, /[a-z]+[._][a-z]/, `${code}: the label is words, not a code`);
    }
  });

  it('shows an unknown code as itself and a known one as its words', async () => {
    const { AUDIT_ACTION_LABELS, labelOf, messages } = await load();
    const zh = (key: string) => messages[key].zh;
    assert.equal(labelOf(AUDIT_ACTION_LABELS, 'case.start_special', zh), '启动特别程序');
    assert.equal(labelOf(AUDIT_ACTION_LABELS, 'auth.login', zh), '登录');
    assert.equal(labelOf(AUDIT_ACTION_LABELS, 'something.new', zh), 'something.new');
    assert.equal(labelOf(AUDIT_ACTION_LABELS, 'constructor', zh), 'constructor');
  });
});
