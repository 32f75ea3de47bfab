// Replay before publishing (issue 22, ADR 0041) on the full demo and a real database: a new version of a rule set is
// decided again over the historic applications of its item, next to the version in force; the publisher sees how
// many outcomes would change and which (old and new outcome, the conditions that flipped) and must confirm exactly
// that replay to publish.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, type CaseView } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { demoIdentity } from '../../bootstrap/demo.ts';
import { LT } from '../../bootstrap/demo-catalog/kit.ts';
import { RULE_SETS, unemploymentRules } from '../../bootstrap/demo-catalog/rules.ts';
import { soleTraderRules, type RuleContentInput } from './index.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['person', 'itemadmin']) tokens[u] = await t.login(u);
});
after(() => t?.close());

const as = (u: string) => caseClient(t, tokens[u]);
const admin = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { ...bearer(tokens.itemadmin), ...headers } });

interface Replay {
  versionId: number;
  againstVersionNumber: number | null;
  replayed: number;
  changed: number;
  after: Record<string, number>;
  changes: {
    caseNumber: string;
    before: string | null;
    after: string;
    inputsFrom: string;
    flipped: { condition: string; before: string | null; after: string | null }[];
  }[];
  digest: string;
}
interface Detail {
  id: number;
  version: number;
  publishedVersionId: number | null;
  versions: { id: number; number: number; status: string; version: number }[];
}

async function replayOf(id: number): Promise<Replay> {
  const res = await admin('POST', `/api/rule-sets/${id}/replay`, {});
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Replay;
}

async function detailOf(id: number): Promise<Detail> {
  return (await admin('GET', `/api/rule-sets/${id}`)).json() as Detail;
}

/** A new draft of a published rule set with this content; its detail after. */
async function newDraft(id: number, content: RuleContentInput): Promise<Detail> {
  const d = await detailOf(id);
  const v = await admin('POST', `/api/rule-sets/${id}/versions`, { version: d.version });
  assert.equal(v.statusCode, 201, v.body);
  const draft = v.json() as { version: number };
  const saved = await admin('PUT', `/api/rule-sets/${id}/draft`, { validFrom: '2026-01-01', validTo: null, content, version: draft.version });
  assert.equal(saved.statusCode, 200, saved.body);
  return detailOf(id);
}

const publish = (id: number, version: number, replayDigest?: string) =>
  admin('POST', `/api/rule-sets/${id}/publish`, replayDigest === undefined ? { version } : { version, replayDigest });

test('a stricter version shows the grant it would have refused, with the condition that flipped, and publishes only when confirmed', async () => {
  // 失业登记: the demo's rule set decides it instantly; the person (36) meets every condition and is granted.
  const item = '340600-GG-0004';
  const created = await as('person').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: { unemployedSince: '2026-11-02', education: '本科', phone: demoIdentity('person').phone } },
    idem(),
  );
  assert.equal(created.statusCode, 201, created.body);
  const { number } = created.json() as { number: string };
  assert.equal((await as('person').upload(number, 'id_card', PDF)).statusCode, 200);
  const granted: CaseView = await as('person').act(number, 'submit');
  assert.equal(granted.status, 'decided', 'granted by the rules in force');

  const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM rule_set WHERE code = ${RULE_SETS[0].code}`);
  const id = Number(row.id);
  // Version 2: working age up to 30 only (the golden cases moved along with it).
  const stricter = unemploymentRules(LT.employmentCard);
  stricter.conditions[0].test = '[16..30]';
  for (const g of stricter.goldenCases ?? []) if (typeof g.inputs.age === 'number' && g.inputs.age > 30) g.inputs.age = 25;
  const d = await newDraft(id, stricter);

  const r = await replayOf(id);
  assert.equal(r.versionId, d.versions[0].id);
  assert.equal(r.againstVersionNumber, 1);
  assert.ok(r.replayed >= 1);
  const change = r.changes.find((c) => c.caseNumber === number);
  assert.ok(change, JSON.stringify(r.changes));
  assert.equal(change.before, 'grant');
  assert.equal(change.after, 'refuse');
  // The inputs recorded at the decision: the card the case itself issued does not count against it.
  assert.equal(change.inputsFrom, 'decision');
  assert.deepEqual(
    change.flipped.map((f) => [f.condition, f.before, f.after]),
    [['workingAge', 'pass', 'fail']],
    'only the age condition flipped: the card is as it was then',
  );
  assert.equal(r.changed, r.changes.length);
  assert.ok(r.after.refuse >= 1);
  // The reply names cases by number only: no ID number, name or form value.
  assert.ok(!JSON.stringify(r).includes(demoIdentity('person').idNumber!));

  // Not confirmed, or a different replay confirmed: refused with a code; nothing published.
  assert.equal(errorCode(await publish(id, d.versions[0].version)), 'RULE_REPLAY_UNCONFIRMED');
  assert.equal(errorCode(await publish(id, d.versions[0].version, 'f'.repeat(32))), 'RULE_REPLAY_UNCONFIRMED');
  assert.equal((await detailOf(id)).versions[0].status, 'draft');
  const ok = await publish(id, d.versions[0].version, r.digest);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((ok.json() as Detail).versions[0].status, 'published');

  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'rule_set' AND target_id = ${String(id)} AND action IN ('rules.replay', 'rules.publish') ORDER BY id`,
  );
  assert.deepEqual(
    audit.map((a) => a.action),
    ['rules.publish', 'rules.replay', 'rules.publish'],
    'the demo seed published v1; the replay was looked at; v2 published',
  );

  // Version 3 only reworded: against version 2 nothing changes, and it publishes without a confirmation.
  const reworded = structuredClone(stricter);
  reworded.conditions[0].labelZh = '申请人在十六至三十周岁之间';
  const d3 = await newDraft(id, reworded);
  const r3 = await replayOf(id);
  assert.equal(r3.againstVersionNumber, 2);
  assert.equal(r3.changed, 0, JSON.stringify(r3.changes));
  const ok3 = await publish(id, d3.versions[0].version);
  assert.equal(ok3.statusCode, 200, ok3.body);
});

test('a first version against applications people decided: the cases it would grant, read from the case as submitted', async () => {
  // 个体工商户设立登记 of 相山区: an application submitted before any rules exist for it.
  const item = '340603-XK-0002';
  const form = { phone: demoIdentity('person').phone, operatingForm: '个人经营', shopAddress: '淮北市相山区人民路12号', businessScope: '小吃服务' };
  const meets = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: form, submit: true }, idem());
  assert.equal(meets.statusCode, 201, meets.body);
  const noNumber = await as('person').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: { ...form, shopAddress: '淮北市相山区人民路' }, submit: true },
    idem(),
  );
  assert.equal(noNumber.statusCode, 201, noNumber.body);
  const [impl] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM implementation WHERE code = ${item}`);
  const res = await admin(
    'POST',
    '/api/rule-sets',
    {
      code: 'replay-soletrader',
      name: '个体工商户设立登记秒批',
      implementationId: Number(impl.id),
      validFrom: '2026-01-01',
      content: soleTraderRules(LT.soleTraderLicense),
    },
    idem(),
  );
  assert.equal(res.statusCode, 201, res.body);
  const set = res.json() as Detail;

  const r = await replayOf(set.id);
  assert.equal(r.againstVersionNumber, null, 'nothing in force: people decided them');
  const numbers = r.changes.map((c) => c.caseNumber);
  const meetsNumber = (meets.json() as { number: string }).number;
  const noNumberNumber = (noNumber.json() as { number: string }).number;
  assert.ok(numbers.includes(meetsNumber), 'a grant without a person is a change');
  assert.ok(!numbers.includes(noNumberNumber), 'a refusal still goes to people: no change');
  const change = r.changes.find((c) => c.caseNumber === meetsNumber)!;
  assert.deepEqual([change.before, change.after, change.inputsFrom], [null, 'grant', 'application']);
  assert.ok(r.after.refuse >= 1, 'the premises without a street number are refused');

  assert.equal(errorCode(await publish(set.id, set.versions[0].version)), 'RULE_REPLAY_UNCONFIRMED');
  const ok = await publish(set.id, set.versions[0].version, r.digest);
  assert.equal(ok.statusCode, 200, ok.body);
});

test('replaying an unknown rule set or another set’s version is refused with a code', async () => {
  assert.equal(errorCode(await admin('POST', '/api/rule-sets/999999/replay', {})), 'RULE_SET_NOT_FOUND');
  const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM rule_set WHERE code = ${RULE_SETS[0].code}`);
  assert.equal(errorCode(await admin('POST', `/api/rule-sets/${row.id}/replay`, { versionId: 999999 })), 'RULE_VERSION_NOT_FOUND');
});
