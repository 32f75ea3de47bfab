// Applying: one statement per application (the key, the case, its events and audit entries together), so these
// check what that statement promises — once per Idempotency-Key, nothing stored on refusal, unique numbers at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, publishedItem } from '../support/cases.ts';
import { queryRows } from '../../src/platform/db/db.ts';

let t: TestApp;
let item: string;
let person: ReturnType<typeof caseClient>;
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9101');
  person = caseClient(t, await t.login('person'));
});
after(async () => t?.close());

const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.database.db, query))[0].n);
const body = (extra: Record<string, unknown> = {}) => ({ implementationCode: item, formData: { shopName: '一号店' }, submit: true, ...extra });

test('the same key creates one case and replays its reply; another body with it is refused', async () => {
  const first = await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'apply-once' });
  assert.equal(first.statusCode, 201, first.body);
  const reply = first.json() as { number: string; status: string; version: number };
  assert.equal(reply.status, 'submitted');
  assert.equal(reply.version, 2);
  assert.match(reply.number, new RegExp(`^340600${new Date().getFullYear()}\\d{4}\\d{6}$`));
  const again = await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'apply-once' });
  assert.equal(again.statusCode, 201);
  assert.deepEqual(again.json(), reply);
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM service_case WHERE number = ${reply.number}`), 1);
  const other = await person.call('POST', '/api/cases', body({ formData: { shopName: '二号店' } }), { 'idempotency-key': 'apply-once' });
  assert.equal(other.statusCode, 422);
  assert.equal(errorCode(other), 'IDEMPOTENCY_KEY_REUSED');

  const view = await person.get(reply.number);
  assert.deepEqual(
    view.timeline.map((e) => e.type),
    ['created', 'submitted'],
  );
  const actions = await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE target_id = ${reply.number} ORDER BY id`);
  assert.deepEqual(
    actions.map((a) => a.action),
    ['case.create'],
    'created as submitted: one request, one entry',
  );
});

test('a draft is version 1 with one event and one audit entry', async () => {
  const res = await person.call('POST', '/api/cases', body({ submit: false }), { 'idempotency-key': 'apply-draft' });
  assert.equal(res.statusCode, 201, res.body);
  const { number, status, version } = res.json() as { number: string; status: string; version: number };
  assert.deepEqual([status, version], ['draft', 1]);
  assert.deepEqual(
    (await person.get(number)).timeline.map((e) => e.type),
    ['created'],
  );
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${number}`), 1);
});

test('refusals store nothing: no key, an invalid form, an unknown item', async () => {
  const cases = () => count(sql`SELECT count(*)::int AS n FROM service_case`);
  const keys = () => count(sql`SELECT count(*)::int AS n FROM idempotency_key`);
  const [c0, k0] = [await cases(), await keys()];
  const noKey = await person.call('POST', '/api/cases', body());
  assert.equal(errorCode(noKey), 'IDEMPOTENCY_KEY_REQUIRED');
  const invalid = await person.call('POST', '/api/cases', body({ formData: {} }), { 'idempotency-key': 'apply-invalid' });
  assert.equal(invalid.statusCode, 400);
  assert.equal(errorCode(invalid), 'CASE_FORM_INVALID');
  const unknown = await person.call('POST', '/api/cases', body({ implementationCode: 'NO-SUCH-ITEM' }), { 'idempotency-key': 'apply-unknown' });
  assert.equal(errorCode(unknown), 'CASE_IMPLEMENTATION_UNAVAILABLE');
  assert.deepEqual([await cases(), await keys()], [c0, k0]);
  // The key of a refused request is free: corrected, the same key applies.
  const fixed = await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'apply-invalid' });
  assert.equal(fixed.statusCode, 201, fixed.body);
});

test('applications at once get distinct numbers, one case each', async () => {
  const replies = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      person.call('POST', '/api/cases', body({ formData: { shopName: `店${i}` } }), { 'idempotency-key': `apply-burst-${i}` }),
    ),
  );
  assert.ok(replies.every((r) => r.statusCode === 201));
  const numbers = replies.map((r) => (r.json() as { number: string }).number);
  assert.equal(new Set(numbers).size, 30);
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM service_case WHERE form_data->>'shopName' LIKE '店%'`), 30);
});

/** The demo person as the service sees them, for calling it directly (many calls in one tick meet in one batch). */
async function personActor() {
  const { applyForCase } = await import('../../src/modules/cases/index.ts');
  const [me] = await queryRows<{ id: number; display_name: string; id_number: string }>(
    t.database.db,
    sql`SELECT id::int AS id, display_name, id_number FROM app_user WHERE username = 'person'`,
  );
  const grants = (
    await queryRows<{ role: string; region_code: string | null; department_id: number | null }>(
      t.database.db,
      sql`SELECT role, region_code, department_id FROM user_role WHERE user_id = ${me.id}`,
    )
  ).map((g) => ({ role: g.role, regionCode: g.region_code, departmentId: g.department_id === null ? null : Number(g.department_id) }));
  const actor = {
    ctx: { actor: { id: me.id, username: 'person', role: 'applicant' }, requestId: 'apply-at-once' },
    userId: me.id,
    displayName: me.display_name,
    idNumber: me.id_number,
    grants,
  } as Parameters<typeof applyForCase>[1];
  return { applyForCase, actor };
}

test('the same key several times at the same moment: one case, and every reply names it', async () => {
  const { applyForCase, actor } = await personActor();
  await applyForCase(t.database.db, actor, body({ formData: { shopName: '预热' } }), 'apply-at-once-first');
  const before = await count(sql`SELECT count(*)::int AS n FROM service_case`);
  // Called in one tick: the first goes alone; the four with one key wait for it and go together in the next statement.
  const replies = await Promise.all([
    applyForCase(t.database.db, actor, body({ formData: { shopName: '先到' } }), 'apply-at-once-warm'),
    ...Array.from({ length: 4 }, () => applyForCase(t.database.db, actor, body({ formData: { shopName: '同时' } }), 'apply-at-once')),
  ]);
  assert.deepEqual(
    replies.map((r) => r.status),
    [201, 201, 201, 201, 201],
  );
  assert.deepEqual(
    replies.map((r) => r.replayed),
    [false, false, true, true, true],
    'the first of the key creates, the others replay',
  );
  const numbers = replies.slice(1).map((r) => r.body.number);
  assert.equal(new Set(numbers).size, 1, 'one number for one key');
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM service_case`), before + 2);
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.create' AND target_id = ${numbers[0]}`), 1);
});

test('a burst of applications shares each new block of case numbers instead of each taking one', async () => {
  const { applyForCase, actor } = await personActor();
  const first = await applyForCase(t.database.db, actor, body({ formData: { shopName: '编号' } }), 'number-block-first');
  const region = first.body.number.slice(0, 6);
  const day = `${first.body.number.slice(6, 10)}-${first.body.number.slice(10, 12)}-${first.body.number.slice(12, 14)}`;
  const taken = () => count(sql`SELECT last AS n FROM case_number_sequence WHERE region_code = ${region} AND day = ${day}::date`);
  const before = await taken();
  // In one tick: every call finds the same block, and those that find it used up wait for the next one together.
  const replies = await Promise.all(
    Array.from({ length: 120 }, (_, i) => applyForCase(t.database.db, actor, body({ formData: { shopName: `编号${i}` } }), `number-block-${i}`)),
  );
  const numbers = replies.map((r) => r.body.number);
  assert.equal(new Set(numbers).size, 120, 'distinct numbers');
  assert.ok(numbers.every((n) => n.startsWith(region)));
  // 120 numbers need at most three new blocks of 50 (the rest of the current block may be too short for any).
  const used = (await taken()) - before;
  assert.ok(used <= 150, `serials taken: ${used}`);
});

test('an item suspended after it was looked up takes no more applications, though the lookup is cached', async () => {
  assert.equal((await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'before-suspend' })).statusCode, 201);
  const admin = await t.login('itemadmin');
  const list = await t.app.inject({ method: 'GET', url: `/api/catalog/implementations?q=${item}`, headers: { authorization: `Bearer ${admin}` } });
  const impl = (list.json() as { items: { id: number; code: string; version: number }[] }).items.find((i) => i.code === item)!;
  const suspended = await t.app.inject({
    method: 'POST',
    url: `/api/catalog/implementations/${impl.id}/suspend`,
    headers: { authorization: `Bearer ${admin}` },
    payload: { version: impl.version, note: '暂停受理' },
  });
  assert.equal(suspended.statusCode, 200, suspended.body);
  const refused = await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'after-suspend' });
  assert.equal(errorCode(refused), 'CASE_IMPLEMENTATION_UNAVAILABLE');
  // A retry of the application made before the suspension still gets its reply.
  assert.equal((await person.call('POST', '/api/cases', body(), { 'idempotency-key': 'before-suspend' })).statusCode, 201);
});

test('acceptance answers minimally when asked, and the case shows what it did', async () => {
  const optional = await publishedItem(t, '340600-XK-9102', {
    materials: [{ key: 'm', name: '申请书', required: false, form: 'electronic', source: 'applicant', acceptanceStandard: '完整', pledgeAllowed: false }],
  });
  const applied = await person.call('POST', '/api/cases', body({ implementationCode: optional }), { 'idempotency-key': 'accept-minimal' });
  const { number, version } = applied.json() as { number: string; version: number };
  const clerk = caseClient(t, await t.login('clerk'));
  const res = await clerk.call('POST', `/api/cases/${number}/accept`, { version }, { prefer: 'return=minimal' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { number, status: 'in_review', version: version + 1 });
  const again = await clerk.call('POST', `/api/cases/${number}/accept`, { version }, { prefer: 'return=minimal' });
  assert.equal(errorCode(again), 'CASE_VERSION_CONFLICT');
  const view = await clerk.get(number);
  assert.equal(view.status, 'in_review');
  assert.equal(view.steps.find((s) => s.key === 'review')?.status, 'active');
  assert.deepEqual(
    view.timeline.map((e) => e.type),
    ['created', 'submitted', 'accepted'],
  );
  assert.ok(view.clock.acceptedOn);
  const actions = await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_log WHERE target_id = ${number} ORDER BY id`);
  assert.deepEqual(
    actions.map((a) => a.action),
    ['case.create', 'case.accept'],
  );
});
