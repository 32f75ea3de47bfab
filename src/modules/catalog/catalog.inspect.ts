import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { existingLicenseTypeCodes } from '../licenses/index.ts';
import type { ImplementationContent } from './catalog.types.ts';
import { inspect, type Finding, type InspectionWorld } from './inspection.ts';

/** What the rules need to know about the world, for the given contents, in two queries. */
export async function inspectionWorld(db: Db, contents: ImplementationContent[]): Promise<InspectionWorld> {
  const codes = new Set<string>();
  const digests = new Set<string>();
  for (const c of contents) {
    if (c.resultLicenseTypeCode) codes.add(c.resultLicenseTypeCode);
    for (const m of c.materials) {
      if (m.licenseTypeCode) codes.add(m.licenseTypeCode);
      if (m.blankFormFile) digests.add(m.blankFormFile);
      if (m.sampleFile) digests.add(m.sampleFile);
    }
  }
  const licenseTypes = await existingLicenseTypeCodes(db, [...codes]);
  const fileSizes = new Map<string, number>();
  if (digests.size) {
    const list = [...digests];
    const rows = await queryRows<{ digest: string; size: number }>(
      db,
      sql`SELECT digest, size::int AS size FROM stored_file WHERE digest IN (${sql.join(
        list.map((d) => sql`${d}`),
        sql`, `,
      )})`,
    );
    for (const r of rows) fileSizes.set(r.digest, Number(r.size));
  }
  return { licenseTypes, fileSizes };
}

export interface GuideInspection {
  implementationId: number;
  code: string;
  name: string;
  departmentId: number;
  departmentName: string;
  regionCode: string;
  regionName: string;
  completeness: number;
  accuracyFindings: number;
  errors: number;
  findings: Finding[];
}

export interface InspectionReport {
  guides: GuideInspection[];
  byDepartment: {
    departmentId: number;
    departmentName: string;
    guides: number;
    completeness: number;
    accuracyFindings: number;
    errors: number;
    warnings: number;
  }[];
  byRegion: { regionCode: string; regionName: string; guides: number; completeness: number; accuracyFindings: number; errors: number; warnings: number }[];
  totals: { guides: number; completeness: number; accuracyFindings: number; errors: number; warnings: number };
}

function summarise(list: GuideInspection[]) {
  const guides = list.length;
  const warnings = list.reduce((s, g) => s + g.findings.filter((f) => f.severity === 'warning').length, 0);
  return {
    guides,
    completeness: guides ? Math.round((list.reduce((s, g) => s + g.completeness, 0) / guides) * 10) / 10 : 100,
    accuracyFindings: list.reduce((s, g) => s + g.accuracyFindings, 0),
    errors: list.reduce((s, g) => s + g.errors, 0),
    warnings,
  };
}

/** 全量巡检 of every published guide within the reader's scope (`within`), optionally of a region and/or one department. */
export async function inspectCatalog(db: Db, scope: { within?: ScopeFilter; regionCode?: string; departmentId?: number }): Promise<InspectionReport> {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    department_id: number;
    department_name: string;
    region_code: string;
    region_name: string;
    content: ImplementationContent;
  }>(
    db,
    sql`SELECT i.id, i.code, i.name, i.department_id, d.name AS department_name, i.region_code, (SELECT r.name FROM pub_regions_region r WHERE r.code = i.region_code) AS region_name, v.content
        FROM implementation i
        JOIN implementation_version v ON v.id = i.published_version_id
        JOIN pub_regions_department d ON d.id = i.department_id
        WHERE i.status = 'published'
          ${scope.within ? sql`AND ${scopeSql(scope.within, sql`i.region_code`, sql`i.department_id`)}` : sql``}
          ${scope.regionCode ? sql`AND i.region_code LIKE ${prefixPattern(regionPrefix(scope.regionCode))}` : sql``}
          ${scope.departmentId ? sql`AND i.department_id = ${scope.departmentId}` : sql``}
        ORDER BY i.code`,
  );
  const world = await inspectionWorld(
    db,
    rows.map((r) => r.content),
  );
  const guides: GuideInspection[] = rows.map((r) => {
    const result = inspect(r.content, world);
    return {
      implementationId: Number(r.id),
      code: r.code,
      name: r.name,
      departmentId: Number(r.department_id),
      departmentName: r.department_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      completeness: result.completeness,
      accuracyFindings: result.accuracyFindings,
      errors: result.errors,
      findings: result.findings,
    };
  });
  const group = <K extends string | number>(key: (g: GuideInspection) => K) => {
    const map = new Map<K, GuideInspection[]>();
    for (const g of guides) map.set(key(g), [...(map.get(key(g)) ?? []), g]);
    return map;
  };
  return {
    guides,
    byDepartment: [...group((g) => g.departmentId).entries()].map(([departmentId, list]) => ({
      departmentId,
      departmentName: list[0].departmentName,
      ...summarise(list),
    })),
    byRegion: [...group((g) => g.regionCode).entries()].map(([regionCode, list]) => ({ regionCode, regionName: list[0].regionName, ...summarise(list) })),
    totals: summarise(guides),
  };
}
