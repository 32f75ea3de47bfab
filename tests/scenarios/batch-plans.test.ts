// The hot statements take their batch as one JSON array (group commit, platform/batch.ts). They are planned for a batch
// of a few items (batch_items, migration 0013), so they reach the cases through the indexes even while the tables are
// small. Planned for the 100 items the planner assumes for jsonb_to_recordset, they scanned service_case whole on
// every call below about 20,000 cases.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { ACCEPT_READ, ACCEPT_WRITE } from '../../src/modules/cases/index.ts';
import { RATE } from '../../src/modules/ratings/index.ts';

let t: TestApp;

before(async () => {
  t = await testApp({ demo: 'full' });
  const [item] = await queryRows<{ id: number; version: number; department: number; region: string }>(
    t.database.db,
    sql`SELECT id, published_version_id AS version, department_id AS department, region_code AS region FROM implementation WHERE status = 'published' ORDER BY id LIMIT 1`,
  );
  // 3,000 closed cases: a city's first weeks. A table this small is cheaper to scan than to probe 100 times.
  await t.database.db.execute(sql`
    INSERT INTO service_case (number, implementation_id, implementation_version_id, department_id, region_code, status, channel,
                              applicant_kind, applicant_name, applicant_id_type, applicant_id_number, form_data, received_at, received_on)
    SELECT 'PLAN' || lpad(g::text, 6, '0'), ${item.id}, ${item.version}, ${item.department}, ${item.region}, 'delivered', 'web',
           'person', '测试', '111', '340602199001011234', '{}'::jsonb, now(), current_date
    FROM generate_series(1, 3000) AS g`);
  await t.database.db.execute(sql`ANALYZE service_case`);
});
after(async () => {
  await t?.close();
});

/** The plan a server keeps for the statement once it has been run a few times (the generic plan of a prepared statement). */
async function genericPlan(text: string): Promise<string> {
  return t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`PREPARE batch_plan_test(jsonb) AS ${text}`));
    try {
      const rows = await queryRows<Record<string, string>>(tx, sql.raw(`EXPLAIN EXECUTE batch_plan_test('[]')`));
      return rows.map((r) => Object.values(r)[0]).join('\n');
    } finally {
      await tx.execute(sql`DEALLOCATE batch_plan_test`);
    }
  });
}

for (const [name, text, index] of [
  ['the acceptance read', ACCEPT_READ, 'service_case_number_idx'],
  ['the acceptance write', ACCEPT_WRITE, 'service_case_pkey'],
  ['the rating', RATE, 'service_case_number_idx'],
] as const) {
  test(`${name} finds its cases by ${index}, not by scanning them all`, async () => {
    const plan = await genericPlan(text);
    assert.doesNotMatch(plan, /Seq Scan on service_case/, plan);
    assert.match(plan, new RegExp(`using ${index} on service_case`), plan);
  });
}
