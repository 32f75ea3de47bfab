import { and, inArray, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, rootDatabase, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { checkFormSchema } from '../../platform/forms.ts';
import { iso } from '../../platform/time.ts';
import { codeLists } from '../../platform/code-lists.ts';
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionContains, regionPrefix } from '../../platform/scope.ts';
import type { ScopeFilter, Scope } from '../../platform/permissions.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { existingLicenseTypeCodes } from '../licenses/index.ts';
import { baseItem, implementation, implementationVersion } from './catalog.schema.ts';
import { catalogErrors } from './catalog.errors.ts';
import { contentSchema, ELEMENTS, type ContentInput, type ImplementationContent, type ImplementationStatus, type VersionStatus } from './catalog.types.ts';
import { diffContent } from './diff.ts';
import { inspect } from './inspection.ts';
import { inspectionWorld } from './catalog.inspect.ts';
import { refreshSearchSnapshot } from './catalog.search.ts';

// ── Base items ────────────────────────────────────────────────────────────

export interface BaseItemInput {
  code: string;
  name: string;
  itemType: string;
  useLevel: string;
  legalBasis?: string;
  parentId?: number | null;
  /** The region defining it (its item admins may change it); null or absent: national. */
  regionCode?: string | null;
}

function shapeBaseItem(row: typeof baseItem.$inferSelect) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    itemType: row.itemType,
    useLevel: row.useLevel,
    legalBasis: row.legalBasis,
    parentId: row.parentId,
    regionCode: row.regionCode,
    template: (row.template ?? null) as Partial<ImplementationContent> | null,
    localElements: row.localElements,
    version: row.version,
  };
}
export type BaseItemView = ReturnType<typeof shapeBaseItem>;

/**
 * The scope a change of a base item needs: its region, or for a national one a grant without region. It belongs to
 * no department, so a department-scoped grant never covers it.
 */
export function baseItemScope(base: { regionCode: string | null }): Scope {
  return { regionCode: base.regionCode, departmentId: null };
}

const knownCode = (list: string, code: string) => codeLists[list]?.some((c) => c.code === code) ?? false;

export async function findBaseItemByCode(db: Db, code: string) {
  const [row] = await db.select().from(baseItem).where(eq(baseItem.code, code));
  return row ? shapeBaseItem(row) : undefined;
}

export async function getBaseItem(db: Db, id: number) {
  const [row] = await db.select().from(baseItem).where(eq(baseItem.id, id));
  if (!row) throw catalogErrors.BASE_ITEM_NOT_FOUND({ id });
  return shapeBaseItem(row);
}

export async function listBaseItems(db: Db, q: { q?: string; itemType?: string }) {
  const where: SQL[] = [];
  if (q.q) where.push(or(ilike(baseItem.name, containsPattern(q.q)), eq(baseItem.code, q.q))!);
  if (q.itemType) where.push(eq(baseItem.itemType, q.itemType));
  const rows = await db
    .select()
    .from(baseItem)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(baseItem.code))
    .limit(500);
  return rows.map(shapeBaseItem);
}

export async function createBaseItem(tx: Db, ctx: RequestContext, input: BaseItemInput) {
  if (!/^[0-9A-Za-z]{1,12}$/.test(input.code)) throw catalogErrors.BASE_ITEM_CODE_INVALID({ code: input.code });
  if (!knownCode('item_type', input.itemType)) throw catalogErrors.ITEM_TYPE_UNKNOWN({ itemType: input.itemType });
  if (!knownCode('use_level', input.useLevel)) throw catalogErrors.USE_LEVEL_UNKNOWN({ useLevel: input.useLevel });
  if (input.parentId) await getBaseItem(tx, input.parentId);
  if (input.regionCode) await getRegion(tx, input.regionCode);
  if (await findBaseItemByCode(tx, input.code)) throw catalogErrors.BASE_ITEM_CODE_TAKEN({ code: input.code });
  const [row] = await tx
    .insert(baseItem)
    .values({
      code: input.code,
      name: input.name.trim(),
      itemType: input.itemType,
      useLevel: input.useLevel,
      legalBasis: input.legalBasis ?? '',
      parentId: input.parentId ?? null,
      regionCode: input.regionCode ?? null,
    })
    .returning();
  await writeAudit(tx, ctx, { action: 'base_item.create', targetType: 'base_item', targetId: row.id, change: { after: row } });
  return shapeBaseItem(row);
}

export interface BaseItemUpdate {
  name?: string;
  legalBasis?: string;
  localElements?: string[];
  template?: Partial<ContentInput> | null;
  version: number;
}

/** Changes a base item, including its harmonisation template and which elements may differ locally. */
export async function updateBaseItem(db: Db, ctx: RequestContext, id: number, input: BaseItemUpdate) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(baseItem).where(eq(baseItem.id, id)).for('update');
    if (!before) throw catalogErrors.BASE_ITEM_NOT_FOUND({ id });
    if (before.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: before.version });
    for (const e of input.localElements ?? []) if (!ELEMENTS[e]) throw catalogErrors.CONTENT_INVALID({ element: e, message: 'unknown element' });
    let template = before.template;
    if (input.template !== undefined) {
      template = input.template === null ? null : await validatePartialContent(tx, input.template);
    }
    const [after] = await tx
      .update(baseItem)
      .set({
        name: input.name?.trim() ?? before.name,
        legalBasis: input.legalBasis ?? before.legalBasis,
        localElements: input.localElements ?? before.localElements,
        template,
        version: before.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(baseItem.id, id))
      .returning();
    await writeAudit(tx, ctx, { action: 'base_item.update', targetType: 'base_item', targetId: id, change: { before, after } });
    return shapeBaseItem(after);
  });
}

// ── Content validation ────────────────────────────────────────────────────

function contentProblem(issues: { path: PropertyKey[]; message: string }[]) {
  return catalogErrors.CONTENT_INVALID({ issues: issues.map((i) => ({ element: i.path.map(String).join('.'), message: i.message })) });
}

async function checkReferences(tx: Db, content: Partial<ImplementationContent>) {
  if (
    content.legalLimit &&
    content.promisedLimit &&
    content.promisedLimit.unit === content.legalLimit.unit &&
    content.promisedLimit.value > content.legalLimit.value
  ) {
    throw catalogErrors.PROMISED_LIMIT_EXCEEDS_LEGAL({ promised: content.promisedLimit, legal: content.legalLimit });
  }
  for (const list of [content.materials ?? [], content.steps ?? []]) {
    const keys = list.map((x) => x.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) throw catalogErrors.MATERIAL_KEY_DUPLICATE({ key: dup });
  }
  const codes = [
    ...(content.materials ?? []).filter((m) => m.source === 'license').map((m) => m.licenseTypeCode ?? ''),
    ...(content.resultLicenseTypeCode ? [content.resultLicenseTypeCode] : []),
    ...(content.revokesLicenseTypeCode ? [content.revokesLicenseTypeCode] : []),
  ];
  const existing = await existingLicenseTypeCodes(tx, codes.filter(Boolean));
  const unknown = codes.filter((c) => !existing.has(c));
  if (unknown.length) throw catalogErrors.LICENSE_TYPE_UNKNOWN({ codes: unknown.map((c) => c || '(empty)') });
  if (content.form) {
    const problems = checkFormSchema(content.form);
    if (problems.some((p) => p.code === 'PATTERN_UNSUPPORTED')) throw catalogErrors.FORM_PATTERN_UNSUPPORTED({ problems });
    if (problems.length) throw catalogErrors.FORM_SCHEMA_INVALID({ problems });
  }
}

/** Parses and checks a full content value: schema, limits, keys, licence types, form. */
export async function validateContent(tx: Db, input: unknown): Promise<ImplementationContent> {
  const parsed = contentSchema.safeParse(input);
  if (!parsed.success) throw contentProblem(parsed.error.issues);
  await checkReferences(tx, parsed.data);
  return parsed.data;
}

async function validatePartialContent(tx: Db, input: unknown): Promise<Partial<ImplementationContent>> {
  const parsed = contentSchema.partial().safeParse(input);
  if (!parsed.success) throw contentProblem(parsed.error.issues);
  const data = Object.fromEntries(
    Object.entries(parsed.data).filter(([k]) => input && typeof input === 'object' && k in input),
  ) as Partial<ImplementationContent>;
  await checkReferences(tx, data);
  return data;
}

// ── Implementations and their versions ───────────────────────────────────

type ImplRow = typeof implementation.$inferSelect;
type VersionRow = typeof implementationVersion.$inferSelect;

function shapeVersion(row: VersionRow) {
  return {
    id: row.id,
    number: row.number,
    status: row.status as VersionStatus,
    content: row.content as ImplementationContent,
    createdBy: row.createdBy,
    reviewNote: row.reviewNote,
    reviewedBy: row.reviewedBy,
    publishedAt: iso(row.publishedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
  };
}
export type VersionView = ReturnType<typeof shapeVersion>;

function shapeImplementation(row: ImplRow) {
  return {
    id: row.id,
    code: row.code,
    baseItemId: row.baseItemId,
    regionCode: row.regionCode,
    departmentId: row.departmentId,
    status: row.status as ImplementationStatus,
    name: row.name,
    itemType: row.itemType,
    publishedVersionId: row.publishedVersionId,
    latestVersionId: row.latestVersionId,
    version: row.version,
  };
}
export type ImplementationView = ReturnType<typeof shapeImplementation>;

export interface ImplementationInput {
  code: string;
  baseItemId: number;
  regionCode: string;
  departmentId: number;
  content: unknown;
}

export async function findImplementationByCode(db: Db, code: string) {
  const [row] = await db.select().from(implementation).where(eq(implementation.code, code));
  return row ? shapeImplementation(row) : undefined;
}

/** Implementations by code, in one statement (a code not found is missing from the map). */
export async function findImplementationsByCodes(db: Db, codes: readonly string[]) {
  const rows = codes.length
    ? await db
        .select()
        .from(implementation)
        .where(inArray(implementation.code, [...new Set(codes)]))
    : [];
  return new Map(rows.map((row) => [row.code, shapeImplementation(row)]));
}

export async function getImplementation(db: Db, id: number) {
  const [row] = await db.select().from(implementation).where(eq(implementation.id, id));
  if (!row) throw catalogErrors.IMPLEMENTATION_NOT_FOUND({ id });
  return shapeImplementation(row);
}

export async function getVersion(db: Db, id: number) {
  const [row] = await db.select().from(implementationVersion).where(eq(implementationVersion.id, id));
  if (!row) throw catalogErrors.VERSION_NOT_FOUND({ id });
  return shapeVersion(row);
}

export async function listVersions(db: Db, implementationId: number) {
  const rows = await db
    .select()
    .from(implementationVersion)
    .where(eq(implementationVersion.implementationId, implementationId))
    .orderBy(desc(implementationVersion.number));
  return rows.map(shapeVersion);
}

/** An implementation with its base item, its versions (newest first), and the inspection of its latest version. */
export async function implementationDetail(db: Db, id: number) {
  const impl = await getImplementation(db, id);
  const [base, versions, dept, region] = await Promise.all([
    getBaseItem(db, impl.baseItemId),
    listVersions(db, id),
    getDepartment(db, impl.departmentId),
    getRegion(db, impl.regionCode),
  ]);
  const latest = versions[0];
  const inspection = inspect(latest.content, await inspectionWorld(db, [latest.content]));
  return { ...impl, baseItem: base, departmentName: dept.name, regionName: region.name, versions, inspection };
}

/** Implementations in every status, drafts included: `within` is the reader's scope (scopeFilter), the rest filters. */
export async function listImplementations(
  db: Db,
  q: {
    within?: ScopeFilter;
    regionCode?: string;
    departmentId?: number;
    status?: string;
    versionStatus?: string;
    q?: string;
    baseItemId?: number;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [];
  if (q.within) where.push(scopeSql(q.within, sql`${implementation.regionCode}`, sql`${implementation.departmentId}`));
  if (q.regionCode) where.push(sql`${implementation.regionCode} LIKE ${prefixPattern(regionPrefix(q.regionCode))}`);
  if (q.departmentId) where.push(eq(implementation.departmentId, q.departmentId));
  if (q.status) where.push(eq(implementation.status, q.status));
  if (q.baseItemId) where.push(eq(implementation.baseItemId, q.baseItemId));
  if (q.versionStatus) where.push(sql`(SELECT v.status FROM implementation_version v WHERE v.id = ${implementation.latestVersionId}) = ${q.versionStatus}`);
  if (q.q) where.push(or(ilike(implementation.name, containsPattern(q.q)), eq(implementation.code, q.q))!);
  const cond = where.length ? and(...where) : undefined;
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(implementation)
    .where(cond);
  const rows = await db
    .select({
      impl: implementation,
      draftStatus: implementationVersion.status,
      departmentName: sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = ${implementation.departmentId})`,
      regionName: sql<string>`(SELECT r.name FROM pub_regions_region r WHERE r.code = ${implementation.regionCode})`,
    })
    .from(implementation)
    .leftJoin(implementationVersion, eq(implementationVersion.id, implementation.latestVersionId))
    .where(cond)
    .orderBy(asc(implementation.code))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: Number(total),
    items: rows.map((r) => ({
      ...shapeImplementation(r.impl),
      latestVersionStatus: (r.draftStatus ?? 'draft') as VersionStatus,
      departmentName: r.departmentName,
      regionName: r.regionName,
    })),
  };
}

export async function createImplementation(tx: Db, ctx: RequestContext, input: ImplementationInput) {
  if (!/^[0-9A-Za-z-]{1,36}$/.test(input.code)) throw catalogErrors.IMPLEMENTATION_CODE_INVALID({ code: input.code });
  const base = await getBaseItem(tx, input.baseItemId);
  await getRegion(tx, input.regionCode);
  // A region's own base item is carried out in that region only; a national one everywhere.
  if (base.regionCode && !regionContains(base.regionCode, input.regionCode))
    throw catalogErrors.BASE_ITEM_NOT_IN_REGION({ baseRegion: base.regionCode, regionCode: input.regionCode });
  await getDepartment(tx, input.departmentId);
  const content = await validateContent(tx, input.content);
  if (await findImplementationByCode(tx, input.code)) throw catalogErrors.IMPLEMENTATION_CODE_TAKEN({ code: input.code });
  const [dup] = await tx
    .select({ id: implementation.id })
    .from(implementation)
    .where(and(eq(implementation.baseItemId, base.id), eq(implementation.regionCode, input.regionCode), eq(implementation.departmentId, input.departmentId)));
  if (dup) throw catalogErrors.IMPLEMENTATION_DUPLICATE({ id: dup.id });
  const [row] = await tx
    .insert(implementation)
    .values({
      code: input.code,
      baseItemId: base.id,
      regionCode: input.regionCode,
      departmentId: input.departmentId,
      name: content.name,
      itemType: base.itemType,
    })
    .returning();
  const [v] = await tx
    .insert(implementationVersion)
    .values({ implementationId: row.id, number: 1, status: 'draft', content, createdBy: ctx.actor.username })
    .returning();
  const [after] = await tx.update(implementation).set({ latestVersionId: v.id }).where(eq(implementation.id, row.id)).returning();
  await writeAudit(tx, ctx, { action: 'implementation.create', targetType: 'implementation', targetId: row.id, change: { code: row.code, content } });
  return shapeImplementation(after);
}

async function lockLatest(tx: Db, implementationId: number) {
  const [impl] = await tx.select().from(implementation).where(eq(implementation.id, implementationId)).for('update');
  if (!impl) throw catalogErrors.IMPLEMENTATION_NOT_FOUND({ id: implementationId });
  const [latest] = await tx.select().from(implementationVersion).where(eq(implementationVersion.id, impl.latestVersionId!)).for('update');
  return { impl, latest };
}

/**
 * The lifecycle, checked in one place. Versions: draft → in_review → published (→ suspended ⇄ published) →
 * abolished; in_review → rejected back to draft; publishing a new version supersedes the old one.
 */
const TRANSITIONS: Record<string, { from: VersionStatus[]; to: VersionStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'published' },
  reject: { from: ['in_review'], to: 'draft' },
  suspend: { from: ['published'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'published' },
  abolish: { from: ['published', 'suspended', 'draft'], to: 'abolished' },
};
export type CatalogAction = keyof typeof TRANSITIONS;

export async function updateDraft(db: Db, ctx: RequestContext, implementationId: number, input: { content: unknown; version: number }) {
  return db.transaction(async (tx) => {
    const { impl, latest } = await lockLatest(tx, implementationId);
    if (latest.status !== 'draft')
      throw latest.status === 'published'
        ? catalogErrors.CATALOG_PUBLISHED_IMMUTABLE()
        : catalogErrors.CATALOG_ILLEGAL_TRANSITION({ status: latest.status, action: 'edit' });
    if (latest.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: latest.version });
    const content = await validateContent(tx, input.content);
    const [after] = await tx
      .update(implementationVersion)
      .set({ content, version: latest.version + 1, updatedAt: sql`now()` })
      .where(eq(implementationVersion.id, latest.id))
      .returning();
    if (impl.status === 'draft') await tx.update(implementation).set({ name: content.name }).where(eq(implementation.id, impl.id));
    await writeAudit(tx, ctx, {
      action: 'implementation.edit',
      targetType: 'implementation',
      targetId: impl.id,
      change: { version: latest.number, changes: diffContent(latest.content as ImplementationContent, content) },
    });
    return shapeVersion(after);
  });
}

/** Starts a new draft version from the latest one (a published version itself never changes). */
export async function startNewVersion(db: Db, ctx: RequestContext, implementationId: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const { impl, latest } = await lockLatest(tx, implementationId);
    if (impl.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: impl.version });
    if (!['published', 'suspended'].includes(latest.status)) throw catalogErrors.CATALOG_ILLEGAL_TRANSITION({ status: latest.status, action: 'new-version' });
    const [v] = await tx
      .insert(implementationVersion)
      .values({ implementationId: impl.id, number: latest.number + 1, status: 'draft', content: latest.content, createdBy: ctx.actor.username })
      .returning();
    await tx
      .update(implementation)
      .set({ latestVersionId: v.id, version: impl.version + 1, updatedAt: sql`now()` })
      .where(eq(implementation.id, impl.id));
    await writeAudit(tx, ctx, { action: 'implementation.new-version', targetType: 'implementation', targetId: impl.id, change: { number: v.number } });
    return shapeVersion(v);
  });
}

/**
 * Moves the latest version through the lifecycle. `version` is the latest version's row version for
 * submit/approve/reject, the implementation's for suspend/resume/abolish.
 */
export async function transition(db: Db, ctx: RequestContext, implementationId: number, action: CatalogAction, input: { version: number; note?: string }) {
  const rule = TRANSITIONS[action];
  return db.transaction(async (tx) => {
    const { impl, latest } = await lockLatest(tx, implementationId);
    const onVersion = ['submit', 'approve', 'reject'].includes(action);
    const live = onVersion
      ? latest
      : impl.publishedVersionId
        ? (await tx.select().from(implementationVersion).where(eq(implementationVersion.id, impl.publishedVersionId)).for('update'))[0]
        : latest;
    const rowVersion = onVersion ? latest.version : impl.version;
    if (rowVersion !== input.version) throw platformErrors.VERSION_CONFLICT({ current: rowVersion });
    const current = (action === 'abolish' ? (impl.status === 'draft' ? latest.status : impl.status) : live.status) as VersionStatus;
    if (!rule.from.includes(current) || impl.status === 'abolished') throw catalogErrors.CATALOG_ILLEGAL_TRANSITION({ status: current, action });
    if ((action === 'reject' || action === 'suspend' || action === 'abolish') && !input.note?.trim()) {
      throw catalogErrors.CONTENT_INVALID({ element: 'note', message: 'a reason is required' });
    }
    if (action === 'submit') {
      const content = latest.content as ImplementationContent;
      const result = inspect(content, await inspectionWorld(tx, [content]));
      // Lawful by construction: a guide with an error-severity finding cannot go to review.
      const blocking = result.findings.filter((f) => f.severity === 'error');
      if (blocking.length) throw catalogErrors.CONTENT_INVALID({ findings: blocking });
    }
    const now = sql`now()`;
    let publishedVersionId = impl.publishedVersionId;
    let status = impl.status;
    if (action === 'submit' || action === 'reject') {
      await tx
        .update(implementationVersion)
        .set({
          status: rule.to,
          version: latest.version + 1,
          updatedAt: now,
          ...(action === 'reject' ? { reviewNote: input.note!, reviewedBy: ctx.actor.username } : {}),
        })
        .where(eq(implementationVersion.id, latest.id));
    } else if (action === 'approve') {
      if (impl.publishedVersionId)
        await tx.update(implementationVersion).set({ status: 'superseded', updatedAt: now }).where(eq(implementationVersion.id, impl.publishedVersionId));
      await tx
        .update(implementationVersion)
        .set({
          status: 'published',
          publishedAt: now,
          reviewedBy: ctx.actor.username,
          reviewNote: input.note ?? null,
          version: latest.version + 1,
          updatedAt: now,
        })
        .where(eq(implementationVersion.id, latest.id));
      publishedVersionId = latest.id;
      status = 'published';
    } else if (action === 'suspend' || action === 'resume') {
      await tx.update(implementationVersion).set({ status: rule.to, updatedAt: now }).where(eq(implementationVersion.id, live.id));
      status = rule.to;
    } else if (action === 'abolish') {
      await tx.update(implementationVersion).set({ status: 'abolished', updatedAt: now }).where(eq(implementationVersion.id, live.id));
      status = 'abolished';
    }
    const [after] = await tx
      .update(implementation)
      .set({ status, publishedVersionId, version: impl.version + 1, updatedAt: now })
      .where(eq(implementation.id, impl.id))
      .returning();
    if (action !== 'submit' && action !== 'reject') await refreshSearchSnapshot(tx, after.id);
    await writeAudit(tx, ctx, {
      action: `implementation.${action}`,
      targetType: 'implementation',
      targetId: impl.id,
      change: { from: current, to: rule.to, versionNumber: (onVersion ? latest : live).number, note: input.note ?? null },
    });
    return shapeImplementation(after);
  });
}

/** Element-by-element difference between two version numbers of one implementation. */
export async function diffVersions(db: Db, implementationId: number, a: number, b: number) {
  const rows = await db
    .select()
    .from(implementationVersion)
    .where(and(eq(implementationVersion.implementationId, implementationId), sql`${implementationVersion.number} IN (${a}, ${b})`));
  const va = rows.find((r) => r.number === a);
  const vb = rows.find((r) => r.number === b);
  if (!va || !vb) throw catalogErrors.VERSION_NOT_FOUND({ numbers: [a, b].filter((n) => !rows.some((r) => r.number === n)) });
  return { from: a, to: b, changes: diffContent(va.content as ImplementationContent, vb.content as ImplementationContent) };
}

const frozenContent = perDatabase(() => new Map<number, ImplementationContent>());

/**
 * The content of a version once published: it never changes after that (an edit starts the next version), so it is
 * kept per database and process, parsed once. Unpublished drafts are read afresh.
 */
export async function frozenVersionContent(db: Db, versionId: number): Promise<ImplementationContent> {
  // Kept per database (a transaction's reads fill and use the memo of the database it belongs to).
  const cache = frozenContent(rootDatabase(db));
  const hit = cache.get(versionId);
  if (hit) return hit;
  const [row] =
    rootDatabase(db) === db
      ? await rawQuery<{ content: ImplementationContent | string; published: boolean }>(
          db,
          'catalog.versionContent',
          'SELECT content, published_at IS NOT NULL AS published FROM implementation_version WHERE id = $1',
          [versionId],
        )
      : await db
          .select({ content: implementationVersion.content, published: sql<boolean>`${implementationVersion.publishedAt} IS NOT NULL` })
          .from(implementationVersion)
          .where(eq(implementationVersion.id, versionId));
  if (!row) throw catalogErrors.VERSION_NOT_FOUND({ id: versionId });
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as ImplementationContent;
  if (row.published) {
    if (cache.size >= 2000) cache.clear();
    cache.set(versionId, content);
  }
  return content;
}

type ApplyingView = { id: number; code: string; regionCode: string; departmentId: number; status: string; publishedVersionId: number | null };
const applyingCache = perDatabase(() => new Map<string, { row: ApplyingView | undefined; until: number }>());

/**
 * What applying needs of an implementation, by code: its place, status and published version. Kept for ten seconds
 * unless `fresh`: the application statement itself re-checks that this version is still the published one, and asks
 * again with `fresh` when it is not.
 */
export async function implementationForApplying(db: Db, code: string, fresh = false): Promise<ApplyingView | undefined> {
  const cache = applyingCache(db);
  const now = Date.now();
  const hit = cache.get(code);
  if (!fresh && hit && hit.until > now) return hit.row;
  const [row] = await rawQuery<{ id: number; code: string; regionCode: string; departmentId: number; status: string; publishedVersionId: number | null }>(
    db,
    'catalog.implementationForApplying',
    `SELECT id::int AS id, code, region_code AS "regionCode", department_id::int AS "departmentId", status, published_version_id::int AS "publishedVersionId"
     FROM implementation WHERE code = $1`,
    [code],
  );
  if (cache.size >= 5000) cache.clear();
  cache.set(code, { row, until: now + 10_000 });
  return row;
}

/** The published content of an implementation (what applicants and cases see). */
export async function publishedContent(db: Db, implementationId: number) {
  const [row] = await queryRows<{ id: number; number: number; content: ImplementationContent }>(
    db,
    sql`SELECT v.id, v.number, v.content FROM implementation i JOIN implementation_version v ON v.id = i.published_version_id WHERE i.id = ${implementationId} AND i.status = 'published'`,
  );
  return row;
}

/**
 * A region adopts its base item's standard template: the template's elements replace its own, in the open draft
 * or in a new version. `version` is the implementation's row version.
 */
export async function adoptTemplate(db: Db, ctx: RequestContext, implementationId: number, input: { version: number }) {
  const impl = await getImplementation(db, implementationId);
  if (impl.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: impl.version });
  const base = await getBaseItem(db, impl.baseItemId);
  if (!base.template || Object.keys(base.template).length === 0) throw catalogErrors.CONTENT_INVALID({ message: 'the base item has no template' });
  let latest = await getVersion(db, impl.latestVersionId!);
  if (latest.status === 'published' || latest.status === 'suspended') latest = await startNewVersion(db, ctx, implementationId, { version: impl.version });
  return updateDraft(db, ctx, implementationId, { content: { ...latest.content, ...base.template }, version: latest.version });
}
