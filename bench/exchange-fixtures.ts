// Issue 23's bench data: a provider and a consumer department, a published resource of six fields keyed by the ID
// number, and a CSV of generated people (about 110 bytes a row) as an upload arrives. Used by bench/exchange-load.ts,
// paths/exchange-load.ts (R8) and paths/exchange-call.ts (R4).
import { sql } from 'drizzle-orm';
import { makeUscc } from '../src/platform/identity.ts';
import { queryRows, type Db } from '../src/platform/db/db.ts';
import type { RequestContext } from '../src/platform/context.ts';
import { createDepartment } from '../src/modules/regions/index.ts';
import { createResource, transitionResource } from '../src/modules/exchange/index.ts';

/** A department of 淮北 by name, made once (its USCC from `serial`, eight characters). */
export async function benchDepartment(db: Db, ctx: RequestContext, name: string, serial: string): Promise<number> {
  const [found] = await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM pub_regions_department WHERE name = ${name}`);
  if (found) return Number(found.id);
  const d = await db.transaction((tx) => createDepartment(tx, ctx, { name, uscc: makeUscc('11', '340600', serial), regionCode: '340600' }));
  return Number(d.id);
}

/** A published resource of people keyed by ID number; `sequence` keeps several apart (one per pass). */
export async function benchResource(db: Db, ctx: RequestContext, departmentId: number, sequence: string) {
  return db.transaction(async (tx) => {
    const r = await createResource(
      tx,
      ctx,
      {
        classification: '109001',
        sequence,
        name: `基准人口信息${sequence}`,
        departmentId,
        summary: '基准',
        format: '数据库',
        fields: [
          { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
          { key: 'name', name: '姓名', type: 'string', required: true },
          { key: 'gender', name: '性别', type: 'string', required: false },
          { key: 'birth_date', name: '出生日期', type: 'date', required: false },
          { key: 'months', name: '缴费月数', type: 'integer', required: false },
          { key: 'address', name: '地址', type: 'string', required: false },
        ],
        keyField: 'id_number',
        sharing: 'conditional',
        sharingBasis: '国发〔2016〕51号',
        sharingConditions: null,
        sharingMethod: 'interface',
        openAttribute: 'closed',
        updateCycle: '每日',
        releaseDate: null,
      },
      { regionCode: '340600', departmentId },
    );
    const s = await transitionResource(tx, ctx, r.id, 'submit', r.version);
    return transitionResource(tx, ctx, r.id, 'publish', s.version);
  });
}

/** The ID number of generated person `j` (the key of row j). */
export const benchPersonKey = (j: number) => `3406031980${String(j).padStart(8, '0')}`;

/** The CSV of `rows` people, generated as it is read (1,000 lines a chunk), as an upload arrives. */
export async function* benchPeopleCsv(rows: number): AsyncGenerator<string> {
  yield 'id_number,name,gender,birth_date,months,address\n';
  for (let i = 0; i < rows; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(rows, i + 1000); j++)
      chunk += `${benchPersonKey(j)},姓名${j},${j % 2 ? '女' : '男'},19${80 + (j % 20)}-0${(j % 9) + 1}-1${j % 9},${j % 240},安徽省淮北市相山区人民路${j % 500}号\n`;
    yield chunk;
  }
}
