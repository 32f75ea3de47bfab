import { sql, type SQL } from 'drizzle-orm';
import type { ScopeFilter } from '../permissions.ts';

/**
 * The SQL condition of a ScopeFilter (permissions.ts) over a record's region and department columns: true for
 * `all`, false for `none`, else any of the scopes (region by prefix, department by id). `department` may be omitted
 * for records that have only a region; a department-scoped grant then covers nothing.
 */
export function scopeSql(filter: ScopeFilter, region: SQL, department?: SQL): SQL {
  if (filter.kind === 'all') return sql`true`;
  if (filter.kind === 'none') return sql`false`;
  const parts = filter.scopes.map((s) => {
    const conds: SQL[] = [];
    if (s.regionPrefix) conds.push(sql`starts_with(${region}, ${s.regionPrefix})`);
    if (s.departmentId !== null) conds.push(department ? sql`${department} = ${s.departmentId}` : sql`false`);
    return conds.length ? sql`(${sql.join(conds, sql` AND `)})` : sql`true`;
  });
  return sql`(${sql.join(parts, sql` OR `)})`;
}
