// Shared by the licence paths (licence-import, licence-lookup): a licence type registered through the API, the
// issuing departments, and a synthetic holder per number.
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/db/db.ts';
import { makeUscc } from '../src/platform/identity.ts';
import { idempotencyKey } from './fixtures.ts';
import type { PathContext } from './types.ts';

/**
 * Registers an organisation licence type defined by a bench body (`org8`: 8 digits, unique per path). The body is
 * not a department here, so only an administrator without a region may register it.
 */
export async function benchLicenseType(ctx: PathContext, org8: string, name: string): Promise<string> {
  const code = `${makeUscc('11', '100000', org8)}001`;
  const res = await fetch(`${ctx.baseUrl}/api/license-types`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.login('admin')}`, 'idempotency-key': idempotencyKey('lic-type') },
    body: JSON.stringify({ code, name, definingBodyName: '基准测试机构', holderKind: 'organisation' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/license-types: ${res.status} ${await res.text()}`);
  return code;
}

export interface BenchIssuer {
  id: number;
  uscc: string;
  name: string;
}

/** Up to `max` departments of the demo city, in id order: the licences are spread over them. */
export async function benchIssuers(ctx: PathContext, max: number): Promise<BenchIssuer[]> {
  const rows = await queryRows<{ id: number; uscc: string; name: string }>(
    ctx.database.db,
    sql`SELECT id, uscc, name FROM pub_regions_department ORDER BY id LIMIT ${max}`,
  );
  if (rows.length === 0) throw new Error('no department to issue licences');
  return rows.map((r) => ({ id: Number(r.id), uscc: r.uscc, name: r.name }));
}

/** A valid USCC for holder number n < 10^8 (a company in 相山区). */
export function holderUscc(n: number): string {
  return makeUscc('91', '340603', String(n % 100_000_000).padStart(8, '0'));
}

/** 2000-01-01 plus n days, as YYYY-MM-DD. */
export function dayOf(n: number): string {
  return new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

/** "1 h 23 min" / "4 min 5 s". */
export function fmtDuration(seconds: number): string {
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${seconds.toFixed(1)} s`;
}
