import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import type { FormField } from '../../platform/form-schemas.ts';
import { checkFormSchema } from '../../platform/forms.ts';
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionContains, regionPrefix } from '../../platform/scope.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { findImplementationByCode, frozenVersionContent, type ImplementationContent } from '../catalog/index.ts';
import { bundle, bundleVersion } from './bundles.schema.ts';
import { bundleErrors } from './bundles.errors.ts';
import { computeReductions, overallReductions, workingDays, type Answer, type MemberFacts, type Reductions } from './bundles.core.ts';
import { bundleContentSchema, type BundleContent, type BundleStatus, type BundleVersionStatus } from './bundles.types.ts';
import { noticeAdopters } from './bundles.adoption.notice.ts';

// ── Members: facts from the catalogue's published implementation versions ────────────────────────────────

/** A member as frozen with a published version: the implementation version it was published with. */
export interface PinnedMember {
  key: string;
  implementationCode: string;
  implementationId: number;
  implementationVersionId: number;
  departmentId: number;
}

interface ResolvedMember extends PinnedMember {
  content: ImplementationContent;
}

function factsOf(c: ImplementationContent): MemberFacts {
  return {
    name: c.name,
    promisedLimit: c.promisedLimit,
    visits: c.visits,
    steps: c.steps.length,
    materials: c.materials.map((m) => ({
      key: m.key,
      name: m.name,
      required: m.required,
      source: m.source,
      licenseTypeCode: m.licenseTypeCode,
      acceptanceStandard: m.acceptanceStandard,
    })),
    form: { properties: c.form.properties, required: c.form.required },
    resultLicenseTypeCode: c.resultLicenseTypeCode,
  };
}

/**
 * The members' implementations: as pinned in a published version, or else each member's implementation as now
 * published, which must exist, be published, be carried out in the bundle's region or a region above it, and
 * appear once.
 */
async function resolveMembers(db: Db, regionCode: string, content: BundleContent, pinned?: readonly PinnedMember[]): Promise<Map<string, ResolvedMember>> {
  const out = new Map<string, ResolvedMember>();
  if (pinned) {
    // Pinned versions were published: frozen, kept per process.
    for (const p of pinned) out.set(p.key, { ...p, content: await frozenVersionContent(db, p.implementationVersionId) });
    return out;
  }
  const codes = new Set<string>();
  for (const m of content.members) {
    if (codes.has(m.implementationCode)) throw bundleErrors.BUNDLE_MEMBER_DUPLICATE({ member: m.key, code: m.implementationCode });
    codes.add(m.implementationCode);
    const impl = await findImplementationByCode(db, m.implementationCode);
    if (!impl) throw bundleErrors.BUNDLE_MEMBER_UNKNOWN({ member: m.key, code: m.implementationCode });
    if (impl.status !== 'published' || !impl.publishedVersionId)
      throw bundleErrors.BUNDLE_MEMBER_NOT_PUBLISHED({ member: m.key, code: m.implementationCode, status: impl.status });
    if (!regionContains(impl.regionCode, regionCode))
      throw bundleErrors.BUNDLE_MEMBER_OUT_OF_REGION({ member: m.key, code: m.implementationCode, memberRegion: impl.regionCode, regionCode });
    out.set(m.key, {
      key: m.key,
      implementationCode: impl.code,
      implementationId: impl.id,
      implementationVersionId: impl.publishedVersionId,
      departmentId: impl.departmentId,
      content: await frozenVersionContent(db, impl.publishedVersionId),
    });
  }
  return out;
}

const departmentNames = async (db: Db, ids: number[]) => {
  const names = new Map<number, string | null>();
  for (const id of new Set(ids))
    names.set(
      id,
      await getDepartment(db, id).then(
        (d) => d.name,
        () => null,
      ),
    );
  return names;
};

/**
 * A definition evaluated against its members: the members with their facts, the reductions, the merged form and
 * the merged materials. Checks the whole definition (the core refuses cycles, conflicting fields, promises above
 * the sums). `answers` narrows it to the members an applicant's conditions include.
 */
export async function evaluate(
  db: Db,
  regionCode: string,
  content: BundleContent,
  opts: { answers?: Record<string, Answer>; pinned?: readonly PinnedMember[] } = {},
) {
  const resolved = await resolveMembers(db, regionCode, content, opts.pinned);
  const facts = new Map([...resolved].map(([k, r]) => [k, factsOf(r.content)]));
  const result = computeReductions(
    { members: content.members, fields: content.fields, promisedDays: content.promisedDays, visits: content.visits, steps: content.steps },
    facts,
    opts.answers,
  );
  const names = await departmentNames(
    db,
    [...resolved.values()].map((r) => r.departmentId),
  );
  const included = new Set(result.included);
  return {
    members: content.members.map((m) => {
      const r = resolved.get(m.key)!;
      return {
        key: m.key,
        implementationCode: r.implementationCode,
        implementationId: r.implementationId,
        implementationVersionId: r.implementationVersionId,
        name: r.content.name,
        departmentId: r.departmentId,
        departmentName: names.get(r.departmentId) ?? null,
        dependsOn: m.dependsOn,
        condition: m.condition,
        promisedDays: workingDays(r.content.promisedLimit),
        visits: r.content.visits,
        steps: r.content.steps.length,
        materials: r.content.materials.length,
        resultName: r.content.resultName,
        included: included.has(m.key),
      };
    }),
    reductions: result.reductions,
    // Every schema is a FormField: a member's from its validated form, a bundle-only one from the validated definition.
    form: result.form.map((f) => ({ ...f, schema: f.schema as FormField })),
    materials: result.materials,
    pinned: [...resolved.values()].map(({ content: _content, ...p }) => p),
  };
}

function parseContent(input: unknown): BundleContent {
  const parsed = bundleContentSchema.safeParse(input);
  if (!parsed.success)
    throw bundleErrors.BUNDLE_DEFINITION_INVALID({ issues: parsed.error.issues.map((i) => ({ element: i.path.map(String).join('.'), message: i.message })) });
  // A question only the bundle asks brings its own schema: the same rules as any form's field.
  const own = Object.fromEntries(parsed.data.fields.filter((f) => f.schema).map((f) => [f.key, f.schema!]));
  const problems = checkFormSchema({ type: 'object', properties: own, required: [] });
  if (problems.length) throw bundleErrors.BUNDLE_DEFINITION_INVALID({ problems });
  return parsed.data;
}

/** A definition as an item admin edits it: parsed, then checked against the members as now published. */
export async function preview(db: Db, input: { regionCode: string; content: unknown; answers?: Record<string, Answer> }) {
  await getRegion(db, input.regionCode);
  const { pinned: _pinned, ...evaluation } = await evaluate(db, input.regionCode, parseContent(input.content), { answers: input.answers });
  return evaluation;
}

// ── Shapes ──────────────────────────────────────────────────────────────────────────────────────────────

type BundleRow = typeof bundle.$inferSelect;
type VersionRow = typeof bundleVersion.$inferSelect;

function shapeBundle(row: BundleRow) {
  return {
    id: Number(row.id),
    code: row.code,
    regionCode: row.regionCode,
    departmentId: Number(row.departmentId),
    status: row.status as BundleStatus,
    name: row.name,
    publishedVersionId: row.publishedVersionId === null ? null : Number(row.publishedVersionId),
    latestVersionId: row.latestVersionId === null ? null : Number(row.latestVersionId),
    version: row.version,
  };
}
export type BundleView = ReturnType<typeof shapeBundle>;

function shapeVersion(row: VersionRow) {
  return {
    id: Number(row.id),
    number: row.number,
    status: row.status as BundleVersionStatus,
    content: row.content as BundleContent,
    reductions: (row.reductions ?? null) as Reductions | null,
    createdBy: row.createdBy,
    reviewNote: row.reviewNote,
    reviewedBy: row.reviewedBy,
    publishedAt: iso(row.publishedAt),
    version: row.version,
  };
}

/** The scope that acting on a bundle needs: its region and lead department. */
export const bundleScope = (b: { regionCode: string; departmentId: number }): Scope => ({ regionCode: b.regionCode, departmentId: b.departmentId });

export async function getBundle(db: Db, id: number) {
  const [row] = await db.select().from(bundle).where(eq(bundle.id, id));
  if (!row) throw bundleErrors.BUNDLE_NOT_FOUND({ id });
  return shapeBundle(row);
}

export async function bundleDetail(db: Db, id: number) {
  const b = await getBundle(db, id);
  const [versions, dept, region] = await Promise.all([
    db.select().from(bundleVersion).where(eq(bundleVersion.bundleId, id)).orderBy(desc(bundleVersion.number)),
    getDepartment(db, b.departmentId),
    getRegion(db, b.regionCode),
  ]);
  return { ...b, departmentName: dept.name, regionName: region.name, versions: versions.map(shapeVersion) };
}

/** Bundles in every status, drafts included, within the reader's scope. */
export async function listBundles(db: Db, q: { within: ScopeFilter; regionCode?: string; status?: string; q?: string }) {
  const where: SQL[] = [scopeSql(q.within, sql`${bundle.regionCode}`, sql`${bundle.departmentId}`)];
  if (q.regionCode) where.push(sql`${bundle.regionCode} LIKE ${prefixPattern(regionPrefix(q.regionCode))}`);
  if (q.status) where.push(eq(bundle.status, q.status));
  if (q.q) where.push(sql`(${bundle.name} ILIKE ${containsPattern(q.q)} OR ${bundle.code} = ${q.q})`);
  const rows = await db
    .select({
      b: bundle,
      latestStatus: bundleVersion.status,
      departmentName: sql<string | null>`(SELECT d.name FROM pub_regions_department d WHERE d.id = ${bundle.departmentId})`,
      regionName: sql<string | null>`(SELECT r.name FROM pub_regions_region r WHERE r.code = ${bundle.regionCode})`,
    })
    .from(bundle)
    .leftJoin(bundleVersion, eq(bundleVersion.id, bundle.latestVersionId))
    .where(and(...where))
    .orderBy(bundle.code)
    .limit(500);
  return rows.map((r) => ({
    ...shapeBundle(r.b),
    latestVersionStatus: (r.latestStatus ?? 'draft') as BundleVersionStatus,
    departmentName: r.departmentName,
    regionName: r.regionName,
  }));
}

// ── Changing ────────────────────────────────────────────────────────────────────────────────────────────

export interface CreateInput {
  code: string;
  regionCode: string;
  departmentId: number;
  templateCode?: string;
  content: unknown;
}

export async function findBundleByCode(db: Db, code: string) {
  const [row] = await db.select().from(bundle).where(eq(bundle.code, code));
  return row ? shapeBundle(row) : undefined;
}

/**
 * The template a new bundle adopts (ADR 0045): a published bundle of a region strictly above the new one's, which
 * adopted none itself (harmonisation compares one level: the template and its adoptions).
 */
async function templateFor(tx: Db, code: string, regionCode: string): Promise<{ id: number; versionNumber: number }> {
  const [t] = await tx.select().from(bundle).where(eq(bundle.code, code));
  if (!t || t.status !== 'published' || t.templateBundleId !== null || t.regionCode === regionCode || !regionContains(t.regionCode, regionCode))
    throw bundleErrors.BUNDLE_TEMPLATE_INVALID({ templateCode: code, regionCode });
  // The adoption follows the template's published version (migration 0054): a later one shows as 模板已更新.
  const [v] = await tx.select({ number: bundleVersion.number }).from(bundleVersion).where(eq(bundleVersion.id, t.publishedVersionId!));
  return { id: Number(t.id), versionNumber: v.number };
}

/** A new bundle and its first draft. The definition is checked whole: a bundle is never saved with a cycle or a conflicting field. */
export async function createBundle(tx: Db, ctx: RequestContext, input: CreateInput) {
  if (!/^[0-9A-Za-z-]{1,36}$/.test(input.code)) throw bundleErrors.BUNDLE_CODE_INVALID({ code: input.code });
  await getRegion(tx, input.regionCode);
  const dept = await getDepartment(tx, input.departmentId);
  if (!regionContains(input.regionCode, dept.regionCode) && !regionContains(dept.regionCode, input.regionCode))
    throw bundleErrors.BUNDLE_DEFINITION_INVALID({ element: 'departmentId', message: 'the lead department is not of this region' });
  const content = parseContent(input.content);
  await evaluate(tx, input.regionCode, content);
  if (await findBundleByCode(tx, input.code)) throw bundleErrors.BUNDLE_CODE_TAKEN({ code: input.code });
  const template = input.templateCode ? await templateFor(tx, input.templateCode, input.regionCode) : null;
  const [row] = await tx
    .insert(bundle)
    .values({
      code: input.code,
      regionCode: input.regionCode,
      departmentId: input.departmentId,
      name: content.name,
      templateBundleId: template?.id ?? null,
      templateVersionNumber: template?.versionNumber ?? null,
    })
    .returning();
  const [v] = await tx.insert(bundleVersion).values({ bundleId: row.id, number: 1, status: 'draft', content, createdBy: ctx.actor.username }).returning();
  const [after] = await tx.update(bundle).set({ latestVersionId: v.id }).where(eq(bundle.id, row.id)).returning();
  await writeAudit(tx, ctx, {
    action: 'bundle.create',
    targetType: 'bundle',
    targetId: row.id,
    change: { code: row.code, content, ...(input.templateCode ? { templateCode: input.templateCode } : {}) },
  });
  return shapeBundle(after);
}

async function lockLatest(tx: Db, id: number) {
  const [b] = await tx.select().from(bundle).where(eq(bundle.id, id)).for('update');
  if (!b) throw bundleErrors.BUNDLE_NOT_FOUND({ id });
  const [latest] = await tx.select().from(bundleVersion).where(eq(bundleVersion.id, b.latestVersionId!)).for('update');
  return { b, latest };
}

/** Changes the open draft (its row version checked): only a draft changes; a published version is copied into a new one. */
export async function updateDraft(db: Db, ctx: RequestContext, id: number, input: { content: unknown; version: number }) {
  return db.transaction(async (tx) => {
    const { b, latest } = await lockLatest(tx, id);
    if (latest.status !== 'draft')
      throw latest.status === 'published'
        ? bundleErrors.BUNDLE_PUBLISHED_IMMUTABLE()
        : bundleErrors.BUNDLE_ILLEGAL_TRANSITION({ status: latest.status, action: 'edit' });
    if (latest.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: latest.version });
    const content = parseContent(input.content);
    await evaluate(tx, b.regionCode, content);
    const [after] = await tx
      .update(bundleVersion)
      .set({ content, version: latest.version + 1, updatedAt: sql`now()` })
      .where(eq(bundleVersion.id, latest.id))
      .returning();
    if (b.status === 'draft')
      await tx
        .update(bundle)
        .set({ name: content.name, updatedAt: sql`now()` })
        .where(eq(bundle.id, b.id));
    await writeAudit(tx, ctx, {
      action: 'bundle.edit',
      targetType: 'bundle',
      targetId: b.id,
      change: { number: latest.number, before: latest.content, after: content },
    });
    return shapeVersion(after);
  });
}

/** Starts a new draft from the latest version (`version`: the bundle's row version). */
export async function startNewVersion(db: Db, ctx: RequestContext, id: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const { b, latest } = await lockLatest(tx, id);
    if (b.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: b.version });
    if (!['published', 'suspended'].includes(latest.status)) throw bundleErrors.BUNDLE_ILLEGAL_TRANSITION({ status: latest.status, action: 'new-version' });
    const [v] = await tx
      .insert(bundleVersion)
      .values({ bundleId: b.id, number: latest.number + 1, status: 'draft', content: latest.content, createdBy: ctx.actor.username })
      .returning();
    await tx
      .update(bundle)
      .set({ latestVersionId: v.id, version: b.version + 1, updatedAt: sql`now()` })
      .where(eq(bundle.id, b.id));
    await writeAudit(tx, ctx, { action: 'bundle.new-version', targetType: 'bundle', targetId: b.id, change: { number: v.number } });
    return shapeVersion(v);
  });
}

/**
 * The lifecycle, as for implementations (ADR 0006): draft → in_review → published (⇄ suspended) → abolished;
 * in_review → draft (rejected, with a note); approving a new version supersedes the old one.
 */
const TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'published' },
  reject: { from: ['in_review'], to: 'draft' },
  suspend: { from: ['published'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'published' },
  abolish: { from: ['published', 'suspended', 'draft'], to: 'abolished' },
} as const satisfies Record<string, { from: readonly BundleVersionStatus[]; to: BundleVersionStatus }>;
export type BundleAction = keyof typeof TRANSITIONS;
export const BUNDLE_ACTIONS = Object.keys(TRANSITIONS) as BundleAction[];

/**
 * Moves a bundle through its lifecycle. `version` is the latest version's row version for submit, approve and
 * reject, the bundle's for suspend, resume and abolish. Submitting checks the definition against the members as
 * published now; approving checks it again and freezes the member implementation versions and the reductions into
 * the version, which never changes after. Reject, suspend and abolish need a reason. One audit entry each.
 */
export async function transition(db: Db, ctx: RequestContext, id: number, action: BundleAction, input: { version: number; note?: string }) {
  const rule = TRANSITIONS[action];
  return db.transaction(async (tx) => {
    const { b, latest } = await lockLatest(tx, id);
    const onVersion = action === 'submit' || action === 'approve' || action === 'reject';
    const live = onVersion
      ? latest
      : b.publishedVersionId
        ? (await tx.select().from(bundleVersion).where(eq(bundleVersion.id, b.publishedVersionId)).for('update'))[0]
        : latest;
    const rowVersion = onVersion ? latest.version : b.version;
    if (rowVersion !== input.version) throw platformErrors.VERSION_CONFLICT({ current: rowVersion });
    const current = (action === 'abolish' ? (b.status === 'draft' ? latest.status : b.status) : live.status) as BundleVersionStatus;
    if (!(rule.from as readonly string[]).includes(current) || b.status === 'abolished')
      throw bundleErrors.BUNDLE_ILLEGAL_TRANSITION({ status: current, action });
    if ((action === 'reject' || action === 'suspend' || action === 'abolish') && !input.note?.trim()) throw bundleErrors.BUNDLE_REASON_REQUIRED({ action });
    const now = sql`now()`;
    let status = b.status;
    let publishedVersionId = b.publishedVersionId;
    let frozen: { reductions: Reductions; members: PinnedMember[] } | undefined;
    if (action === 'submit' || action === 'reject') {
      if (action === 'submit') await evaluate(tx, b.regionCode, latest.content as BundleContent);
      await tx
        .update(bundleVersion)
        .set({
          status: rule.to,
          version: latest.version + 1,
          updatedAt: now,
          ...(action === 'reject' ? { reviewNote: input.note!, reviewedBy: ctx.actor.username } : {}),
        })
        .where(eq(bundleVersion.id, latest.id));
    } else if (action === 'approve') {
      const evaluation = await evaluate(tx, b.regionCode, latest.content as BundleContent);
      frozen = { reductions: evaluation.reductions, members: evaluation.pinned };
      if (b.publishedVersionId) await tx.update(bundleVersion).set({ status: 'superseded', updatedAt: now }).where(eq(bundleVersion.id, b.publishedVersionId));
      await tx
        .update(bundleVersion)
        .set({
          status: 'published',
          publishedAt: now,
          members: frozen.members,
          reductions: frozen.reductions,
          reviewedBy: ctx.actor.username,
          reviewNote: input.note ?? null,
          version: latest.version + 1,
          updatedAt: now,
        })
        .where(eq(bundleVersion.id, latest.id));
      publishedVersionId = latest.id;
      status = 'published';
    } else {
      await tx.update(bundleVersion).set({ status: rule.to, updatedAt: now }).where(eq(bundleVersion.id, live.id));
      status = rule.to === 'published' ? 'published' : rule.to === 'suspended' ? 'suspended' : 'abolished';
    }
    const name = action === 'approve' ? (latest.content as BundleContent).name : b.name;
    // A template's new version: its adoptions' item admins are told (ADR 0045, 2026-12-07).
    if (action === 'approve' && b.templateBundleId === null && b.publishedVersionId)
      await noticeAdopters(tx, { id: Number(b.id), code: b.code, name }, latest.number);
    const [after] = await tx
      .update(bundle)
      .set({ status, publishedVersionId, name, version: b.version + 1, updatedAt: now })
      .where(eq(bundle.id, b.id))
      .returning();
    await writeAudit(tx, ctx, {
      action: `bundle.${action}`,
      targetType: 'bundle',
      targetId: b.id,
      change: {
        from: current,
        to: rule.to,
        versionNumber: (onVersion ? latest : live).number,
        note: input.note ?? null,
        ...(frozen ? { members: frozen.members, reductions: frozen.reductions } : {}),
      },
    });
    return shapeBundle(after);
  });
}

// ── The public: published bundles, their reductions and guides ───────────────────────────────────────────

interface PublishedRow {
  id: number;
  code: string;
  regionCode: string;
  regionName: string | null;
  departmentName: string | null;
  number: number;
  content: BundleContent;
  members: PinnedMember[];
  reductions: Reductions;
  publishedAt: string | null;
}

async function publishedRows(db: Db, where: SQL): Promise<PublishedRow[]> {
  const rows = await queryRows<PublishedRow>(
    db,
    sql`SELECT b.id::int AS id, b.code, b.region_code AS "regionCode",
          (SELECT r.name FROM pub_regions_region r WHERE r.code = b.region_code) AS "regionName",
          (SELECT d.name FROM pub_regions_department d WHERE d.id = b.department_id) AS "departmentName",
          v.number, v.content, v.members, v.reductions,
          to_char(v.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt"
        FROM bundle b JOIN bundle_version v ON v.id = b.published_version_id
        WHERE b.status = 'published' AND ${where}
        ORDER BY b.code LIMIT 500`,
  );
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return rows.map((r) => ({ ...r, id: Number(r.id), content: json(r.content), members: json(r.members), reductions: json(r.reductions) }));
}

async function publicOf(db: Db, r: PublishedRow) {
  const memberNames: string[] = [];
  for (const m of r.members) memberNames.push((await frozenVersionContent(db, m.implementationVersionId)).name);
  return {
    code: r.code,
    name: r.content.name,
    theme: r.content.theme,
    audience: r.content.audience,
    summary: r.content.summary,
    regionCode: r.regionCode,
    regionName: r.regionName,
    departmentName: r.departmentName,
    versionNumber: r.number,
    publishedAt: r.publishedAt,
    memberNames,
    reductions: r.reductions,
  };
}

/**
 * Published bundles (a region's and those above it, when a region is given) with the reductions frozen at
 * publication, and the overall reductions across them: ratios of totals.
 */
export async function publicBundles(db: Db, q: { regionCode?: string; audience?: 'person' | 'organisation' }) {
  const where: SQL[] = [sql`true`];
  if (q.regionCode) where.push(sql`starts_with(${q.regionCode}, regexp_replace(b.region_code, '(00)+$', ''))`);
  if (q.audience) where.push(sql`v.content->>'audience' = ${q.audience}`);
  const rows = await publishedRows(db, sql.join(where, sql` AND `));
  const items = [];
  for (const r of rows) items.push(await publicOf(db, r));
  return { items, overall: overallReductions(rows.map((r) => r.reductions)) };
}

/** The public guide of a published bundle: its members as published with it, the merged form and materials. */
export async function publicGuide(db: Db, code: string) {
  const [row] = await publishedRows(db, sql`b.code = ${code}`);
  if (!row) throw bundleErrors.BUNDLE_NOT_FOUND({ code });
  const { pinned: _pinned, ...evaluation } = await evaluate(db, row.regionCode, row.content, { pinned: row.members });
  return {
    ...(await publicOf(db, row)),
    eligibility: row.content.eligibility,
    outcomes: row.content.outcomes,
    promisedDays: row.reductions.days.after,
    visits: row.content.visits,
    steps: row.content.steps,
    onMemberRefused: row.content.onMemberRefused,
    evaluation: { ...evaluation, reductions: row.reductions },
  };
}
