import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { copyText } from '../../platform/db/copy.ts';
import { systemContext } from '../../platform/context.ts';
import { recordUse } from '../licenses/index.ts';
import { loadRecords, sweepLoads } from './exchange.collect.ts';
import { callStatistics, latencyBucket, mergeCallMonths, monthRange, rawCallStatistics, refreshCallDays } from './exchange.stats.ts';
import type { LoadView, ResourceView } from './exchange.types.ts';

// Issue 23, ADR 0048: loads staged by COPY (values with tabs, backslashes and newlines survive; a key repeated within a
// load is refused), a load's Idempotency-Key, the sweep of an interrupted load, and the month's statistics read from the
// daily rollup answering exactly what the raw log answers; licence uses counted as calls; 挂载率 per catalogue kind.

let t: TestApp;
let police: string;
let officer: string;
let people: ResourceView;
let n = 0;
const ctx = systemContext('ingest-test');

before(async () => {
  t = await testApp({ demo: 'full' });
  police = await t.login('police.reviewer');
  officer = await t.login('dataofficer');
  const list = await t.app.inject({ method: 'GET', url: '/api/exchange/resources?pageSize=50', headers: bearer(officer) });
  people = (list.json() as { items: ResourceView[] }).items.find((r) => r.name === '人口基本信息')!;
  assert.ok(people);
});
after(() => t.close());

const personId = (i: number) => `34060319900101${String(1000 + i).slice(-4)}`;
const csvLine = (i: number, name = `测试${i}`) => `${personId(i)},${name},男,1990-01-01,安徽省淮北市${i}号,1390561${String(1000 + i)}\n`;
const HEADER = 'id_number,name,gender,birth_date,address,phone\n';

const upload = (body: string, query: string, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/exchange/resources/${people.id}/loads?${query}`,
    payload: Buffer.from(body),
    headers: { ...bearer(police), 'content-type': 'application/octet-stream', ...(key ? { 'idempotency-key': key } : {}) },
  });

test('COPY text escapes backslash, tab, newline and carriage return', () => {
  assert.equal(copyText('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re');
  assert.equal(copyText(null), '\\N');
  assert.equal(copyText(7), '7');
});

test('values with tabs, backslashes, quotes and newlines are stored exactly as sent', async () => {
  const odd = '王\t"大"\\小\n明';
  const load = await loadRecords(t.database.db, ctx, people, {
    format: 'jsonl',
    mode: 'all_or_nothing',
    declaredCount: 1,
    text: JSON.stringify({ id_number: personId(900), name: odd, gender: '男', birth_date: '1990-01-01', address: 'C:\\路\\1号', phone: '13905610000' }),
  });
  assert.equal(load.status, 'loaded');
  const [row] = await queryRows<{ data: Record<string, unknown> }>(
    t.database.db,
    sql`SELECT data FROM exchange_record WHERE resource_id = ${people.id} AND record_key = ${personId(900)}`,
  );
  assert.equal(row.data.name, odd);
  assert.equal(row.data.address, 'C:\\路\\1号');
});

test('a key repeated within a load is a bad row naming the first; all_or_nothing refuses, reject_bad_rows loads the rest', async () => {
  const body = HEADER + csvLine(1) + csvLine(2) + csvLine(1, '重复') + csvLine(3);
  const refused = await upload(body, 'format=csv&mode=all_or_nothing&declaredCount=4', `ingest-${n++}`);
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(errorCode(refused), 'EXCHANGE_LOAD_INVALID');
  const partial = await upload(body, 'format=csv&mode=reject_bad_rows&declaredCount=4', `ingest-${n++}`);
  assert.equal(partial.statusCode, 201, partial.body);
  const load = partial.json() as LoadView;
  assert.equal(load.inserted + load.updated, 3);
  assert.equal(load.rejected, 1);
  assert.equal(load.reconciliation, 0);
  assert.deepEqual(load.problems, [{ row: 4, errors: ['the key repeats row 2'] }]);
  const [stored] = await queryRows<{ data: { name: string } }>(
    t.database.db,
    sql`SELECT data FROM exchange_record WHERE resource_id = ${people.id} AND record_key = ${personId(1)}`,
  );
  assert.equal(stored.data.name, '测试1');
  const [{ staged }] = await queryRows<{ staged: number }>(t.database.db, sql`SELECT count(*)::int AS staged FROM exchange_load_row`);
  assert.equal(Number(staged), 0);
});

test('a load needs an Idempotency-Key; a repeat answers the same load, the same key for another load is refused', async () => {
  const body = HEADER + csvLine(10) + csvLine(11);
  const none = await upload(body, 'format=csv&mode=all_or_nothing');
  assert.equal(none.statusCode, 400, none.body);
  assert.equal(errorCode(none), 'IDEMPOTENCY_KEY_REQUIRED');
  const k = `ingest-${n++}`;
  const first = await upload(body, 'format=csv&mode=all_or_nothing&declaredCount=2', k);
  assert.equal(first.statusCode, 201, first.body);
  const again = await upload(body, 'format=csv&mode=all_or_nothing&declaredCount=2', k);
  assert.equal(again.statusCode, 201, again.body);
  assert.equal((again.json() as LoadView).id, (first.json() as LoadView).id);
  const loads = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM exchange_load WHERE idempotency_key = ${k}`);
  assert.equal(Number(loads[0].n), 1);
  const other = await upload(body, 'format=csv&mode=reject_bad_rows&declaredCount=2', k);
  assert.equal(other.statusCode, 422, other.body);
  assert.equal(errorCode(other), 'IDEMPOTENCY_KEY_REUSED');
  // A refused load replays its refusal.
  const bad = HEADER + `${personId(12)},,男,1990-01-01,x,1\n`;
  const kb = `ingest-${n++}`;
  const r1 = await upload(bad, 'format=csv&mode=all_or_nothing', kb);
  const r2 = await upload(bad, 'format=csv&mode=all_or_nothing', kb);
  assert.equal(r1.statusCode, 400);
  assert.equal(r2.statusCode, 400);
  assert.deepEqual(r2.json().details, r1.json().details);
});

test('an interrupted load is swept: marked failed with an audit entry, its staged rows deleted; a live one is left', async () => {
  const db = t.database.db;
  const mk = async (minutesAgo: number) => {
    const [l] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO exchange_load (resource_id, format, mode, status, rows_in, inserted, updated, rejected, stored_count, rows_done, created_by, touched_at)
          VALUES (${people.id}, 'csv', 'all_or_nothing', 'running', 0, 0, 0, 0, 0, 2, 'police.reviewer', now() - make_interval(mins => ${minutesAgo})) RETURNING id::int AS id`,
    );
    await db.execute(
      sql`INSERT INTO exchange_load_row (load_id, record_key, row_no, data) VALUES (${l.id}, 'a', 2, '{}'::jsonb), (${l.id}, 'b', 3, '{}'::jsonb)`,
    );
    return Number(l.id);
  };
  const dead = await mk(60);
  const live = await mk(1);
  assert.equal(await sweepLoads(db, ctx), 1);
  const rows = await queryRows<{ id: number; status: string; staged: number }>(
    db,
    sql`SELECT l.id::int AS id, l.status, (SELECT count(*)::int FROM exchange_load_row r WHERE r.load_id = l.id) AS staged FROM exchange_load l WHERE l.id IN (${dead}, ${live}) ORDER BY l.id`,
  );
  assert.deepEqual(
    rows.map((r) => [Number(r.id), r.status, Number(r.staged)]),
    [
      [dead, 'failed', 0],
      [live, 'running', 2],
    ],
  );
  const audit = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.load.fail' AND target_id = ${String(dead)}`,
  );
  assert.equal(Number(audit[0].n), 1);
  assert.equal(await sweepLoads(db, ctx), 0);
  await db.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${live}`);
  await db.execute(sql`UPDATE exchange_load SET status = 'failed' WHERE id = ${live}`);
});

test('latency buckets are monotone and keep two significant digits', () => {
  assert.deepEqual([0, 7, 99, 100, 101, 999, 1000, 1234, 98_765].map(latencyBucket), [0, 7, 99, 100, 110, 1000, 1000, 1300, 99_000]);
  let prev = 0;
  for (let us = 0; us < 200_000; us += 37) {
    const b = latencyBucket(us);
    assert.ok(b >= us && b >= prev && b <= us * 1.1 + 1);
    prev = b;
  }
});

test('the month read from the daily rollup answers exactly what the raw log answers, before and after the days are rolled', async () => {
  const db = t.database.db;
  const month = '2026-03';
  const { from, to } = monthRange(month);
  const depts = await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM department ORDER BY id LIMIT 4`);
  const [p1, p2, c1, c2] = depts.map((d) => Number(d.id));
  // 600 calls over ten days of the month: two providers, two consumers, three resources, refusals, a spread of times.
  await db.execute(sql`
    INSERT INTO exchange_call (at, consumer_department_id, provider_department_id, resource_code, status, code, duration_us)
    SELECT ${from}::timestamptz + make_interval(days => g % 10, secs => g),
           CASE WHEN g % 7 = 0 THEN NULL WHEN g % 2 = 0 THEN ${c1}::bigint ELSE ${c2}::bigint END,
           CASE WHEN g % 3 = 0 THEN ${p1}::bigint ELSE ${p2}::bigint END,
           'R-' || (g % 3), CASE WHEN g % 11 = 0 THEN 403 ELSE 200 END, 'X', (g * 7919) % 45000 + g % 13
    FROM generate_series(1, 600) g`);
  const city = { kind: 'all' } as const;
  const calls = (s: { byProvider: unknown; byConsumer: unknown; byResource: unknown }) => ({ p: s.byProvider, c: s.byConsumer, r: s.byResource });
  const raw = calls(await rawCallStatistics(db, month, city));
  assert.equal(
    (raw.p as { calls: number }[]).reduce((a, r) => a + r.calls, 0),
    600,
  );
  // Nothing rolled up for the month yet (the demo's rollup, if any, starts later): from the log.
  await db.execute(sql`UPDATE exchange_call_day_head SET rolled_until = NULL WHERE id = 1`);
  await db.execute(sql`DELETE FROM exchange_call_day`);
  await db.execute(sql`DELETE FROM exchange_call_month`);
  assert.deepEqual(calls(await callStatistics(db, month, city)), raw);
  assert.ok((await refreshCallDays(db)) > 0);
  const [{ days }] = await queryRows<{ days: number }>(
    db,
    sql`SELECT count(DISTINCT day)::int AS days FROM exchange_call_day WHERE day >= ${from}::date AND day < ${to}::date`,
  );
  // (Days of the month only: the demo's own calls, made when the template was built, roll up into that day's rows.)
  assert.equal(Number(days), 10);
  assert.deepEqual(calls(await callStatistics(db, month, city)), raw);
  // Half the month rolled, the rest read from the log.
  await db.execute(sql`DELETE FROM exchange_call_day WHERE day >= ${`${month}-06`}::date`);
  await db.transaction((tx) => mergeCallMonths(tx, `${month}-01`));
  await db.execute(sql`UPDATE exchange_call_day_head SET rolled_until = ${`${month}-06`}::date WHERE id = 1`);
  assert.deepEqual(calls(await callStatistics(db, month, city)), raw);
  // A department's scope sees its own side only, the same both ways.
  const mine = { kind: 'some', scopes: [{ regionPrefix: null, departmentId: p1 }] } as const;
  const scoped = await callStatistics(db, month, { kind: 'some', scopes: [...mine.scopes] });
  assert.deepEqual(calls(scoped), calls(await rawCallStatistics(db, month, { kind: 'some', scopes: [...mine.scopes] })));
  assert.deepEqual(
    scoped.byProvider.map((r) => r.key),
    [String(p1)],
  );
});

test('the log is rolled up by the hour: a day rolled in parts keeps one row per side and key and answers what the log answers', async () => {
  const db = t.database.db;
  const month = '2026-04';
  const { from } = monthRange(month);
  const depts = await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM department ORDER BY id LIMIT 3`);
  const [p1, p2, c1] = depts.map((d) => Number(d.id));
  // 330 calls, one every 13 minutes from 1 April on (three days).
  await db.execute(sql`
    INSERT INTO exchange_call (at, consumer_department_id, provider_department_id, resource_code, status, code, duration_us)
    SELECT ${from}::timestamptz + make_interval(mins => g * 13), CASE WHEN g % 5 = 0 THEN NULL ELSE ${c1}::bigint END,
           CASE WHEN g % 2 = 0 THEN ${p1}::bigint ELSE ${p2}::bigint END, 'R-' || (g % 4), CASE WHEN g % 9 = 0 THEN 500 ELSE 200 END, 'X',
           (g * 104729) % 30000
    FROM generate_series(1, 330) g`);
  const all = { kind: 'all' } as const;
  const calls = (s: { byProvider: unknown; byConsumer: unknown; byResource: unknown }) => ({ p: s.byProvider, c: s.byConsumer, r: s.byResource });
  const raw = calls(await rawCallStatistics(db, month, all));
  await db.execute(sql`UPDATE exchange_call_day_head SET rolled_until = NULL WHERE id = 1`);
  await db.execute(sql`DELETE FROM exchange_call_day`);
  await db.execute(sql`DELETE FROM exchange_call_month`);
  const rolledDay2 = async () => {
    const [row] = await queryRows<{ calls: number; rows: number }>(
      db,
      sql`SELECT sum(d.calls)::int AS calls, count(*)::int AS rows
          FROM exchange_call_day d WHERE d.day = ${`${month}-02`}::date AND d.side = 'p'`,
    );
    return { calls: Number(row.calls), rows: Number(row.rows) };
  };
  const logged = async (before: string) => {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM exchange_call c WHERE c.at >= ${`${month}-02`}::timestamptz AND c.at < ${before}::timestamptz`,
    );
    return Number(row.n);
  };
  // Up to 13:00 on the 2nd (the hour, not the day): the rest of the 2nd and the 3rd from the log.
  assert.ok((await refreshCallDays(db, `${month}-02 13:20`)) > 0);
  const [head] = await queryRows<{ at: boolean }>(db, sql`SELECT rolled_until = ${`${month}-02 13:00`}::timestamptz AS at FROM exchange_call_day_head`);
  assert.equal(head.at, true);
  assert.deepEqual(await rolledDay2(), { calls: await logged(`${month}-02 13:00`), rows: 2 });
  assert.deepEqual(calls(await callStatistics(db, month, all)), raw);
  // Four more hours merged into the 2nd's rows (still one per side and key), then the rest.
  assert.ok((await refreshCallDays(db, `${month}-02 17:00`)) > 0);
  assert.deepEqual(await rolledDay2(), { calls: await logged(`${month}-02 17:00`), rows: 2 });
  assert.deepEqual(calls(await callStatistics(db, month, all)), raw);
  await refreshCallDays(db);
  assert.deepEqual(await rolledDay2(), { calls: await logged(`${month}-03`), rows: 2 });
  assert.deepEqual(calls(await callStatistics(db, month, all)), raw);
  const [dup] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM exchange_call_day GROUP BY day, side, key, department_id HAVING count(*) > 1) x`,
  );
  assert.equal(Number(dup.n), 0);
});

test('licence uses count as calls of their month (电子证照 共享调用), and 挂载率 is given per catalogue kind', async () => {
  const db = t.database.db;
  const [type] = await queryRows<{ code: string }>(db, sql`SELECT code FROM license_type ORDER BY id LIMIT 1`);
  assert.ok(type, 'the demo city has licence types');
  const [lic] = await queryRows<{ id: number; type_code: string; issuer_department_id: number }>(
    db,
    sql`INSERT INTO license (identifier, type_code, serial, version_no, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
                             issue_date, data, status, signed_data, signature)
        SELECT 'TEST-USE-1', ${type.code}, '0000000001', 1, d.id, d.uscc, 'organisation', '测试企业', '91340600MA2T000001', date '2026-01-05', '{}', 'valid', '{}', 'AAAA'
        FROM department d ORDER BY d.id LIMIT 1
        RETURNING id::int AS id, type_code, issuer_department_id::int AS issuer_department_id`,
  );
  const month = new Date().toISOString().slice(0, 7);
  const before = await callStatistics(db, month, { kind: 'all' });
  const usesOf = (s: typeof before) =>
    s.licenseUses.find((u) => u.typeCode === lic.type_code && u.departmentId === Number(lic.issuer_department_id))?.uses ?? 0;
  for (let i = 0; i < 3; i++) await recordUse(db, { licenseId: Number(lic.id), caseNumber: null, userId: null, userName: '窗口', purpose: '办件核验' });
  const afterUses = await callStatistics(db, month, { kind: 'all' });
  assert.equal(usesOf(afterUses), usesOf(before) + 3);
  assert.ok(afterUses.licenseUses.every((u) => u.typeName.length > 0 && u.uses > 0));
  // Through the route: the statistics page's reply carries both.
  const res = await t.app.inject({ method: 'GET', url: `/api/exchange/statistics?month=${month}`, headers: bearer(officer) });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { mountingByKind: { kind: string; published: number; mounted: number; rate: number }[]; licenseUses: unknown[] };
  assert.ok(body.licenseUses.length > 0);
  const kinds = body.mountingByKind;
  const published = await queryRows<{ kind: string; n: number }>(
    db,
    sql`SELECT left(classification, 1) AS kind, count(*)::int AS n FROM exchange_resource WHERE status = 'published' GROUP BY 1 ORDER BY 1`,
  );
  assert.deepEqual(
    kinds.map((k) => [k.kind, k.published]),
    published.map((p) => [p.kind, Number(p.n)]),
  );
  assert.ok(kinds.every((k) => k.mounted <= k.published && k.rate === Math.round((k.mounted / k.published) * 1000) / 1000));
  assert.ok(
    kinds.some((k) => k.mounted > 0),
    'the demo people resource holds rows',
  );
});
