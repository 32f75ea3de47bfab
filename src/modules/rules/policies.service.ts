import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { today } from '../../platform/clock.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionContains } from '../../platform/scope.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { findLicenseType } from '../licenses/index.ts';
import { policy } from './policies.schema.ts';
import { policyErrors } from './policies.errors.ts';
import { checkPolicyContent, decidePolicy, policyGolden, policyHash, SOURCE_ZH } from './policies.core.ts';
import {
  POLICY_ATTRIBUTES,
  policyContent,
  type CreatePolicyInput,
  type PolicyCheck,
  type PolicyContent,
  type PolicyStatus,
  type PolicyView,
  type PublicPolicyView,
  type UpdatePolicyInput,
} from './policies.types.ts';

/**
 * The policy library (惠企政策, ADR 0038): policies owned by a department, drafted and checked, published once their
 * golden cases pass (the terms then never change: a new policy replaces one), retired; public pages; Excel import.
 * Every change checks the row version and writes one audit entry.
 */

type Row = typeof policy.$inferSelect;

export function shapePolicy(row: Row): PolicyView {
  return {
    id: Number(row.id),
    code: row.code,
    title: row.title,
    issuer: row.issuer,
    documentNumber: row.documentNumber,
    target: row.target as PolicyView['target'],
    automatic: row.automatic,
    confirmBy: row.confirmBy as PolicyView['confirmBy'],
    benefitZh: row.benefitZh,
    amountYuan: row.amountYuan === null ? null : Number(row.amountYuan),
    amountRuleZh: row.amountRuleZh,
    validFrom: row.validFrom,
    validTo: row.validTo,
    regionCode: row.regionCode,
    departmentId: Number(row.departmentId),
    status: row.status as PolicyStatus,
    content: row.content as PolicyContent,
    hash: row.hash,
    createdBy: row.createdBy,
    publishedAt: iso(row.publishedAt),
    retiredAt: iso(row.retiredAt),
    version: row.version,
  };
}

/** The scope that acting on a policy needs: its owner's region and department. */
export const policyScope = (p: { regionCode: string; departmentId: number }): Scope => ({ regionCode: p.regionCode, departmentId: p.departmentId });

export async function getPolicy(db: Db, id: number): Promise<PolicyView> {
  const [row] = await db.select().from(policy).where(eq(policy.id, id));
  if (!row) throw policyErrors.POLICY_NOT_FOUND({ id });
  return shapePolicy(row);
}

/** Checks that the department lies in the region (both exist). */
export async function checkOwner(db: Db, owner: { regionCode: string; departmentId: number }) {
  await getRegion(db, owner.regionCode).catch(() => {
    throw policyErrors.POLICY_OWNER_INVALID({ regionCode: owner.regionCode });
  });
  const dept = await getDepartment(db, owner.departmentId).catch(() => {
    throw policyErrors.POLICY_OWNER_INVALID({ departmentId: owner.departmentId });
  });
  if (!regionContains(owner.regionCode, dept.regionCode)) throw policyErrors.POLICY_OWNER_INVALID({ departmentId: owner.departmentId });
}

/** The licence types a policy names, with their field keys (through the licences door). */
async function licenseTypesOf(db: Db, content: PolicyContent): Promise<Map<string, readonly string[]>> {
  const out = new Map<string, readonly string[]>();
  for (const input of content.inputs) {
    if (input.source.kind !== 'license') continue;
    const code = input.source.typeCode.toUpperCase();
    if (out.has(code)) continue;
    const type = await findLicenseType(db, code);
    if (type)
      out.set(
        code,
        type.fields.map((f) => f.key),
      );
  }
  return out;
}

/** The problems of a policy's conditions, as the world is now (see checkPolicyContent). */
export async function policyProblems(db: Db, content: PolicyContent, target: 'organisation' | 'person') {
  return checkPolicyContent(content, target, await licenseTypesOf(db, content));
}

/**
 * The condition editor's check (nothing stored): the problems of the conditions as they stand, by place, and — when
 * there are none — every golden case decided with its trace, as publishing would run them.
 */
export async function checkPolicyDraft(db: Db, input: { target: 'organisation' | 'person'; content: PolicyContent }): Promise<PolicyCheck> {
  const problems = await policyProblems(db, input.content, input.target);
  if (problems.length) return { problems, golden: [], passed: false };
  const policy = { target: input.target, validFrom: '0000-01-01', validTo: null, content: input.content };
  const golden = input.content.goldenCases.map((g) => {
    const decision = decidePolicy(policy, g.inputs);
    return { name: g.name, expected: g.expected, actual: decision.outcome, passed: decision.outcome === g.expected, decision };
  });
  return { problems: [], golden, passed: golden.length > 0 && golden.every((g) => g.passed) };
}

/** The facts the editor's picker offers: every profile attribute with its type, and the tags in use. */
export async function policyFacts(db: Db) {
  const tags = await queryRows<{ tag: string }>(
    db,
    sql`SELECT tag FROM (SELECT unnest(tags) AS tag FROM policy_profile
                         UNION SELECT i -> 'source' ->> 'tag' FROM policy p, jsonb_array_elements(p.content -> 'inputs') i WHERE i -> 'source' ->> 'kind' = 'tag') t
        WHERE tag IS NOT NULL ORDER BY tag LIMIT 200`,
  );
  return {
    attributes: Object.entries(POLICY_ATTRIBUTES).map(([key, a]) => ({
      key: key as keyof typeof POLICY_ATTRIBUTES,
      type: a.type,
      labelZh: a.zh,
      labelEn: a.en,
      of: [...a.of],
    })),
    tags: tags.map((r) => r.tag),
  };
}

async function checked(db: Db, content: PolicyContent, target: 'organisation' | 'person'): Promise<PolicyContent> {
  const parsed = policyContent.parse(content);
  const problems = await policyProblems(db, parsed, target);
  if (problems.length) throw policyErrors.POLICY_DEFINITION_INVALID({ problems });
  return parsed;
}

const columnsOf = (input: Omit<CreatePolicyInput, 'content' | 'code' | 'regionCode' | 'departmentId'>) => ({
  title: input.title,
  issuer: input.issuer,
  documentNumber: input.documentNumber,
  target: input.target,
  automatic: input.automatic,
  confirmBy: input.confirmBy,
  benefitZh: input.benefitZh,
  amountYuan: input.amountYuan === null ? null : String(input.amountYuan),
  amountRuleZh: input.amountRuleZh,
  validFrom: input.validFrom,
  validTo: input.validTo,
});

/** A new draft policy in its department (checked whole). One audit entry. */
export async function createPolicy(tx: Db, ctx: RequestContext, input: CreatePolicyInput): Promise<PolicyView> {
  await checkOwner(tx, input);
  if (input.validTo !== null && input.validTo < input.validFrom) throw platformErrors.VALIDATION_FAILED({ validTo: 'before validFrom' });
  const content = await checked(tx, input.content, input.target);
  const [taken] = await tx.select({ id: policy.id }).from(policy).where(eq(policy.code, input.code));
  if (taken) throw policyErrors.POLICY_CODE_TAKEN({ code: input.code });
  const [row] = await tx
    .insert(policy)
    .values({ code: input.code, ...columnsOf(input), regionCode: input.regionCode, departmentId: input.departmentId, content, createdBy: ctx.actor.username })
    .returning();
  await writeAudit(tx, ctx, { action: 'policies.create', targetType: 'policy', targetId: row.id, change: { code: row.code, title: row.title, content } });
  return shapePolicy(row);
}

async function lock(tx: Db, id: number, version: number): Promise<Row> {
  const [row] = await tx.select().from(policy).where(eq(policy.id, id)).for('update');
  if (!row) throw policyErrors.POLICY_NOT_FOUND({ id });
  if (row.version !== version) throw platformErrors.VERSION_CONFLICT({ current: row.version });
  return row;
}

/** Changes a draft (its row version checked). A published or retired policy never changes. */
export async function updatePolicy(db: Db, ctx: RequestContext, id: number, input: UpdatePolicyInput): Promise<PolicyView> {
  return db.transaction(async (tx) => {
    const row = await lock(tx, id, input.version);
    if (row.status !== 'draft') throw policyErrors.POLICY_NOT_DRAFT({ status: row.status });
    if (input.validTo !== null && input.validTo < input.validFrom) throw platformErrors.VALIDATION_FAILED({ validTo: 'before validFrom' });
    const content = await checked(tx, input.content, input.target);
    const [after] = await tx
      .update(policy)
      .set({ ...columnsOf(input), content, version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(policy.id, id))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'policies.edit',
      targetType: 'policy',
      targetId: id,
      change: { before: shapePolicy(row), after: { ...columnsOf(input), content } },
    });
    return shapePolicy(after);
  });
}

/** Publishes a draft: checked again, every golden case run (at least one, all passing), the hash fixed. */
export async function publishPolicy(db: Db, ctx: RequestContext, id: number, input: { version: number }): Promise<PolicyView> {
  return db.transaction(async (tx) => {
    const row = await lock(tx, id, input.version);
    if (row.status !== 'draft') throw policyErrors.POLICY_ILLEGAL_TRANSITION({ status: row.status, action: 'publish' });
    const p = shapePolicy(row);
    const content = await checked(tx, p.content, p.target);
    if (content.goldenCases.length === 0) throw policyErrors.POLICY_GOLDEN_MISSING();
    const results = policyGolden({ ...p, content });
    const failed = results.filter((r) => !r.passed);
    if (failed.length) throw policyErrors.POLICY_GOLDEN_FAILED({ failed });
    const hash = policyHash(p.code, { ...p, content });
    const [after] = await tx
      .update(policy)
      .set({ status: 'published', hash, publishedAt: sql`now()`, publishedBy: ctx.actor.username, version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(policy.id, id))
      .returning();
    await writeAudit(tx, ctx, { action: 'policies.publish', targetType: 'policy', targetId: id, change: { code: p.code, hash, golden: results.length } });
    return shapePolicy(after);
  });
}

/** Retires a published policy: it matches no one any more; benefits already matched go on. */
export async function retirePolicy(db: Db, ctx: RequestContext, id: number, input: { version: number }): Promise<PolicyView> {
  return db.transaction(async (tx) => {
    const row = await lock(tx, id, input.version);
    if (row.status !== 'published') throw policyErrors.POLICY_ILLEGAL_TRANSITION({ status: row.status, action: 'retire' });
    const [after] = await tx
      .update(policy)
      .set({ status: 'retired', retiredAt: sql`now()`, version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(policy.id, id))
      .returning();
    await writeAudit(tx, ctx, { action: 'policies.retire', targetType: 'policy', targetId: id, change: { code: row.code, hash: row.hash } });
    return shapePolicy(after);
  });
}

/** Each whitespace-separated term must appear in the title, issuer, document number or benefit (Chinese: substrings). */
function searchSql(q: string | undefined): SQL | undefined {
  const terms = (q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!terms.length) return undefined;
  const text = sql`(${policy.title} || ' ' || ${policy.issuer} || ' ' || ${policy.documentNumber} || ' ' || ${policy.benefitZh})`;
  return and(...terms.map((t) => sql`strpos(lower(${text}), lower(${t})) > 0`));
}

const CONDITION_COUNT = sql<number>`jsonb_array_length(${policy.content} -> 'conditions')::int`;

/** Policies in every state within the reader's scope. */
export async function listPolicies(db: Db, q: { within: ScopeFilter; status?: PolicyStatus; q?: string; page: number; pageSize: number }) {
  const where: SQL[] = [scopeSql(q.within, sql`${policy.regionCode}`, sql`${policy.departmentId}`)];
  if (q.status) where.push(eq(policy.status, q.status));
  const s = searchSql(q.q);
  if (s) where.push(s);
  const rows = await db
    .select({ p: policy, n: CONDITION_COUNT })
    .from(policy)
    .where(and(...where))
    .orderBy(desc(policy.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(policy)
    .where(and(...where));
  return { total: Number(total), items: rows.map((r) => ({ ...withoutContent(shapePolicy(r.p)), conditionCount: Number(r.n) })) };
}

function withoutContent(p: PolicyView) {
  const { content: _content, ...rest } = p;
  return rest;
}

/** Published policies in force on `day` (all of them, for matching and "which can I get"). */
export async function policiesInForce(db: Db, day: string, opts: { automaticOnly?: boolean; within?: ScopeFilter } = {}): Promise<PolicyView[]> {
  const where: SQL[] = [eq(policy.status, 'published'), sql`${policy.validFrom} <= ${day}`, sql`(${policy.validTo} IS NULL OR ${policy.validTo} >= ${day})`];
  if (opts.automaticOnly) where.push(eq(policy.automatic, true));
  if (opts.within) where.push(scopeSql(opts.within, sql`${policy.regionCode}`, sql`${policy.departmentId}`));
  const rows = await db
    .select()
    .from(policy)
    .where(and(...where))
    .orderBy(asc(policy.id));
  return rows.map(shapePolicy);
}

const DEPARTMENT_NAME = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = ${policy.departmentId})`;

function publicShape(row: Row, departmentName: string): PublicPolicyView {
  const p = shapePolicy(row);
  const inputs = new Map(p.content.inputs.map((i) => [i.key, i]));
  return {
    code: p.code,
    title: p.title,
    issuer: p.issuer,
    documentNumber: p.documentNumber,
    target: p.target,
    automatic: p.automatic,
    benefitZh: p.benefitZh,
    amountYuan: p.amountYuan,
    amountRuleZh: p.amountRuleZh,
    validFrom: p.validFrom,
    validTo: p.validTo,
    departmentName,
    regionCode: p.regionCode,
    hash: p.hash ?? '',
    conditions: p.content.conditions.map((c) => {
      const input = inputs.get(c.input);
      const s = input?.source;
      const sourceZh = !s
        ? ''
        : s.kind === 'profile'
          ? `${SOURCE_ZH.profile}：${POLICY_ATTRIBUTES[s.attribute].zh}`
          : s.kind === 'tag'
            ? `${SOURCE_ZH.tag}：${s.tag}`
            : (SOURCE_ZH[s.kind] ?? s.kind);
      return { key: c.key, labelZh: c.labelZh, labelEn: c.labelEn, article: c.article, inputLabelZh: input?.labelZh ?? c.input, sourceZh, test: c.test };
    }),
  };
}

/** The public library: published policies in force, searched in Chinese (every term), newest first. */
export async function publicPolicies(db: Db, q: { q?: string; target?: 'organisation' | 'person'; page: number; pageSize: number }) {
  const day = today();
  const where: SQL[] = [eq(policy.status, 'published'), sql`(${policy.validTo} IS NULL OR ${policy.validTo} >= ${day})`];
  if (q.target) where.push(eq(policy.target, q.target));
  const s = searchSql(q.q);
  if (s) where.push(s);
  const rows = await db
    .select({ p: policy, d: DEPARTMENT_NAME })
    .from(policy)
    .where(and(...where))
    .orderBy(desc(policy.publishedAt), desc(policy.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(policy)
    .where(and(...where));
  return { total: Number(total), items: rows.map((r) => publicShape(r.p, r.d ?? '')) };
}

/** One published (or retired) policy by code, for its public page; a draft is not public. */
export async function publicPolicy(db: Db, code: string): Promise<PublicPolicyView & { status: PolicyStatus }> {
  const [row] = await db
    .select({ p: policy, d: DEPARTMENT_NAME })
    .from(policy)
    .where(and(eq(policy.code, code), sql`${policy.status} <> 'draft'`));
  if (!row) throw policyErrors.POLICY_NOT_FOUND({ code });
  return { ...publicShape(row.p, row.d ?? ''), status: row.p.status as PolicyStatus };
}
