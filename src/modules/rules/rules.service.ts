import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionContains } from '../../platform/scope.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { getImplementation, getVersion } from '../catalog/index.ts';
import { findLicenseType } from '../licenses/index.ts';
import { ruleDecision, ruleSet, ruleSetVersion } from './rules.schema.ts';
import { ruleErrors } from './rules.errors.ts';
import { checkDefinition, decide, runGoldenCases, versionHash, type RuleWorld } from './rules.core.ts';
import { replayVersion } from './rules.replay.ts';
import {
  ruleContent,
  type CreateInput,
  type Decision,
  type DraftInput,
  type GoldenResult,
  type RuleContent,
  type RuleSetView,
  type RuleValues,
  type RuleVersionStatus,
  type RuleVersionView,
} from './rules.types.ts';

// ── Shapes ──────────────────────────────────────────────────────────────────────────────────────────────

type SetRow = typeof ruleSet.$inferSelect;
type VersionRow = typeof ruleSetVersion.$inferSelect;

function shapeSet(row: SetRow, implementationCode: string | null): RuleSetView {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    purpose: row.purpose as RuleSetView['purpose'],
    implementationId: row.implementationId === null ? null : Number(row.implementationId),
    implementationCode,
    regionCode: row.regionCode,
    departmentId: Number(row.departmentId),
    publishedVersionId: row.publishedVersionId === null ? null : Number(row.publishedVersionId),
    latestVersionId: row.latestVersionId === null ? null : Number(row.latestVersionId),
    instantApproval: row.instantApproval,
    version: row.version,
    createdAt: iso(row.createdAt),
  };
}

export function shapeVersion(row: VersionRow): RuleVersionView {
  return {
    id: Number(row.id),
    ruleSetId: Number(row.ruleSetId),
    number: row.number,
    status: row.status as RuleVersionStatus,
    validFrom: row.validFrom,
    validTo: row.validTo,
    content: row.content as RuleContent,
    hash: row.hash,
    goldenPassed: row.goldenPassed,
    createdBy: row.createdBy,
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    retiredAt: iso(row.retiredAt),
    version: row.version,
  };
}

/** The scope that acting on a rule set needs: its owner's region and department. */
export const ruleSetScope = (s: { regionCode: string; departmentId: number }): Scope => ({ regionCode: s.regionCode, departmentId: s.departmentId });

/** The code of a rule set's implementation, read from the catalogue's published view (ADR 0017). */
const IMPLEMENTATION_CODE = sql<string | null>`(SELECT i.code FROM pub_catalog_implementation i WHERE i.id = ${ruleSet.implementationId})`;

async function implementationCodeOf(db: Db, id: number | null): Promise<string | null> {
  return id === null ? null : (await getImplementation(db, id)).code;
}

export async function getRuleSet(db: Db, id: number): Promise<RuleSetView> {
  const [row] = await db.select().from(ruleSet).where(eq(ruleSet.id, id));
  if (!row) throw ruleErrors.RULE_SET_NOT_FOUND({ id });
  return shapeSet(row, await implementationCodeOf(db, row.implementationId === null ? null : Number(row.implementationId)));
}

/** A rule set with every version, newest first. */
export async function ruleSetDetail(db: Db, id: number) {
  const set = await getRuleSet(db, id);
  const versions = await db.select().from(ruleSetVersion).where(eq(ruleSetVersion.ruleSetId, id)).orderBy(desc(ruleSetVersion.number));
  return { ...set, versions: versions.map(shapeVersion) };
}

/** Rule sets within the reader's scope (drafts included), by code. */
export async function listRuleSets(db: Db, q: { within: ScopeFilter; implementationId?: number; page: number; pageSize: number }) {
  const where: SQL[] = [scopeSql(q.within, sql`${ruleSet.regionCode}`, sql`${ruleSet.departmentId}`)];
  if (q.implementationId) where.push(eq(ruleSet.implementationId, q.implementationId));
  const rows = await db
    .select({ s: ruleSet, latestStatus: ruleSetVersion.status, latestNumber: ruleSetVersion.number, implementationCode: IMPLEMENTATION_CODE })
    .from(ruleSet)
    .leftJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleSet.latestVersionId))
    .where(and(...where))
    .orderBy(ruleSet.code)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(ruleSet)
    .where(and(...where));
  return {
    total: Number(total),
    items: rows.map((r) => ({
      ...shapeSet(r.s, r.implementationCode),
      latestStatus: (r.latestStatus ?? 'draft') as RuleVersionStatus,
      latestNumber: r.latestNumber ?? 1,
    })),
  };
}

// ── The world a definition reads ─────────────────────────────────────────────────────────────────────────

/**
 * The fields of the implementation's form (its latest version, and the published one: a field is known while either
 * has it) and the licence types the definition names, for checkDefinition.
 */
async function worldOf(db: Db, implementationId: number | null, content: RuleContent): Promise<RuleWorld> {
  let formFields: Map<string, string> | null = null;
  if (implementationId !== null) {
    const impl = await getImplementation(db, implementationId);
    formFields = new Map();
    const ids = [...new Set([impl.latestVersionId, impl.publishedVersionId].filter((v): v is number => v !== null))];
    for (const id of ids) {
      const v = await getVersion(db, id);
      for (const [name, field] of Object.entries(v.content.form.properties)) if (!formFields.has(name)) formFields.set(name, field.type);
    }
  }
  const licenseTypes = new Map<string, readonly string[]>();
  for (const input of content.inputs) {
    if (input.source.kind !== 'license') continue;
    const code = input.source.typeCode.toUpperCase();
    if (licenseTypes.has(code)) continue;
    const type = await findLicenseType(db, code);
    if (type)
      licenseTypes.set(
        code,
        type.fields.map((f) => f.key),
      );
  }
  return { formFields, licenseTypes };
}

async function checked(db: Db, implementationId: number | null, input: unknown): Promise<RuleContent> {
  const parsed = ruleContent.safeParse(input);
  if (!parsed.success) throw ruleErrors.RULE_DEFINITION_INVALID({ problems: parsed.error.issues.map((i) => ({ at: i.path.join('.'), message: i.message })) });
  const problems = checkDefinition(parsed.data, await worldOf(db, implementationId, parsed.data));
  if (problems.length) throw ruleErrors.RULE_DEFINITION_INVALID({ problems });
  return parsed.data;
}

// ── Changing ────────────────────────────────────────────────────────────────────────────────────────────

/** Where a new rule set belongs: its implementation's region and department, or those named (the department in the region). */
export async function ownerOf(db: Db, input: Pick<CreateInput, 'purpose' | 'implementationId' | 'regionCode' | 'departmentId'>) {
  if (input.implementationId !== null) {
    const impl = await getImplementation(db, input.implementationId).catch(() => {
      throw ruleErrors.RULE_IMPLEMENTATION_NOT_FOUND({ id: input.implementationId });
    });
    return { implementationId: impl.id, regionCode: impl.regionCode, departmentId: impl.departmentId };
  }
  if (input.purpose === 'approval' || !input.regionCode || !input.departmentId) throw ruleErrors.RULE_SET_OWNER_INVALID();
  await getRegion(db, input.regionCode);
  const dept = await getDepartment(db, input.departmentId).catch(() => {
    throw ruleErrors.RULE_SET_OWNER_INVALID({ departmentId: input.departmentId });
  });
  if (!regionContains(input.regionCode, dept.regionCode)) throw ruleErrors.RULE_SET_OWNER_INVALID({ departmentId: input.departmentId });
  return { implementationId: null, regionCode: input.regionCode, departmentId: input.departmentId };
}

/** A new rule set and its first draft (checked whole against the form and the licence types). One audit entry. */
export async function createRuleSet(tx: Db, ctx: RequestContext, input: CreateInput, owner: Awaited<ReturnType<typeof ownerOf>>) {
  const content = await checked(tx, owner.implementationId, input.content);
  const [taken] = await tx.select({ id: ruleSet.id }).from(ruleSet).where(eq(ruleSet.code, input.code));
  if (taken) throw ruleErrors.RULE_SET_CODE_TAKEN({ code: input.code });
  const [row] = await tx
    .insert(ruleSet)
    .values({ code: input.code, name: input.name, purpose: input.purpose, ...owner, createdBy: ctx.actor.username })
    .returning();
  const [v] = await tx
    .insert(ruleSetVersion)
    .values({ ruleSetId: row.id, number: 1, validFrom: input.validFrom, validTo: input.validTo, content, createdBy: ctx.actor.username })
    .returning();
  await tx.update(ruleSet).set({ latestVersionId: v.id }).where(eq(ruleSet.id, row.id));
  await writeAudit(tx, ctx, { action: 'rules.create', targetType: 'rule_set', targetId: row.id, change: { code: row.code, owner, content } });
  return ruleSetDetail(tx, Number(row.id));
}

async function lockLatest(tx: Db, id: number) {
  const [s] = await tx.select().from(ruleSet).where(eq(ruleSet.id, id)).for('update');
  if (!s) throw ruleErrors.RULE_SET_NOT_FOUND({ id });
  const [latest] = await tx.select().from(ruleSetVersion).where(eq(ruleSetVersion.id, s.latestVersionId!)).for('update');
  return { s, latest };
}

/** Changes the open draft (its row version checked). A published or retired version never changes. */
export async function updateDraft(db: Db, ctx: RequestContext, id: number, input: DraftInput): Promise<RuleVersionView> {
  return db.transaction(async (tx) => {
    const { s, latest } = await lockLatest(tx, id);
    if (latest.status !== 'draft') throw ruleErrors.RULE_NOT_DRAFT({ status: latest.status });
    if (latest.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: latest.version });
    if (input.validTo !== null && input.validTo < input.validFrom) throw platformErrors.VALIDATION_FAILED({ validTo: 'before validFrom' });
    const content = await checked(tx, s.implementationId === null ? null : Number(s.implementationId), input.content);
    const [after] = await tx
      .update(ruleSetVersion)
      .set({ content, validFrom: input.validFrom, validTo: input.validTo, version: latest.version + 1, updatedAt: sql`now()` })
      .where(eq(ruleSetVersion.id, latest.id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'rules.edit',
      targetType: 'rule_set',
      targetId: s.id,
      change: {
        number: latest.number,
        before: { content: latest.content, validFrom: latest.validFrom, validTo: latest.validTo },
        after: { content, validFrom: input.validFrom, validTo: input.validTo },
      },
    });
    return shapeVersion(after);
  });
}

/** Runs the golden cases of a version (the latest by default): nothing is stored. */
export async function runGolden(db: Db, id: number, versionId?: number): Promise<{ versionId: number; passed: boolean; results: GoldenResult[] }> {
  const v = await versionOf(db, id, versionId);
  const results = runGoldenCases(v);
  return { versionId: v.id, passed: results.length > 0 && results.every((r) => r.passed), results };
}

/** Decides one set of inputs on a version (the latest by default), for "test this input": nothing is stored. */
export async function testInputs(db: Db, id: number, input: { inputs: RuleValues; onDay?: string; versionId?: number }) {
  const v = await versionOf(db, id, input.versionId);
  return { versionId: v.id, number: v.number, status: v.status, decision: decide(v, input.inputs, { onDay: input.onDay }) };
}

async function versionOf(db: Db, id: number, versionId?: number): Promise<RuleVersionView> {
  const set = await getRuleSet(db, id);
  const wanted = versionId ?? set.latestVersionId!;
  const [row] = await db
    .select()
    .from(ruleSetVersion)
    .where(and(eq(ruleSetVersion.id, wanted), eq(ruleSetVersion.ruleSetId, id)));
  if (!row) throw ruleErrors.RULE_VERSION_NOT_FOUND({ id: wanted });
  return shapeVersion(row);
}

/**
 * Publishes the latest draft: checked again against the form as it is now, every golden case run (at least one,
 * all passing), the hash fixed; the version published before is retired. One audit entry naming the hash.
 */
export async function publish(db: Db, ctx: RequestContext, id: number, input: { version: number; replayDigest?: string }) {
  return db.transaction(async (tx) => {
    const { s, latest } = await lockLatest(tx, id);
    if (latest.status !== 'draft') throw ruleErrors.RULE_ILLEGAL_TRANSITION({ status: latest.status, action: 'publish' });
    if (latest.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: latest.version });
    const content = await checked(tx, s.implementationId === null ? null : Number(s.implementationId), latest.content);
    const version = { content, validFrom: latest.validFrom, validTo: latest.validTo };
    if (content.goldenCases.length === 0) throw ruleErrors.RULE_GOLDEN_MISSING();
    const results = runGoldenCases(version);
    const failed = results.filter((r) => !r.passed);
    if (failed.length) throw ruleErrors.RULE_GOLDEN_FAILED({ failed: failed.map((r) => ({ name: r.name, expected: r.expected, actual: r.actual })) });
    // Replayed over the historic applications again, here: a change of any outcome needs the publisher's confirmation
    // of exactly this replay (its digest), ADR 0041.
    const replayed = await replayVersion(tx, s, shapeVersion(latest));
    if (replayed.changed > 0 && input.replayDigest !== replayed.digest)
      throw ruleErrors.RULE_REPLAY_UNCONFIRMED({ changed: replayed.changed, replayed: replayed.replayed, stale: input.replayDigest !== undefined });
    const hash = versionHash(s.code, latest.number, version);
    const now = sql`now()`;
    let retired: number | null = null;
    if (s.publishedVersionId !== null) {
      await tx.update(ruleSetVersion).set({ status: 'retired', retiredAt: now, updatedAt: now }).where(eq(ruleSetVersion.id, s.publishedVersionId));
      retired = Number(s.publishedVersionId);
    }
    await tx
      .update(ruleSetVersion)
      .set({
        status: 'published',
        hash,
        goldenPassed: true,
        goldenResults: results.map((r) => ({ name: r.name, expected: r.expected, actual: r.actual, passed: r.passed })),
        publishedAt: now,
        publishedBy: ctx.actor.username,
        version: latest.version + 1,
        updatedAt: now,
      })
      .where(eq(ruleSetVersion.id, latest.id));
    await tx
      .update(ruleSet)
      .set({ publishedVersionId: latest.id, version: s.version + 1, updatedAt: now })
      .where(eq(ruleSet.id, s.id));
    await writeAudit(tx, ctx, {
      action: 'rules.publish',
      targetType: 'rule_set',
      targetId: s.id,
      change: {
        number: latest.number,
        hash,
        retiredVersionId: retired,
        golden: results.length,
        replay: { replayed: replayed.replayed, changed: replayed.changed, confirmed: replayed.changed > 0 ? replayed.digest : null },
      },
    });
    return ruleSetDetail(tx, Number(s.id));
  });
}

/** Retires the published version (`version`: the rule set's row version): nothing decides by it any more. */
export async function retire(db: Db, ctx: RequestContext, id: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const { s } = await lockLatest(tx, id);
    if (s.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: s.version });
    if (s.publishedVersionId === null) throw ruleErrors.RULE_ILLEGAL_TRANSITION({ action: 'retire', published: null });
    const now = sql`now()`;
    await tx.update(ruleSetVersion).set({ status: 'retired', retiredAt: now, updatedAt: now }).where(eq(ruleSetVersion.id, s.publishedVersionId));
    await tx
      .update(ruleSet)
      .set({ publishedVersionId: null, version: s.version + 1, updatedAt: now })
      .where(eq(ruleSet.id, s.id));
    await writeAudit(tx, ctx, { action: 'rules.retire', targetType: 'rule_set', targetId: s.id, change: { versionId: Number(s.publishedVersionId) } });
    return ruleSetDetail(tx, Number(s.id));
  });
}

/** Starts a new draft from the latest version once it is published or retired (`version`: the rule set's row version). */
export async function startNewVersion(db: Db, ctx: RequestContext, id: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const { s, latest } = await lockLatest(tx, id);
    if (s.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: s.version });
    if (latest.status === 'draft') throw ruleErrors.RULE_ILLEGAL_TRANSITION({ status: latest.status, action: 'new-version' });
    const [v] = await tx
      .insert(ruleSetVersion)
      .values({
        ruleSetId: s.id,
        number: latest.number + 1,
        validFrom: latest.validFrom,
        validTo: latest.validTo,
        content: latest.content,
        createdBy: ctx.actor.username,
      })
      .returning();
    await tx
      .update(ruleSet)
      .set({ latestVersionId: v.id, version: s.version + 1, updatedAt: sql`now()` })
      .where(eq(ruleSet.id, s.id));
    await writeAudit(tx, ctx, { action: 'rules.new-version', targetType: 'rule_set', targetId: s.id, change: { number: v.number } });
    return shapeVersion(v);
  });
}

// ── Deciding (the door other modules will use: instant approval, policy matching) ────────────────────────

/** The published version of an implementation's approval rule set, if any. */
export async function publishedRulesFor(db: Db, implementationId: number): Promise<(RuleVersionView & { hash: string; ruleSetCode: string }) | undefined> {
  const [row] = await db
    .select({ v: ruleSetVersion, code: ruleSet.code })
    .from(ruleSet)
    .innerJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleSet.publishedVersionId))
    .where(and(eq(ruleSet.implementationId, implementationId), eq(ruleSet.purpose, 'approval')))
    .orderBy(ruleSet.id)
    .limit(1);
  return row ? { ...shapeVersion(row.v), hash: row.v.hash!, ruleSetCode: row.code } : undefined;
}

/**
 * Stores a decision of a published version with its inputs, trace and explanation (append-only), in the caller's
 * transaction, and writes the audit entry naming the version and its hash.
 */
export async function recordDecision(
  tx: Db,
  ctx: RequestContext,
  input: {
    version: { id: number; hash: string | null; status: string };
    caseId?: number;
    /** The case's number: what the case's other audit entries name it by (default: its id). */
    caseNumber?: string;
    subject?: string;
    inputs: RuleValues;
    decision: Decision;
  },
) {
  if (input.version.status === 'draft' || !input.version.hash) throw ruleErrors.RULE_ILLEGAL_TRANSITION({ action: 'decide', status: input.version.status });
  const [row] = await tx
    .insert(ruleDecision)
    .values({
      ruleSetVersionId: input.version.id,
      versionHash: input.version.hash,
      caseId: input.caseId ?? null,
      subject: input.subject ?? null,
      inputs: input.inputs,
      outcome: input.decision.outcome,
      trace: input.decision.trace,
      explanationZh: input.decision.explanationZh,
      explanationEn: input.decision.explanationEn,
      error: input.decision.error,
      decidedBy: ctx.actor.username,
    })
    .returning({ id: ruleDecision.id });
  await writeAudit(tx, ctx, {
    action: 'rules.decide',
    targetType: input.caseId ? 'case' : 'rule_subject',
    targetId: input.caseNumber ?? input.caseId ?? input.subject ?? '',
    change: { decisionId: Number(row.id), ruleSetVersionId: input.version.id, versionHash: input.version.hash, outcome: input.decision.outcome },
  });
  return Number(row.id);
}

/** The decisions recorded for a case, oldest first. */
export async function decisionsOfCase(db: Db, caseId: number) {
  const rows = await db.select().from(ruleDecision).where(eq(ruleDecision.caseId, caseId)).orderBy(ruleDecision.id);
  return rows.map((r) => ({
    id: Number(r.id),
    ruleSetVersionId: Number(r.ruleSetVersionId),
    versionHash: r.versionHash,
    outcome: r.outcome as Decision['outcome'],
    trace: r.trace as Decision['trace'],
    explanationZh: r.explanationZh,
    explanationEn: r.explanationEn,
    error: r.error as Decision['error'],
    inputs: r.inputs as RuleValues,
    decidedAt: iso(r.decidedAt),
  }));
}

// ── The public: published rule sets' conditions and articles ─────────────────────────────────────────────

export async function publicRuleSets(db: Db, q: { implementationId?: number; code?: string }) {
  const where: SQL[] = [sql`${ruleSet.publishedVersionId} IS NOT NULL`];
  if (q.implementationId) where.push(eq(ruleSet.implementationId, q.implementationId));
  if (q.code) where.push(eq(ruleSet.code, q.code));
  const rows = await db
    .select({ s: ruleSet, v: ruleSetVersion, implementationCode: IMPLEMENTATION_CODE })
    .from(ruleSet)
    .innerJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleSet.publishedVersionId))
    .where(and(...where))
    .orderBy(ruleSet.code)
    .limit(200);
  const out = [];
  for (const { s, v, implementationCode } of rows) {
    const content = v.content as RuleContent;
    const labels = new Map(content.inputs.map((i) => [i.key, i.labelZh]));
    out.push({
      code: s.code,
      name: s.name,
      purpose: s.purpose as RuleSetView['purpose'],
      implementationCode,
      regionCode: s.regionCode,
      departmentId: Number(s.departmentId),
      number: v.number,
      validFrom: v.validFrom,
      validTo: v.validTo,
      hash: v.hash!,
      conditions: content.conditions.map((c) => ({
        key: c.key,
        labelZh: c.labelZh,
        labelEn: c.labelEn,
        article: c.article,
        inputLabelZh: labels.get(c.input) ?? c.input,
        test: c.test,
      })),
    });
  }
  return out;
}
