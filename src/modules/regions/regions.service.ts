import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { checkUscc } from '../../platform/identity.ts';
import { platformErrors } from '../../platform/errors.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { department, region } from './regions.schema.ts';
import { regionErrors } from './regions.errors.ts';
import { regionRows } from './regions.seed.ts';

export async function seedRegions(db: Db): Promise<number> {
  const rows = regionRows();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(region)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({ target: region.code, set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` } });
    }
  });
  return rows.length;
}

export async function listRegions(db: Db, parentCode?: string) {
  return db
    .select()
    .from(region)
    .where(parentCode ? eq(region.parentCode, parentCode) : isNull(region.parentCode))
    .orderBy(asc(region.code));
}

export async function findRegion(db: Db, code: string) {
  const [row] = await db.select().from(region).where(eq(region.code, code));
  return row;
}

export async function getRegion(db: Db, code: string) {
  const row = await findRegion(db, code);
  if (!row) throw regionErrors.REGION_NOT_FOUND({ code });
  return row;
}

/** The region and its ancestors, nearest first. */
export async function regionPath(db: Db, code: string) {
  const out: (typeof region.$inferSelect)[] = [];
  let current: typeof region.$inferSelect | undefined = await findRegion(db, code);
  while (current) {
    out.push(current);
    current = current.parentCode ? await findRegion(db, current.parentCode) : undefined;
  }
  return out;
}

type DepartmentRow = typeof department.$inferSelect;

function shapeDepartment(row: DepartmentRow, regionName?: string | null) {
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.regionCode,
    regionName: regionName ?? null,
    parentId: row.parentId,
    version: row.version,
  };
}

export type Department = ReturnType<typeof shapeDepartment>;

export async function listDepartments(db: Db, filter: { regionCode?: string; q?: string; ids?: number[] }) {
  const where: SQL[] = [];
  if (filter.regionCode) where.push(sql`${department.regionCode} LIKE ${prefixPattern(regionPrefix(filter.regionCode))}`);
  if (filter.q) where.push(or(ilike(department.name, containsPattern(filter.q)), eq(department.uscc, filter.q.toUpperCase()))!);
  if (filter.ids) where.push(inArray(department.id, filter.ids.length ? filter.ids : [-1]));
  const rows = await db
    .select({ d: department, regionName: region.name })
    .from(department)
    .leftJoin(region, eq(region.code, department.regionCode))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(department.regionCode), asc(department.id));
  return rows.map((r) => shapeDepartment(r.d, r.regionName));
}

export async function getDepartment(db: Db, id: number) {
  const [row] = await db.select().from(department).where(eq(department.id, id));
  if (!row) throw regionErrors.DEPARTMENT_NOT_FOUND({ id });
  return row;
}

export async function findDepartmentByUscc(db: Db, uscc: string) {
  const [row] = await db.select().from(department).where(eq(department.uscc, uscc.toUpperCase()));
  return row;
}

export interface DepartmentInput {
  name: string;
  uscc: string;
  regionCode: string;
  parentId?: number | null;
}

async function validateDepartment(tx: Db, input: Partial<DepartmentInput>, selfId?: number) {
  if (input.uscc !== undefined) {
    const check = checkUscc(input.uscc);
    if (!check.valid) throw regionErrors.DEPARTMENT_USCC_INVALID({ reason: check.reason });
  }
  if (input.regionCode !== undefined) await getRegion(tx, input.regionCode);
  if (input.parentId !== undefined && input.parentId !== null) {
    let cursor: number | null = input.parentId;
    while (cursor !== null) {
      if (cursor === selfId) throw regionErrors.DEPARTMENT_PARENT_CYCLE();
      cursor = (await getDepartment(tx, cursor)).parentId;
    }
  }
}

export async function createDepartment(tx: Db, ctx: RequestContext, input: DepartmentInput) {
  await validateDepartment(tx, input);
  const uscc = input.uscc.toUpperCase();
  if (await findDepartmentByUscc(tx, uscc)) throw regionErrors.DEPARTMENT_USCC_TAKEN({ uscc });
  const [row] = await tx
    .insert(department)
    .values({ name: input.name.trim(), uscc, regionCode: input.regionCode, parentId: input.parentId ?? null })
    .returning();
  await writeAudit(tx, ctx, { action: 'department.create', targetType: 'department', targetId: row.id, change: { after: row } });
  return shapeDepartment(row);
}

export async function updateDepartment(db: Db, ctx: RequestContext, id: number, input: Partial<DepartmentInput> & { version: number }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(department).where(eq(department.id, id)).for('update');
    if (!before) throw regionErrors.DEPARTMENT_NOT_FOUND({ id });
    if (before.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: before.version });
    await validateDepartment(tx, input, id);
    const uscc = input.uscc?.toUpperCase();
    if (uscc && uscc !== before.uscc && (await findDepartmentByUscc(tx, uscc))) throw regionErrors.DEPARTMENT_USCC_TAKEN({ uscc });
    const [after] = await tx
      .update(department)
      .set({
        name: input.name?.trim() ?? before.name,
        uscc: uscc ?? before.uscc,
        regionCode: input.regionCode ?? before.regionCode,
        parentId: input.parentId === undefined ? before.parentId : input.parentId,
        version: before.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(department.id, id))
      .returning();
    await writeAudit(tx, ctx, { action: 'department.update', targetType: 'department', targetId: id, change: { before, after } });
    return shapeDepartment(after);
  });
}

/** A department's permission scope: its region and itself (a region-scoped grant must see the region). */
export async function departmentScope(db: Db, departmentId: number) {
  const dept = await getDepartment(db, departmentId);
  return { regionCode: dept.regionCode, departmentId: dept.id };
}
