import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { iso } from '../../platform/time.ts';
import { today } from '../../platform/clock.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import type { JobDefinition } from '../../platform/module.ts';
import { policy, policyBenefit, policyPayout, policyProfile } from './policies.schema.ts';
import { policyErrors } from './policies.errors.ts';
import {
  compilePolicies,
  explainValues,
  initialBenefitState,
  maskSubject,
  matchAll,
  nextBenefitState,
  valuesFor,
  type BenefitAction,
} from './policies.core.ts';
import { policiesInForce } from './policies.service.ts';
import { assembleProfile, factsOf } from './policies.profiles.ts';
import type { BenefitStatus, BenefitView, MatchRun, PolicyView } from './policies.types.ts';
import type { RuleValues } from './rules.types.ts';

/**
 * 免申即享 (ADR 0038): the match of every stored profile against every published automatic policy in force, as a
 * recurring job (any number of processes: the round is claimed, and the unique (policy, subject) index makes a
 * benefit once), and on an officer's demand. Each new match becomes a benefit with its trace — an automatic one, or
 * a 快申快享 offer when a condition is unknown, keeping the values read — and an in-app notice to the beneficiary's account in the same
 * transaction. Then the department confirms, pays or rejects; the payout ledger follows.
 */

const CHUNK = 5000;

/** Applicant accounts (organisations and persons with an ID number), from the accounts' published view. */
async function applicantAccounts(db: Db) {
  return queryRows<{ id: number; displayName: string; idNumber: string; org: boolean }>(
    db,
    sql`SELECT id::int AS id, display_name AS "displayName", upper(id_number) AS "idNumber", 'applicant_org' = ANY(roles) AS org
        FROM pub_accounts_user
        WHERE status = 'active' AND id_number IS NOT NULL AND roles && ARRAY['applicant_org', 'applicant_person']::text[]`,
  );
}

/** Assembles afresh the profile of every applicant account (what the platform holds changes with each licence and case). */
export async function refreshProfiles(db: Db, day: string): Promise<number> {
  const accounts = await applicantAccounts(db);
  for (const a of accounts)
    await assembleProfile(db, { kind: a.org ? 'organisation' : 'person', idNumber: a.idNumber, name: a.displayName, userId: Number(a.id) }, day);
  return accounts.length;
}

interface StoredProfile {
  subject: string;
  kind: 'organisation' | 'person';
  name: string;
  userId: number | null;
  facts: Record<string, string | number | boolean | null>;
  tags: string[];
}

/**
 * One match round over the stored profiles: new benefits for pairs not matched before. With `refresh`, the
 * applicant accounts' profiles are assembled first. `within` limits the policies to an officer's scope.
 */
export async function runMatch(db: Db, ctx: RequestContext, opts: { day?: string; within?: ScopeFilter; refresh?: boolean } = {}): Promise<MatchRun> {
  const started = performance.now();
  const day = opts.day ?? today();
  if (opts.refresh !== false) await refreshProfiles(db, day);
  const policies = await policiesInForce(db, day, { automaticOnly: true, within: opts.within });
  const rows = await db
    .select({
      subject: policyProfile.subject,
      kind: policyProfile.kind,
      name: policyProfile.name,
      userId: policyProfile.userId,
      facts: policyProfile.facts,
      tags: policyProfile.tags,
    })
    .from(policyProfile);
  const profiles: StoredProfile[] = rows.map((r) => ({
    subject: r.subject,
    kind: r.kind as StoredProfile['kind'],
    name: r.name,
    userId: r.userId === null ? null : Number(r.userId),
    facts: factsOf(r),
    tags: r.tags,
  }));
  // The pairs matched before, one row per policy (a round over 50,000 profiles may find hundreds of thousands).
  const done = new Set<string>();
  if (policies.length) {
    const existing = await queryRows<{ policyId: number; subjects: string[] }>(
      db,
      sql`SELECT policy_id::int AS "policyId", array_agg(subject) AS subjects FROM policy_benefit
          WHERE policy_id IN (${sql.join(
            policies.map((p) => sql`${p.id}`),
            sql`, `,
          )}) GROUP BY policy_id`,
    );
    for (const e of existing) for (const subject of e.subjects) done.add(`${e.policyId}|${subject}`);
  }
  // Written in (policy, subject) order, the order of the unique index the conflict check walks.
  const fresh = matchAll(compilePolicies(policies), profiles)
    .filter((m) => !done.has(`${m.policy.id}|${m.profile.subject}`))
    .sort((a, b) => a.policy.id - b.policy.id || (a.profile.subject < b.profile.subject ? -1 : a.profile.subject > b.profile.subject ? 1 : 0));
  let matched = 0;
  let offered = 0;
  let confirmedByRules = 0;
  const perPolicy = new Map<string, number>();
  const byId = new Map(policies.map((p) => [p.id, p]));
  // The notice of each policy and first state, written by the statement for every new benefit with an account.
  const notices = policies.flatMap((p) =>
    (['notified', 'confirmed', 'offered'] as const).map((status) => {
      const n = noticeOf(p, status, 0);
      return { policy_id: p.id, status, kind: n.kind, title: n.title, body: n.body };
    }),
  );
  for (let i = 0; i < fresh.length; i += CHUNK) {
    // Each row carries only what differs by pair, under short keys (parsing the chunk was a third of its cost on
    // PGlite); the policy's region, department, amount and hash are joined from its row.
    const chunk = fresh.slice(i, i + CHUNK).map(({ policy: p, profile, verdict }) => ({
      p: p.id,
      s: profile.subject,
      u: profile.userId,
      n: profile.name,
      t: initialBenefitState(verdict, p.confirmBy, profile.userId !== null),
      f: valuesFor(p.content, profile),
    }));
    const told = chunk.some((r) => r.u !== null) ? notices : [];
    // One statement per chunk, which commits on its own: the benefits (a pair another process matched meanwhile is
    // skipped), the payout entries of those the rules confirm, the notices to the beneficiaries with an account; it
    // answers only the counts per policy and state.
    const counts = await queryRows<{ policyId: number; status: BenefitStatus; n: number }>(
      db,
      sql`WITH ins AS (
              INSERT INTO policy_benefit (policy_id, subject, user_id, beneficiary_name, region_code, department_id, kind, status, amount_yuan, facts,
                                          policy_hash, confirmed_by, confirmed_at, notified_at)
              SELECT r.p, r.s, r.u, r.n, x.region_code, x.department_id, CASE WHEN r.t = 'offered' THEN 'quick' ELSE 'automatic' END, r.t,
                     x.amount_yuan, r.f, coalesce(x.hash, ''), CASE WHEN r.t = 'confirmed' THEN 'rules' END, CASE WHEN r.t = 'confirmed' THEN now() END,
                     CASE WHEN r.u IS NOT NULL THEN now() END
              FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS r(p bigint, s text, u bigint, n text, t text, f jsonb)
              JOIN policy x ON x.id = r.p
              ON CONFLICT (policy_id, subject) DO NOTHING
              RETURNING id, policy_id, user_id, status, amount_yuan),
            payouts AS (
              INSERT INTO policy_payout (benefit_id, amount_yuan)
              SELECT id, amount_yuan FROM ins WHERE status = 'confirmed' AND amount_yuan IS NOT NULL RETURNING 1),
            told AS (
              INSERT INTO notification (user_id, kind, title, body)
              SELECT ins.user_id, n.kind, n.title, n.body
              FROM ins JOIN jsonb_to_recordset(${JSON.stringify(told)}::jsonb) AS n(policy_id bigint, status text, kind text, title text, body text)
                ON n.policy_id = ins.policy_id AND n.status = ins.status
              WHERE ins.user_id IS NOT NULL RETURNING 1)
          SELECT policy_id::int AS "policyId", status, count(*)::int AS n FROM ins GROUP BY policy_id, status`,
    );
    for (const c of counts) {
      const p = byId.get(Number(c.policyId))!;
      const n = Number(c.n);
      perPolicy.set(p.code, (perPolicy.get(p.code) ?? 0) + n);
      if (c.status === 'offered') offered += n;
      else matched += n;
      if (c.status === 'confirmed') confirmedByRules += n;
    }
  }
  const run: MatchRun = {
    policies: policies.length,
    profiles: profiles.length,
    pairs: policies.length * profiles.length,
    matched,
    offered,
    confirmedByRules,
    ms: Math.round(performance.now() - started),
  };
  if (matched + offered > 0)
    await writeAudit(db, ctx, {
      action: 'policies.match',
      targetType: 'policy_match',
      targetId: day,
      change: { ...run, perPolicy: Object.fromEntries(perPolicy) },
    });
  return run;
}

function noticeOf(p: PolicyView, status: BenefitStatus, userId: number) {
  const amount = p.amountYuan === null ? '' : `，金额 ${p.amountYuan} 元`;
  if (status === 'offered')
    return {
      userIds: [userId],
      kind: 'policy.offer',
      title: `快申快享：${p.title}`,
      body: `您可能符合“${p.title}”（${p.documentNumber}）的条件，部分条件需您确认。请在“我的政策待遇”中一键确认申请${amount}。`,
    };
  return {
    userIds: [userId],
    kind: 'policy.benefit',
    title: `免申即享：${p.title}`,
    body: `根据平台掌握的信息，您符合“${p.title}”（${p.documentNumber}）的全部条件，无需申请${amount}。${status === 'confirmed' ? '已由规则自动确认，待发放。' : '待主管部门确认后发放。'}`,
  };
}

/** The recurring match: hourly, at start too; profiles of the applicant accounts assembled afresh first. */
export const policyJobs: JobDefinition[] = [
  { name: 'rules.policy-match', everyMs: 60 * 60_000, atStart: false, run: (db, ctx) => runMatch(db, ctx, { refresh: true }) },
];

// ── Benefits ─────────────────────────────────────────────────────────────────────────────────────────────

const benefitFields = {
  b: policyBenefit,
  code: policy.code,
  title: policy.title,
  target: policy.target,
  content: policy.content,
  payoutStatus: policyPayout.status,
  payoutReference: policyPayout.reference,
  payoutPaidAt: policyPayout.paidAt,
};

type BenefitRow = {
  b: typeof policyBenefit.$inferSelect;
  code: string;
  title: string;
  target: string;
  content: unknown;
  payoutStatus: string | null;
  payoutReference: string | null;
  payoutPaidAt: string | null;
};

/** A benefit as read: the trace and explanation decided again from the values it kept and the frozen policy. */
function shapeBenefit(r: BenefitRow): BenefitView {
  const b = r.b;
  const e = explainValues(
    { target: r.target as PolicyView['target'], validFrom: '0000-01-01', validTo: null, content: r.content as PolicyView['content'] },
    b.facts as RuleValues,
  );
  return {
    id: Number(b.id),
    policyId: Number(b.policyId),
    policyCode: r.code,
    policyTitle: r.title,
    beneficiaryName: b.beneficiaryName,
    subjectMasked: maskSubject(b.subject),
    kind: b.kind as BenefitView['kind'],
    status: b.status as BenefitStatus,
    amountYuan: b.amountYuan === null ? null : Number(b.amountYuan),
    trace: e.decision.trace,
    explanationZh: e.explanationZh,
    explanationEn: e.explanationEn,
    confirmedBy: b.confirmedBy as BenefitView['confirmedBy'],
    rejectedReason: b.rejectedReason,
    payout: r.payoutStatus ? { status: r.payoutStatus as 'pending' | 'paid' | 'cancelled', reference: r.payoutReference, paidAt: iso(r.payoutPaidAt) } : null,
    matchedAt: iso(b.matchedAt),
    notifiedAt: iso(b.notifiedAt),
    appliedAt: iso(b.appliedAt),
    confirmedAt: iso(b.confirmedAt),
    settledAt: iso(b.settledAt),
    departmentId: Number(b.departmentId),
    regionCode: b.regionCode,
    version: b.version,
  };
}

function benefitQuery(db: Db, where: SQL | undefined) {
  return db
    .select(benefitFields)
    .from(policyBenefit)
    .innerJoin(policy, eq(policy.id, policyBenefit.policyId))
    .leftJoin(policyPayout, eq(policyPayout.benefitId, policyBenefit.id))
    .where(where);
}

export async function getBenefit(db: Db, id: number): Promise<BenefitView> {
  const [row] = await benefitQuery(db, eq(policyBenefit.id, id));
  if (!row) throw policyErrors.BENEFIT_NOT_FOUND({ id });
  return shapeBenefit(row);
}

/** Benefits within the officer's scope (the policy's department), newest first. */
export async function listBenefits(db: Db, q: { within: ScopeFilter; status?: BenefitStatus; policyId?: number; page: number; pageSize: number }) {
  const where: SQL[] = [scopeSql(q.within, sql`${policyBenefit.regionCode}`, sql`${policyBenefit.departmentId}`)];
  if (q.status) where.push(eq(policyBenefit.status, q.status));
  if (q.policyId) where.push(eq(policyBenefit.policyId, q.policyId));
  const rows = await benefitQuery(db, and(...where))
    .orderBy(desc(policyBenefit.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(policyBenefit)
    .where(and(...where));
  return { total: Number(total), items: rows.map(shapeBenefit) };
}

/** A subject's own benefits and offers, newest first. */
export async function benefitsOf(db: Db, subject: string): Promise<BenefitView[]> {
  const rows = await benefitQuery(db, eq(policyBenefit.subject, subject)).orderBy(desc(policyBenefit.id));
  return rows.map(shapeBenefit);
}

const ACTION_NOTICE: Record<BenefitAction, (title: string, extra: string) => { title: string; body: string } | null> = {
  accept: () => null,
  confirm: (title) => ({ title: `待遇已确认：${title}`, body: `您的“${title}”待遇已由主管部门确认，待发放。` }),
  pay: (title, ref) => ({ title: `待遇已发放：${title}`, body: `您的“${title}”待遇已发放${ref ? `（凭证号 ${ref}）` : ''}。` }),
  reject: (title, reason) => ({ title: `待遇未获确认：${title}`, body: `您的“${title}”待遇未获确认：${reason}` }),
};

/**
 * One step of a benefit (row version checked, the state table asked): the department confirms (a payout entry is
 * opened for an amount), pays (the entry is paid) or rejects (an open entry is cancelled); the beneficiary accepts
 * an offer. The beneficiary is told; one audit entry.
 */
export async function actOnBenefit(
  db: Db,
  ctx: RequestContext,
  id: number,
  action: BenefitAction,
  input: { version: number; reason?: string; reference?: string },
): Promise<BenefitView> {
  return db.transaction(async (tx) => {
    const [b] = await tx.select().from(policyBenefit).where(eq(policyBenefit.id, id)).for('update');
    if (!b) throw policyErrors.BENEFIT_NOT_FOUND({ id });
    if (b.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: b.version });
    const to = nextBenefitState(b.status, action);
    if (!to) throw policyErrors.BENEFIT_ILLEGAL_TRANSITION({ status: b.status, action });
    const now = sql`now()`;
    const set: Partial<typeof policyBenefit.$inferInsert> = { status: to, version: b.version + 1 };
    if (action === 'accept') set.appliedAt = now as unknown as string;
    if (action === 'confirm') Object.assign(set, { confirmedAt: now, confirmedBy: 'department', confirmedByUser: ctx.actor.username });
    if (action === 'pay' || action === 'reject') set.settledAt = now as unknown as string;
    if (action === 'reject') set.rejectedReason = input.reason ?? '';
    await tx.update(policyBenefit).set(set).where(eq(policyBenefit.id, id));
    if (action === 'confirm' && b.amountYuan !== null)
      await tx.insert(policyPayout).values({ benefitId: b.id, amountYuan: b.amountYuan }).onConflictDoNothing();
    if (action === 'pay')
      await tx
        .update(policyPayout)
        .set({ status: 'paid', paidAt: sql`now()`, paidBy: ctx.actor.username, reference: input.reference ?? null })
        .where(eq(policyPayout.benefitId, b.id));
    if (action === 'reject')
      await tx
        .update(policyPayout)
        .set({ status: 'cancelled' })
        .where(and(eq(policyPayout.benefitId, b.id), eq(policyPayout.status, 'pending')));
    const [p] = await tx.select({ title: policy.title }).from(policy).where(eq(policy.id, b.policyId));
    const notice = ACTION_NOTICE[action](p.title, action === 'pay' ? (input.reference ?? '') : (input.reason ?? ''));
    if (notice && b.userId !== null) await notify(tx, { userIds: [Number(b.userId)], kind: `policy.${action}`, ...notice });
    await writeAudit(tx, ctx, {
      action: (
        { accept: 'policies.benefit-accept', confirm: 'policies.benefit-confirm', pay: 'policies.benefit-pay', reject: 'policies.benefit-reject' } as const
      )[action],
      targetType: 'policy_benefit',
      targetId: b.id,
      change: { policyId: Number(b.policyId), from: b.status, to, amountYuan: b.amountYuan, reason: input.reason ?? null, reference: input.reference ?? null },
    });
    return getBenefit(tx, id);
  });
}

// ── Statistics ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Benefits granted without application (automatic ones confirmed or paid), amounts paid and pending, per policy, and
 * how many policies have matches — within the reader's scope (the policies' departments).
 */
export async function policyStats(db: Db, within: ScopeFilter) {
  const scope = scopeSql(within, sql`p.region_code`, sql`p.department_id`);
  const perPolicy = await queryRows<{
    policyId: number;
    code: string;
    title: string;
    automatic: boolean;
    matched: number;
    offered: number;
    withoutApplication: number;
    paid: number;
    paidYuan: string;
    pendingYuan: string;
    rejected: number;
  }>(
    db,
    sql`SELECT p.id::int AS "policyId", p.code, p.title, p.automatic,
               count(b.id) FILTER (WHERE b.kind = 'automatic')::int AS matched,
               count(b.id) FILTER (WHERE b.kind = 'quick')::int AS offered,
               count(b.id) FILTER (WHERE b.kind = 'automatic' AND b.status IN ('confirmed', 'paid'))::int AS "withoutApplication",
               count(b.id) FILTER (WHERE b.status = 'paid')::int AS paid,
               coalesce(sum(o.amount_yuan) FILTER (WHERE o.status = 'paid'), 0)::text AS "paidYuan",
               coalesce(sum(o.amount_yuan) FILTER (WHERE o.status = 'pending'), 0)::text AS "pendingYuan",
               count(b.id) FILTER (WHERE b.status = 'rejected')::int AS rejected
        FROM policy p
        LEFT JOIN policy_benefit b ON b.policy_id = p.id
        LEFT JOIN policy_payout o ON o.benefit_id = b.id
        WHERE p.status <> 'draft' AND ${scope}
        GROUP BY p.id ORDER BY p.id`,
  );
  const items = perPolicy.map((r) => ({
    ...r,
    policyId: Number(r.policyId),
    matched: Number(r.matched),
    offered: Number(r.offered),
    withoutApplication: Number(r.withoutApplication),
    paid: Number(r.paid),
    paidYuan: Number(r.paidYuan),
    pendingYuan: Number(r.pendingYuan),
    rejected: Number(r.rejected),
  }));
  const sum = (f: (r: (typeof items)[number]) => number) => items.reduce((s, r) => s + f(r), 0);
  return {
    totals: {
      policies: items.length,
      automaticPolicies: items.filter((r) => r.automatic).length,
      policiesWithMatches: items.filter((r) => r.matched + r.offered > 0).length,
      benefits: sum((r) => r.matched + r.offered),
      withoutApplication: sum((r) => r.withoutApplication),
      paidYuan: sum((r) => r.paidYuan),
      pendingYuan: sum((r) => r.pendingYuan),
    },
    perPolicy: items,
  };
}
