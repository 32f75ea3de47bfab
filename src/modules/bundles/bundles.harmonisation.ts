import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import { regionPrefix } from '../../platform/scope.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { frozenVersionContent } from '../catalog/index.ts';
import { evaluate, type PinnedMember } from './bundles.service.ts';
import type { Reductions } from './bundles.core.ts';
import type { BundleContent, BundleStatus, BundleVersionStatus } from './bundles.types.ts';
import { agreement, harmonisationTable, type BundleFacts } from './bundles.harmonisation.core.ts';

interface Row {
  id: number;
  code: string;
  regionCode: string;
  regionName: string | null;
  departmentName: string | null;
  status: BundleStatus;
  templateId: number | null;
  /** An adoption's: the template version it follows; a template's: its published version's number. */
  followsNumber: number | null;
  publishedNumber: number | null;
  number: number;
  versionStatus: BundleVersionStatus;
  content: BundleContent | string;
  members: PinnedMember[] | string | null;
  reductions: Reductions | string | null;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * Bundles with the version harmonisation reads: the latest one of a bundle in the reader's scope (drafts included),
 * else the published one; a bundle out of scope with nothing published is left out, as the catalogue leaves out
 * implementations (catalog.lists.ts).
 */
async function rowsWhere(db: Db, within: ScopeFilter, where: SQL): Promise<Row[]> {
  const inScope = scopeSql(within, sql`b.region_code`, sql`b.department_id`);
  const rows = await queryRows<Row>(
    db,
    sql`SELECT b.id::int AS id, b.code, b.region_code AS "regionCode", b.status, b.template_bundle_id::int AS "templateId",
          b.template_version_number AS "followsNumber",
          (SELECT p.number FROM bundle_version p WHERE p.id = b.published_version_id) AS "publishedNumber",
          (SELECT r.name FROM pub_regions_region r WHERE r.code = b.region_code) AS "regionName",
          (SELECT d.name FROM pub_regions_department d WHERE d.id = b.department_id) AS "departmentName",
          v.number, v.status AS "versionStatus", v.content, v.members, v.reductions
        FROM bundle b
        JOIN bundle_version v ON v.id = CASE WHEN ${inScope} THEN b.latest_version_id ELSE b.published_version_id END
        WHERE b.status <> 'abolished' AND (b.status = 'published' OR ${inScope}) AND ${where}
        ORDER BY b.region_code, b.code
        LIMIT 200`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    templateId: r.templateId === null ? null : Number(r.templateId),
    followsNumber: r.followsNumber === null ? null : Number(r.followsNumber),
    publishedNumber: r.publishedNumber === null ? null : Number(r.publishedNumber),
    number: Number(r.number),
  }));
}

/**
 * One version of a bundle as harmonisation reads it (a template's earlier version beside its published one: what
 * changed since an adoption took it), or undefined.
 */
export async function versionRow(db: Db, bundleId: number, number: number): Promise<Row | undefined> {
  const [r] = await queryRows<Row>(
    db,
    sql`SELECT b.id::int AS id, b.code, b.region_code AS "regionCode", b.status, b.template_bundle_id::int AS "templateId",
          b.template_version_number AS "followsNumber", NULL::int AS "publishedNumber",
          (SELECT r.name FROM pub_regions_region r WHERE r.code = b.region_code) AS "regionName",
          (SELECT d.name FROM pub_regions_department d WHERE d.id = b.department_id) AS "departmentName",
          v.number, v.status AS "versionStatus", v.content, v.members, v.reductions
        FROM bundle b JOIN bundle_version v ON v.bundle_id = b.id AND v.number = ${number}
        WHERE b.id = ${bundleId}`,
  );
  return r ? { ...r, id: Number(r.id), templateId: null, followsNumber: null, publishedNumber: null, number: Number(r.number) } : undefined;
}

/** What harmonisation compares of one bundle: from the version as frozen when published, else evaluated now. */
export async function factsOf(db: Db, r: Row): Promise<BundleFacts> {
  const content = json(r.content);
  const pinned = r.members ? json(r.members) : null;
  const frozen = r.reductions ? json(r.reductions) : null;
  const names = new Map<string, string>();
  let promisedDays: number | null = null;
  let materials: number | null = null;
  if (pinned && frozen) {
    for (const p of pinned) names.set(p.key, (await frozenVersionContent(db, p.implementationVersionId)).name);
    promisedDays = frozen.days.after;
    materials = frozen.materials.after;
  } else {
    try {
      const evaluation = await evaluate(db, r.regionCode, content);
      for (const m of evaluation.members) names.set(m.key, m.name);
      promisedDays = evaluation.reductions.days.after;
      materials = evaluation.reductions.materials.after;
    } catch {
      // A draft whose members changed since it was saved: compared by what it says, its counts unknown.
    }
  }
  const name = (key: string) => names.get(key) ?? content.members.find((m) => m.key === key)?.implementationCode ?? key;
  return {
    members: content.members.map((m) => name(m.key)),
    dependencies: content.members.flatMap((m) => m.dependsOn.map((d) => `${name(d)} → ${name(m.key)}`)),
    conditions: content.members.flatMap((m) =>
      m.condition ? [`${name(m.key)}：${m.condition.field} ${m.condition.op} ${m.condition.values.map(String).join('/')}`] : [],
    ),
    promisedDays,
    materials,
    visits: content.visits,
    steps: content.steps,
    onMemberRefused: content.onMemberRefused,
    leadDepartment: r.departmentName ?? '',
  };
}

const columnOf = (r: Row, template?: Row) => ({
  key: r.code,
  id: r.id,
  code: r.code,
  name: json(r.content).name,
  regionCode: r.regionCode,
  regionName: r.regionName,
  departmentName: r.departmentName,
  status: r.status,
  versionNumber: r.number,
  versionStatus: r.versionStatus,
  adopted: r.templateId !== null,
  // 模板已更新: the template published a later version than the one this adoption follows.
  templateUpdated: template !== undefined && r.templateId !== null && (r.followsNumber ?? 0) < (template.publishedNumber ?? 0),
  followsVersion: r.followsNumber,
});

/**
 * 二次统筹 of bundles (ADR 0045): each template of the region (a bundle that adopted none; all regions when none is
 * given) beside the bundles that adopted it, element by element, the template being the reference; with how many
 * of its adoptions agree with it on every harmonised element.
 */
export async function bundleHarmonisation(db: Db, within: ScopeFilter, q: { regionCode?: string; code?: string }) {
  const where: SQL[] = [sql`b.template_bundle_id IS NULL`];
  if (q.regionCode) where.push(sql`b.region_code LIKE ${prefixPattern(regionPrefix(q.regionCode))}`);
  if (q.code) where.push(sql`b.code = ${q.code}`);
  const templates = await rowsWhere(db, within, sql.join(where, sql` AND `));
  const out = [];
  for (const t of templates) {
    const adoptions = await rowsWhere(db, within, sql`b.template_bundle_id = ${t.id}`);
    const rows = [t, ...adoptions];
    const columns = [];
    for (const r of rows) columns.push({ key: r.code, facts: await factsOf(db, r) });
    const table = harmonisationTable(columns);
    out.push({
      template: columnOf(t),
      columns: rows.map((r) => columnOf(r, t)),
      rows: table,
      ...agreement(
        table,
        rows.map((r) => r.code),
      ),
    });
  }
  return { templates: out };
}
