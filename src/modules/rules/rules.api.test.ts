import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { LT } from '../../bootstrap/demo-catalog/kit.ts';
import { decide, publishedRulesFor, recordDecision, decisionsOfCase, soleTraderRules, type RuleContentInput } from './index.ts';

// Rule sets through the HTTP API on the full demo: 个体工商户设立登记 of 相山区 (340603-XK-0002) made instant-approval
// by a rule set of eight conditions; definition checks, golden cases, publication, immutability and the public view.

let t: TestApp;
let itemadmin: string;
let implementationId: number;
let n = 0;
const code = () => `soletrader-${n++}`;

before(async () => {
  t = await testApp({ demo: 'full' });
  itemadmin = await t.login('itemadmin');
  const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM implementation WHERE code = '340603-XK-0002'`);
  implementationId = Number(row.id);
});
after(() => t.close());

const as = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { ...(token ? bearer(token) : {}), ...headers } });

const content = (): RuleContentInput => structuredClone(soleTraderRules(LT.businessLicense));
const create = (body: Partial<{ code: string; content: RuleContentInput; validFrom: string; validTo: string | null }> = {}, key = `rules-${Math.random()}`) =>
  as(
    itemadmin,
    'POST',
    '/api/rule-sets',
    { code: code(), name: '个体工商户设立登记秒批', implementationId, validFrom: '2026-01-01', content: content(), ...body },
    { 'idempotency-key': key },
  );

interface Version {
  id: number;
  number: number;
  status: string;
  hash: string | null;
  version: number;
  content: RuleContentInput;
  validFrom: string;
  validTo: string | null;
}
interface Detail {
  id: number;
  code: string;
  regionCode: string;
  departmentId: number;
  implementationCode: string | null;
  publishedVersionId: number | null;
  version: number;
  versions: Version[];
}

/** A database error's own message (drizzle wraps it as the cause of "Failed query"). */
const refusedWith = (pattern: RegExp) => (err: unknown) => pattern.test(String((err as { cause?: { message?: string } }).cause?.message ?? err));

async function auditActions(id: number): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'rule_set' AND target_id = ${String(id)} ORDER BY id`,
  );
  return rows.map((r) => r.action);
}

test('a rule set takes its implementation’s region and department, and a create is idempotent', async () => {
  const key = `same-${Math.random()}`;
  const body = { code: code() };
  const first = await create(body, key);
  assert.equal(first.statusCode, 201, first.body);
  const d = first.json() as Detail;
  assert.equal(d.regionCode, '340603');
  assert.equal(d.implementationCode, '340603-XK-0002');
  assert.deepEqual(
    d.versions.map((v) => [v.number, v.status, v.hash]),
    [[1, 'draft', null]],
  );
  const again = await create(body, key);
  assert.equal(again.statusCode, 201);
  assert.equal((again.json() as Detail).id, d.id, 'the same key gives the same rule set');
  assert.deepEqual(await auditActions(d.id), ['rules.create']);
});

test('a condition reading a form field the implementation’s form lacks is refused at definition time', async () => {
  const c = content();
  c.inputs = c.inputs.map((i) => (i.key === 'shopAddress' ? { ...i, source: { kind: 'form' as const, field: 'storeAddress' } } : i));
  const res = await create({ content: c });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(errorCode(res), 'RULE_DEFINITION_INVALID');
  const problems = (res.json() as { details: { problems: { code: string; at: string }[] } }).details.problems;
  assert.deepEqual(problems, [{ code: 'RULE_FORM_FIELD_UNKNOWN', at: 'inputs.shopAddress', message: 'the form has no field storeAddress' }]);
});

test('an unknown licence type, a test that does not parse and malformed content are 400s with stable codes', async () => {
  const license = content();
  license.inputs = license.inputs.map((i) =>
    i.key === 'holdsLicense' ? { ...i, source: { kind: 'license' as const, typeCode: 'NO-SUCH-TYPE', attribute: 'held' as const } } : i,
  );
  const unparsable = content();
  unparsable.conditions[0].test = '>= (';
  for (const c of [license, unparsable]) {
    const res = await create({ content: c });
    assert.equal(errorCode(res), 'RULE_DEFINITION_INVALID', res.body);
  }
  const malformed = await create({ content: { inputs: [], conditions: [] } as unknown as RuleContentInput });
  assert.equal(malformed.statusCode, 400, malformed.body);
  const noImplementation = await as(
    itemadmin,
    'POST',
    '/api/rule-sets',
    { code: code(), name: 'x', implementationId: null, validFrom: '2026-01-01', content: content() },
    { 'idempotency-key': `k-${Math.random()}` },
  );
  assert.equal(errorCode(noImplementation), 'RULE_SET_OWNER_INVALID');
});

test('the test endpoint returns the trace of every condition with the value read, the test and the article', async () => {
  const d = (await create()).json() as Detail;
  const res = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/test`, {
    inputs: { age: 17, applicantType: 'person', region: '340603', operatingForm: '个人经营', shopAddress: '人民路12号', scope: '小吃', holdsLicense: false },
  });
  assert.equal(res.statusCode, 200, res.body);
  const { decision } = res.json() as {
    decision: { outcome: string; trace: { condition: string; value: unknown; test: string; result: string; article: string }[]; explanationZh: string };
  };
  assert.equal(decision.outcome, 'refuse');
  assert.equal(decision.trace.length, 8);
  assert.deepEqual(decision.trace[0], {
    ...decision.trace[0],
    condition: 'adult',
    value: 17,
    test: '>= 18',
    result: 'fail',
    article: '《中华人民共和国民法典》第十八条',
  });
  assert.match(decision.explanationZh, /“申请人年满十八周岁”不符合：申请人年龄为 17，要求 >= 18/);
  const wrongType = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/test`, { inputs: { age: 'old' } });
  assert.equal(wrongType.statusCode, 200, 'a value of the wrong type is undecidable, never a 500');
  assert.equal((wrongType.json() as { decision: { outcome: string } }).decision.outcome, 'undecidable');
  const elsewhere = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/test`, { inputs: {}, versionId: 999999 });
  assert.equal(errorCode(elsewhere), 'RULE_VERSION_NOT_FOUND');
});

test('a rule set whose golden cases fail cannot be published; fixed, it is, and its version never changes again', async () => {
  const c = content();
  c.goldenCases![1].expected = 'grant'; // a minor: the rules refuse
  const d = (await create({ content: c })).json() as Detail;
  const golden = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/golden`, {});
  assert.equal(golden.statusCode, 200, golden.body);
  const g = golden.json() as { passed: boolean; results: { name: string; passed: boolean; actual: string }[] };
  assert.equal(g.passed, false);
  assert.deepEqual(
    g.results.map((r) => [r.name, r.passed, r.actual]),
    [
      ['符合全部条件', true, 'grant'],
      ['未成年人转人工', false, 'refuse'],
      ['缺少经营场所无法判断', true, 'undecidable'],
    ],
  );
  let draft = d.versions[0];
  const refused = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: draft.version });
  assert.equal(errorCode(refused), 'RULE_GOLDEN_FAILED', refused.body);

  const stale = await as(itemadmin, 'PUT', `/api/rule-sets/${d.id}/draft`, {
    validFrom: '2026-01-01',
    validTo: null,
    content: content(),
    version: draft.version + 5,
  });
  assert.equal(errorCode(stale), 'VERSION_CONFLICT');
  const edited = await as(itemadmin, 'PUT', `/api/rule-sets/${d.id}/draft`, {
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    content: content(),
    version: draft.version,
  });
  assert.equal(edited.statusCode, 200, edited.body);
  draft = edited.json() as Version;
  const published = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: draft.version });
  assert.equal(published.statusCode, 200, published.body);
  const p = published.json() as Detail;
  assert.equal(p.publishedVersionId, draft.id);
  assert.match(p.versions[0].hash!, /^[0-9a-f]{64}$/);
  assert.equal(p.versions[0].status, 'published');

  const change = await as(itemadmin, 'PUT', `/api/rule-sets/${d.id}/draft`, {
    validFrom: '2026-01-01',
    validTo: null,
    content: content(),
    version: p.versions[0].version,
  });
  assert.equal(errorCode(change), 'RULE_NOT_DRAFT');
  await assert.rejects(
    t.database.db.execute(sql`UPDATE rule_set_version SET content = '{}'::jsonb WHERE id = ${draft.id}`),
    refusedWith(/a published rule set version never changes/),
    'the database refuses it too',
  );
  await assert.rejects(t.database.db.execute(sql`DELETE FROM rule_set_version WHERE id = ${draft.id}`), refusedWith(/never deleted/));
  assert.deepEqual(await auditActions(d.id), ['rules.create', 'rules.edit', 'rules.publish']);
});

test('a new version is a draft copy; publishing it retires the one before, with another hash', async () => {
  const d = (await create()).json() as Detail;
  const first = ((await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: d.versions[0].version })).json() as Detail).versions[0];
  const set = (await as(itemadmin, 'GET', `/api/rule-sets/${d.id}`)).json() as Detail;
  const early = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/versions`, { version: set.version - 1 });
  assert.equal(errorCode(early), 'VERSION_CONFLICT');
  const started = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/versions`, { version: set.version });
  assert.equal(started.statusCode, 201, started.body);
  const draft = started.json() as Version;
  assert.deepEqual([draft.number, draft.status], [2, 'draft']);
  const c = content();
  c.conditions[0].test = '>= 16';
  c.conditions[0].article = '《中华人民共和国民法典》第十八条第二款';
  c.goldenCases![1].inputs.age = 15;
  const edited = (
    await as(itemadmin, 'PUT', `/api/rule-sets/${d.id}/draft`, { validFrom: '2026-07-01', validTo: null, content: c, version: draft.version })
  ).json() as Version;
  const published = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: edited.version });
  assert.equal(published.statusCode, 200, published.body);
  const p = published.json() as Detail;
  assert.deepEqual(
    p.versions.map((v) => [v.number, v.status]),
    [
      [2, 'published'],
      [1, 'retired'],
    ],
  );
  assert.notEqual(p.versions[0].hash, first.hash);
  assert.equal(p.versions[1].hash, first.hash, 'a retired version keeps its hash');
  assert.deepEqual(await auditActions(d.id), ['rules.create', 'rules.publish', 'rules.new-version', 'rules.edit', 'rules.publish']);

  const retired = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/retire`, { version: p.version });
  assert.equal(retired.statusCode, 200, retired.body);
  assert.equal((retired.json() as Detail).publishedVersionId, null);
  const twice = await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/retire`, { version: (retired.json() as Detail).version });
  assert.equal(errorCode(twice), 'RULE_ILLEGAL_TRANSITION');
});

test('anyone reads a published rule set’s conditions with their articles; drafts stay hidden', async () => {
  const d = (await create()).json() as Detail;
  const before = (await as(null, 'GET', `/api/public/rule-sets?code=${d.code}`)).json() as { items: unknown[] };
  assert.deepEqual(before.items, []);
  await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: d.versions[0].version });
  const res = await as(null, 'GET', `/api/public/rule-sets?code=${d.code}`);
  assert.equal(res.statusCode, 200, res.body);
  const [item] = (
    res.json() as { items: { implementationCode: string; conditions: { labelZh: string; article: string; inputLabelZh: string }[]; hash: string }[] }
  ).items;
  assert.equal(item.implementationCode, '340603-XK-0002');
  assert.equal(item.conditions.length, 8);
  assert.deepEqual(item.conditions[0], {
    key: 'adult',
    labelZh: '申请人年满十八周岁',
    labelEn: 'The applicant is 18 or older',
    article: '《中华人民共和国民法典》第十八条',
    inputLabelZh: '申请人年龄',
    test: '>= 18',
  });
  assert.ok(!('goldenCases' in item));
});

test('a decision of the published version is recorded with its hash, inputs and trace, and never changes', async () => {
  const d = (await create()).json() as Detail;
  await as(itemadmin, 'POST', `/api/rule-sets/${d.id}/publish`, { version: d.versions[0].version });
  const v = await publishedRulesFor(t.database.db, implementationId);
  assert.ok(v && v.hash);
  const inputs = {
    age: 40,
    applicantType: 'person',
    region: '340603',
    operatingForm: '个人经营',
    shopAddress: '人民路1号',
    scope: '理发',
    holdsLicense: false,
  };
  const decision = decide(v, inputs);
  assert.equal(decision.outcome, 'grant');
  const id = await t.database.db.transaction((tx) => recordDecision(tx, systemContext('test'), { version: v, subject: 'person:test', inputs, decision }));
  const [row] = await queryRows<{ version_hash: string; outcome: string; trace: unknown[] }>(
    t.database.db,
    sql`SELECT version_hash, outcome, trace FROM rule_decision WHERE id = ${id}`,
  );
  assert.equal(row.version_hash, v.hash);
  assert.equal(row.outcome, 'grant');
  assert.equal((typeof row.trace === 'string' ? JSON.parse(row.trace) : row.trace).length, 8);
  await assert.rejects(
    t.database.db.execute(sql`UPDATE rule_decision SET outcome = 'refuse' WHERE id = ${id}`),
    refusedWith(/a rule decision is never changed/),
  );
  const [audit] = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'rule_subject' AND target_id = 'person:test'`,
  );
  assert.equal(audit.action, 'rules.decide');
  assert.deepEqual(await decisionsOfCase(t.database.db, -1), []);
});
