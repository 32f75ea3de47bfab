// The licence register (证照台账) is read by issuing department and issue date, newest first: that is answered from
// license_issuer_date_idx (migration 0036), not by reading every licence of every department.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/db.ts';
import { testDatabase } from '../../../tests/support/db.ts';
import { conditions, listRegister } from './licenses.register.ts';

const LICENSES = 20_000;
let database: Database;
let departmentId: number;
let regionCode: string;

before(async () => {
  database = await testDatabase('full');
  const db = database.db;
  const departments = await queryRows<{ id: number; region_code: string }>(db, sql`SELECT id, region_code FROM department ORDER BY id`);
  const types = await queryRows<{ code: string }>(db, sql`SELECT code FROM license_type ORDER BY code`);
  assert.ok(departments.length > 5 && types.length > 0, 'the demo has departments and licence types');
  // bigint comes back as a string from PostgreSQL, as a number from PGlite.
  departmentId = Number(departments[3].id);
  regionCode = departments[3].region_code;
  const departmentIds = departments.map((d) => Number(d.id));
  const typeCodes = types.map((t) => t.code);
  // Licences of every department over five years; one in twenty superseded (the register leaves those out).
  await db.execute(sql`
    INSERT INTO license (identifier, type_code, serial, version_no, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
                         issue_date, valid_until, data, status, signed_data, signature)
    SELECT 'TEST-' || g, (${`{${typeCodes.join(',')}}`}::text[])[1 + g % ${typeCodes.length}], lpad(g::text, 10, '0'), 1,
           (${`{${departmentIds.join(',')}}`}::bigint[])[1 + (g::bigint * 7919) % ${departmentIds.length}], '11340600MB0000000X', 'organisation', '测试企业' || g,
           '91340600MA2T' || lpad(g::text, 6, '0'), date '2022-01-01' + (g % 1800), NULL, '{}',
           CASE WHEN g % 20 = 0 THEN 'superseded' ELSE 'valid' END, '{}', 'AAAA'
    FROM generate_series(1, ${LICENSES}) g`);
  await db.execute(sql`ANALYZE license`);
});

after(async () => {
  await database?.close();
});

const QUARTER = { issuedFrom: '2025-01-01', issuedTo: '2025-03-31' };

test('a department officer’s register of a quarter is read from the issuer-and-date index, not by scanning every licence', async () => {
  // The reader's scope is their own department, as for a department's reviewer.
  const within = { kind: 'some' as const, scopes: [{ regionPrefix: regionCode, departmentId }] };
  const where = conditions({ departmentId, ...QUARTER }, within);
  const plan = await queryRows<Record<string, string>>(
    database.db,
    sql`EXPLAIN SELECT l.id FROM license l JOIN pub_regions_department d ON d.id = l.issuer_department_id
        WHERE ${where} ORDER BY l.issue_date DESC, l.id DESC LIMIT 20`,
  );
  const text = plan.map((r) => Object.values(r)[0]).join('\n');
  assert.match(text, /license_issuer_date_idx/, text);
  assert.doesNotMatch(text, /Seq Scan on license l/, text);
});

test('the register lists that department’s licences of the quarter, newest first, without superseded ones', async () => {
  const page = await listRegister(database.db, { departmentId, ...QUARTER, page: 1, pageSize: 50 }, { kind: 'all' });
  const [{ n }] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM license WHERE issuer_department_id = ${departmentId} AND issue_date BETWEEN ${QUARTER.issuedFrom} AND ${QUARTER.issuedTo}
          AND status <> 'superseded'`,
  );
  assert.ok(Number(n) > 0);
  assert.equal(page.total, Number(n));
  assert.ok(page.items.every((i) => i.issuerDepartmentId === departmentId && i.issueDate >= QUARTER.issuedFrom && i.issueDate <= QUARTER.issuedTo));
  const dates = page.items.map((i) => i.issueDate);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
});
