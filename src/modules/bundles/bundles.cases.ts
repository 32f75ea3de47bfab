import { and, desc, eq, or, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { runIdempotent, type Idempotent } from '../../platform/idempotency.ts';
import { iso } from '../../platform/time.ts';
import { can, type RoleGrant } from '../../platform/permissions.ts';
import { subscribe, type Subscription } from '../../platform/outbox.ts';
import { findImplementationByCode, frozenVersionContent } from '../catalog/index.ts';
import { findLicense } from '../licenses/index.ts';
import { getDepartment } from '../regions/index.ts';
import {
  bundleOfCase,
  caseDecided,
  casesOfBundles,
  CLOSED_STATUSES,
  createCasesForBundle,
  caseNumberInTransaction,
  nextCaseNumber,
  releaseBundleMember,
  resolveBundleApplicant,
  withdrawBundleMembers,
  submitBundleMembers,
  supplyBundleMaterial,
  materialsOfBundle,
} from '../cases/index.ts';
import { bundle, bundleCase, bundleVersion } from './bundles.schema.ts';
import { bundleErrors } from './bundles.errors.ts';
import type { Answer } from './bundles.core.ts';
import { checkAnswers, flowFromUpstream, memberAnswers, upstreamIncluded } from './bundles.cases.core.ts';
import { mayGoOn, partialOutcome } from './bundles.window.core.ts';
import { acceptReleasedMembers, windowView, type PartialOutcomeRecord } from './bundles.window.ts';
import { notify } from '../../platform/notify.ts';
import { evaluate, type PinnedMember } from './bundles.service.ts';
import type { BundleContent } from './bundles.types.ts';

// Applying for a bundle (一件事一次办, ADR 0036): one merged form, one submission with one Idempotency-Key, one receipt
// number; the member cases are created through the cases module's commands in the same transaction. Waiting members
// are released when what they depend on is granted (the cases.decided event); withdrawing the bundle withdraws its
// open members.

/** Who acts: the signed-in person, as the routes resolve it (the same shape the cases module's commands take). */
export interface BundleActor {
  ctx: RequestContext;
  userId: number;
  displayName: string;
  idNumber: string | null;
  grants: RoleGrant[];
}

/** A member as the bundle case records it. */
export interface BundleCaseMember {
  key: string;
  implementationCode: string;
  implementationVersionId: number;
  number: string;
  /** Held until its upstream members were granted. */
  waiting: boolean;
  /** As the decided events told (null: not decided yet). */
  outcome: string | null;
  /** Licences issued to it on its decision. */
  licenses: string[];
}

export interface ApplyBundleInput {
  bundleCode: string;
  answers: Record<string, Answer>;
  principalUserId?: number;
  applicant?: { kind: 'person' | 'organisation'; name: string; idNumber: string; contactName?: string; contactPhone?: string };
  contactPhone?: string;
  submit?: boolean;
}

export type BundleCaseStatus = 'draft' | 'open' | 'closed' | 'withdrawn';

export interface AppliedBundle {
  number: string;
  status: BundleCaseStatus;
  version: number;
  members: { key: string; number: string; status: string; waiting: boolean }[];
}

const BUNDLE_NUMBER_PREFIX = 'YJ';

/** The published version of a bundle by its code, with the members frozen with it. */
async function publishedByCode(db: Db, code: string) {
  const [row] = await db
    .select({ b: bundle, v: bundleVersion })
    .from(bundle)
    .innerJoin(bundleVersion, eq(bundleVersion.id, bundle.publishedVersionId))
    .where(eq(bundle.code, code));
  if (!row) throw bundleErrors.BUNDLE_NOT_FOUND({ code });
  if (row.b.status !== 'published') throw bundleErrors.BUNDLE_NOT_APPLICABLE({ code, status: row.b.status });
  return { b: row.b, v: row.v, content: row.v.content as BundleContent, pinned: row.v.members as PinnedMember[] };
}

/**
 * Case numbers for an application, taken before its transaction from the cases module's blocks (nextCaseNumber
 * needs the database itself): one per member of the published version and one for the receipt, by region. Taken
 * inside the transaction they would hold the region-and-day sequence row until commit and serialise every
 * application of the region (R10, ADR 0037). A member the conditions leave out, an application refused or replayed
 * leaves its numbers unused: case numbers have gaps already (a block is abandoned when a process stops), never
 * duplicates. Should the bundle or a member's region have changed since (a new version published meanwhile), the
 * missing number is taken inside the transaction.
 */
async function reserveNumbers(db: Db, bundleCode: string, day: string) {
  const byRegion = new Map<string, string[]>();
  // One statement: the bundle's region, its members and their implementations' regions (the catalogue's published
  // view; an implementation's region never changes, so the transaction numbers each member by it without reading it again).
  const [row] = await queryRows<{ region_code: string; members: PinnedMember[] | string; regions: Record<string, string> | string | null }>(
    db,
    sql`SELECT b.region_code, v.members,
          (SELECT jsonb_object_agg(i.code, i.region_code) FROM pub_catalog_implementation i
            WHERE i.code IN (SELECT m->>'implementationCode' FROM jsonb_array_elements(v.members) m)) AS regions
        FROM ${bundle} b JOIN ${bundleVersion} v ON v.id = b.published_version_id
        WHERE b.code = ${bundleCode}`,
  );
  const regionOf = new Map<string, string>();
  if (row) {
    const json = <T>(x: T | string): T => (typeof x === 'string' ? (JSON.parse(x) as T) : x);
    const members = json(row.members);
    for (const [code, region] of Object.entries(json(row.regions) ?? {})) regionOf.set(code, region);
    const regions = [row.region_code, ...members.map((p) => regionOf.get(p.implementationCode) ?? row.region_code)];
    for (const region of regions) byRegion.set(region, [...(byRegion.get(region) ?? []), await nextCaseNumber(db, region, day)]);
  }
  return {
    take: async (tx: Db, region: string) => byRegion.get(region)?.shift() ?? caseNumberInTransaction(tx, region, day),
    /** A member implementation's region, as read before the transaction (read now when the version changed meanwhile). */
    regionOf: async (tx: Db, code: string) => regionOf.get(code) ?? (await findImplementationByCode(tx, code))?.regionCode,
  };
}

/**
 * Applies once for a published bundle: the answers are checked against the merged form as the conditions narrow it,
 * mapped onto each included member's form, and each member case is created in its department's queue — submitted
 * at once, or held as a draft while a member it depends on is not yet granted. One transaction: a member that
 * cannot be filed (its implementation suspended, its answers refused) files nothing, and the error names it. One
 * Idempotency-Key: a repeat replays the first reply.
 */
export async function applyForBundle(db: Db, actor: BundleActor, input: ApplyBundleInput, key: string | undefined): Promise<Idempotent<AppliedBundle>> {
  const day = today();
  const numbers = await reserveNumbers(db, input.bundleCode, day);
  return runIdempotent(db, `bundle-case:${actor.userId}`, key, input, async (tx) => {
    const { b, v, content, pinned } = await publishedByCode(tx, input.bundleCode);
    // Answers are checked against the whole merged form (a field of a member the conditions leave out is ignored,
    // not refused: the applicant may have answered it before changing the condition); the members get the rest.
    checkAnswers((await evaluate(tx, b.regionCode, content, { pinned })).form, input.answers, { complete: false });
    const evaluation = await evaluate(tx, b.regionCode, content, { answers: input.answers, pinned });
    const kept = new Set(evaluation.form.map((f) => f.key));
    const given = Object.fromEntries(Object.entries(input.answers).filter(([k]) => kept.has(k)));
    const included = new Set(evaluation.members.filter((m) => m.included).map((m) => m.key));
    const applicant = await resolveBundleApplicant(tx, actor, {
      regionCode: b.regionCode,
      implementationCodes: pinned.filter((p) => included.has(p.key)).map((p) => p.implementationCode),
      principalUserId: input.principalUserId,
      applicant: input.applicant,
      contactPhone: input.contactPhone,
    });
    const answers = memberAnswers(evaluation.form, given, included);
    const members: BundleCaseMember[] = [];
    for (const m of content.members.filter((x) => included.has(x.key))) {
      const p = pinned.find((x) => x.key === m.key)!;
      const region = await numbers.regionOf(tx, p.implementationCode);
      members.push({
        key: m.key,
        implementationCode: p.implementationCode,
        implementationVersionId: p.implementationVersionId,
        number: await numbers.take(tx, region ?? b.regionCode),
        waiting: upstreamIncluded(content.members, m.key, included).length > 0,
        outcome: null,
        licenses: [],
      });
    }
    const number = `${BUNDLE_NUMBER_PREFIX}${await numbers.take(tx, b.regionCode)}`;
    const [row] = await tx
      .insert(bundleCase)
      .values({
        number,
        bundleId: b.id,
        bundleVersionId: v.id,
        regionCode: b.regionCode,
        departmentId: b.departmentId,
        status: input.submit ? 'open' : 'draft',
        channel: applicant.channel,
        ownerUserId: applicant.ownerUserId,
        agentUserId: applicant.agentUserId,
        enteredByUserId: applicant.enteredByUserId,
        applicantKind: applicant.kind,
        applicantName: applicant.name,
        applicantIdNumber: applicant.idNumber.toUpperCase(),
        answers: given,
        members,
        createdByUserId: actor.userId,
        idempotencyKey: key!,
      })
      .returning();
    const created = await createCasesForBundle(tx, actor, {
      bundleCaseId: row.id,
      bundleNumber: number,
      applicant,
      members: members.map((m) => ({ ...m, formData: answers.get(m.key) ?? {} })),
      submit: input.submit ?? false,
    });
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.apply',
      targetType: 'bundle_case',
      targetId: number,
      change: {
        bundle: b.code,
        versionNumber: v.number,
        channel: applicant.channel,
        status: input.submit ? 'open' : 'draft',
        members: members.map((m) => ({ key: m.key, number: m.number, waiting: m.waiting })),
      },
    });
    return {
      status: 201,
      body: {
        number,
        status: (input.submit ? 'open' : 'draft') as BundleCaseStatus,
        version: 1,
        members: created.map((c) => ({ key: c.key, number: c.number, status: c.status, waiting: members.find((m) => m.key === c.key)!.waiting })),
      },
    };
  });
}

// ── Release: the cases.decided event ────────────────────────────────────────────────────────────────────

async function lockBundleCase(tx: Db, id: number) {
  const [row] = await tx.select().from(bundleCase).where(eq(bundleCase.id, id)).for('update');
  return row;
}

/**
 * A member case was decided: its outcome and licences are recorded on the bundle case. Granted: each waiting member
 * whose upstream members are now all granted is released with what flows from their licences (and, the bundle
 * accepted already, accepted with it: ADR 0037). Not granted: the bundle's policy (onMemberRefused) continues,
 * holds or withdraws the members that depend on it, and the applicant is told once (ADR 0037). A bundle case whose
 * members are all closed is closed.
 */
export async function onMemberDecided(
  tx: Db,
  payload: { number: string; bundleCaseId: number | null; memberKey: string | null; outcome: string | null; licenses: string[] },
) {
  if (payload.bundleCaseId === null || payload.memberKey === null) return;
  const row = await lockBundleCase(tx, payload.bundleCaseId);
  if (!row) return;
  const members = (row.members as BundleCaseMember[]).map((m) =>
    m.key === payload.memberKey ? { ...m, outcome: payload.outcome, licenses: [...new Set([...m.licenses, ...payload.licenses])] } : m,
  );
  const ctx = systemContext('bundles.release');
  let partialOutcomes = row.partialOutcomes as PartialOutcomeRecord[];
  if (row.status === 'open') {
    const [v] = await tx.select().from(bundleVersion).where(eq(bundleVersion.id, row.bundleVersionId));
    const content = v.content as BundleContent;
    const policy = content.onMemberRefused;
    const included = new Set(members.map((m) => m.key));
    const outcomes = new Map(members.map((m) => [m.key, m.outcome]));
    if (payload.outcome !== '0') {
      const progress = await casesOfBundles(tx, [row.id]);
      const closed = new Set(progress.filter((c) => (CLOSED_STATUSES as readonly string[]).includes(c.status)).map((c) => c.memberKey));
      const effect = partialOutcome(content.members, payload.memberKey, included, policy, closed);
      const numbers = (keys: string[]) => keys.map((k) => members.find((m) => m.key === k)!.number);
      const withdrawn = await withdrawBundleMembers(
        tx,
        { ctx, userId: null, displayName: '一件事部分办结' },
        row.id,
        `前置事项未获准予（${payload.number}），按一件事规则撤回`,
        numbers(effect.withdrawn),
      );
      for (const m of members) if (withdrawn.includes(m.number)) m.waiting = false;
      const record: PartialOutcomeRecord = { member: payload.memberKey, outcome: payload.outcome ?? '', ...effect, on: today() };
      partialOutcomes = [...partialOutcomes, record];
      await writeAudit(tx, ctx, { action: 'bundle-case.partial-outcome', targetType: 'bundle_case', targetId: row.number, change: record });
      const said = { continue: '其余事项继续办理', hold: '依赖该事项的其他事项暂停办理，您可撤回本一件事', withdraw: '依赖该事项的其他事项已撤回' }[policy];
      const affected = [...effect.held, ...effect.withdrawn, ...effect.continued];
      await notify(tx, {
        userIds: [row.ownerUserId, row.agentUserId],
        kind: 'bundle',
        title: '一件事：有事项未获准予',
        body: `一件事 ${row.number} 中办件 ${payload.number} 未获准予；${affected.length ? said : '其余事项不受影响，继续办理'}。`,
      });
    }
    const { form } = await evaluate(tx, row.regionCode, content, { answers: row.answers as Record<string, Answer>, pinned: v.members as PinnedMember[] });
    const submitted: { key: string; number: string }[] = [];
    for (const m of members) {
      if (!m.waiting || m.outcome !== null || !mayGoOn(content.members, m.key, included, outcomes, policy)) continue;
      const upstream = upstreamIncluded(content.members, m.key, included)
        .map((k) => members.find((x) => x.key === k)!)
        .filter((u) => u.outcome === '0');
      const licenses = upstream.flatMap((u) => u.licenses.map((identifier) => ({ member: u.key, identifier })));
      const data: { member: string; data: Record<string, unknown> }[] = [];
      for (const l of licenses) {
        const found = await findLicense(tx, l.identifier);
        if (!found) continue;
        const sealed: unknown = typeof found.data === 'string' ? JSON.parse(found.data) : found.data;
        data.push({ member: l.member, data: sealed && typeof sealed === 'object' ? (sealed as Record<string, unknown>) : {} });
      }
      const released = await releaseBundleMember(tx, ctx, m.number, {
        formData: flowFromUpstream(form, m.key, data),
        licenses: licenses.map((l) => l.identifier),
      });
      if (released) m.waiting = false;
      if (released?.submitted) submitted.push({ key: m.key, number: m.number });
    }
    // Accepted once at the window: a member released afterwards is accepted with the bundle.
    await acceptReleasedMembers(tx, row, submitted);
  }
  const progress = await casesOfBundles(tx, [row.id]);
  const allClosed = progress.length > 0 && progress.every((c) => (CLOSED_STATUSES as readonly string[]).includes(c.status));
  await tx
    .update(bundleCase)
    .set({ members, partialOutcomes, status: row.status === 'open' && allClosed ? 'closed' : row.status, updatedAt: sql`now()` })
    .where(eq(bundleCase.id, row.id));
  if (row.status === 'open' && allClosed) {
    await writeAudit(tx, ctx, { action: 'bundle-case.close', targetType: 'bundle_case', targetId: row.number, change: { from: 'open', to: 'closed' } });
    const decided = progress.filter((c) => c.status === 'decided').length;
    if (decided)
      await notify(tx, {
        userIds: [row.ownerUserId, row.agentUserId],
        kind: 'bundle',
        title: '一件事已全部办结',
        body: `一件事 ${row.number} 的各事项均已办结，请等待窗口一次送达 ${decided} 项办理结果。`,
      });
  }
}

export const bundlesSubscriptions: Subscription[] = [subscribe(caseDecided, 'bundles.release-waiting-members', (tx, payload) => onMemberDecided(tx, payload))];

// ── Withdrawal ──────────────────────────────────────────────────────────────────────────────────────────

const isApplicant = (row: { ownerUserId: number | null; agentUserId: number | null }, userId: number) =>
  (row.ownerUserId !== null && Number(row.ownerUserId) === userId) || (row.agentUserId !== null && Number(row.agentUserId) === userId);

/** Withdraws the bundle case and every open member case with it (its row version checked; one reason for all). */
export async function withdrawBundleCase(db: Db, actor: BundleActor, number: string, input: { version: number; reason: string }) {
  if (!input.reason.trim()) throw bundleErrors.BUNDLE_REASON_REQUIRED({ action: 'withdraw' });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(bundleCase).where(eq(bundleCase.number, number)).for('update');
    if (!row) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ number });
    if (!isApplicant(row, actor.userId)) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
    if (row.version !== input.version) throw bundleErrors.BUNDLE_CASE_VERSION_CONFLICT({ current: row.version });
    if (row.status !== 'open' && row.status !== 'draft') throw bundleErrors.BUNDLE_CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'withdraw' });
    const withdrawn = await withdrawBundleMembers(tx, actor, row.id, input.reason.trim());
    const members = (row.members as BundleCaseMember[]).map((m) => ({ ...m, waiting: withdrawn.includes(m.number) ? false : m.waiting }));
    const [after] = await tx
      .update(bundleCase)
      .set({ status: 'withdrawn', withdrawnReason: input.reason.trim(), members, version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(bundleCase.id, row.id))
      .returning();
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.withdraw',
      targetType: 'bundle_case',
      targetId: number,
      change: { from: row.status, to: 'withdrawn', reason: input.reason.trim(), members: withdrawn },
    });
    return { number, status: after.status as BundleCaseStatus, version: after.version, withdrawn };
  });
}

// ── A draft bundle case: one set of materials, one submission ─────────────────────────────────────────────

/** Locks the applicant's draft bundle case (its row version checked when given). */
async function lockDraft(tx: Db, actor: BundleActor, number: string, version?: number, opts: { correction?: boolean } = {}) {
  const [row] = await tx.select().from(bundleCase).where(eq(bundleCase.number, number)).for('update');
  if (!row) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ number });
  const atWindow = row.channel === 'window' && can(actor.grants, 'cases.accept', { regionCode: row.regionCode });
  if (!isApplicant(row, actor.userId) && !atWindow) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
  if (version !== undefined && row.version !== version) throw bundleErrors.BUNDLE_CASE_VERSION_CONFLICT({ current: row.version });
  // Materials are also supplied once in answer to the bundle's correction notice (ADR 0037).
  const answering = opts.correction && row.status === 'open' && row.correction !== null;
  if (row.status !== 'draft' && !answering) throw bundleErrors.BUNDLE_CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'edit' });
  return row;
}

/** The merged materials of a bundle case: as its version and its answers (the members its conditions included) give them. */
async function mergedMaterialsOf(db: Db, row: BundleCaseRow) {
  const [v] = await db.select().from(bundleVersion).where(eq(bundleVersion.id, row.bundleVersionId));
  const evaluation = await evaluate(db, row.regionCode, v.content as BundleContent, {
    answers: row.answers as Record<string, Answer>,
    pinned: v.members as PinnedMember[],
  });
  return evaluation.materials;
}

/**
 * Supplies one merged material once (一套材料): the same file, or a pledge, for every member case that asks for it.
 * Only while the bundle case is a draft (as for a case, materials come before the submission).
 */
export async function supplyBundleMaterialOnce(
  db: Db,
  actor: BundleActor,
  number: string,
  identity: string,
  supplied: { mode: 'upload'; fileDigest: string; fileName: string } | { mode: 'pledge' },
) {
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, actor, number, undefined, { correction: true });
    const material = (await mergedMaterialsOf(tx, row)).find((m) => m.identity === identity);
    if (!material) throw bundleErrors.BUNDLE_MATERIAL_UNKNOWN({ identity });
    const byKey = new Map((row.members as BundleCaseMember[]).map((m) => [m.key, m.number]));
    const targets = material.members
      .filter((m) => byKey.has(m.member))
      .map((m) => ({ member: m.member, number: byKey.get(m.member)!, materialKey: m.material }));
    await supplyBundleMaterial(tx, actor, targets, supplied);
    await tx
      .update(bundleCase)
      .set({ version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(bundleCase.id, row.id));
    await writeAudit(tx, actor.ctx, {
      action: `bundle-case.material.${supplied.mode}`,
      targetType: 'bundle_case',
      targetId: number,
      change: { identity, members: targets.map((t) => t.member), digest: supplied.mode === 'upload' ? supplied.fileDigest : null },
    });
    return { identity, mode: supplied.mode, members: targets.map((t) => t.member), version: row.version + 1 };
  });
}

/** Checks that the applicant may supply materials to this draft (before a file is stored). */
export async function assertMaySupply(db: Db, actor: BundleActor, number: string) {
  await db.transaction((tx) => lockDraft(tx, actor, number, undefined, { correction: true }));
}

/**
 * The one submission of a draft bundle case: every member not waiting for another is submitted into its
 * department's queue (its form complete, or the whole submission is refused naming the member); members waiting
 * for upstream members stay held until those are granted.
 */
export async function submitBundleCase(db: Db, actor: BundleActor, number: string, input: { version: number }) {
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, actor, number, input.version);
    const members = row.members as BundleCaseMember[];
    const submitted = await submitBundleMembers(
      tx,
      actor,
      number,
      members.filter((m) => !m.waiting).map((m) => ({ key: m.key, number: m.number })),
    );
    const [after] = await tx
      .update(bundleCase)
      .set({ status: 'open', version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(bundleCase.id, row.id))
      .returning();
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.submit',
      targetType: 'bundle_case',
      targetId: number,
      change: { from: 'draft', to: 'open', submitted: submitted.map((s) => s.key), waiting: members.filter((m) => m.waiting).map((m) => m.key) },
    });
    return {
      number,
      status: after.status as BundleCaseStatus,
      version: after.version,
      members: members.map((m) => ({ key: m.key, number: m.number, status: m.waiting ? 'draft' : 'submitted', waiting: m.waiting })),
    };
  });
}

/** The merged materials with what was supplied for each (the members that have it). */
async function materialProgress(db: Db, row: BundleCaseRow) {
  const supplied = await materialsOfBundle(db, row.id);
  return (await mergedMaterialsOf(db, row)).map((m) => {
    const modes = m.members.map((x) => supplied.find((s) => s.memberKey === x.member && s.materialKey === x.material)?.mode ?? null);
    return {
      identity: m.identity,
      name: m.name,
      required: m.required,
      exempt: m.exempt,
      members: m.members.map((x) => x.member),
      supplied: modes.every((x) => x !== null && x !== 'gap') ? (modes[0] as string) : null,
    };
  });
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────

type BundleCaseRow = typeof bundleCase.$inferSelect;

async function memberProgress(db: Db, rows: BundleCaseRow[]) {
  const progress = await casesOfBundles(
    db,
    rows.map((r) => r.id),
  );
  const versions = new Map<number, { content: BundleContent; pinned: PinnedMember[] }>();
  for (const id of new Set(rows.map((r) => r.bundleVersionId))) {
    const [v] = await db.select().from(bundleVersion).where(eq(bundleVersion.id, id));
    versions.set(id, { content: v.content as BundleContent, pinned: v.members as PinnedMember[] });
  }
  const names = new Map<number, string>();
  const deptName = async (id: number) => {
    if (!names.has(id))
      names.set(
        id,
        await getDepartment(db, id).then(
          (d) => d.name,
          () => '',
        ),
      );
    return names.get(id)!;
  };
  const out = new Map<number, Awaited<ReturnType<typeof membersOf>>>();
  async function membersOf(row: BundleCaseRow) {
    const v = versions.get(row.bundleVersionId)!;
    const list = [];
    for (const m of row.members as BundleCaseMember[]) {
      const c = progress.find((p) => p.bundleCaseId === row.id && p.memberKey === m.key);
      const def = v.content.members.find((d) => d.key === m.key);
      const impl = await findImplementationByCode(db, m.implementationCode);
      list.push({
        key: m.key,
        name: (await frozenVersionContent(db, m.implementationVersionId)).name,
        implementationCode: m.implementationCode,
        departmentId: c?.departmentId ?? impl?.departmentId ?? 0,
        departmentName: await deptName(c?.departmentId ?? impl?.departmentId ?? 0),
        dependsOn: def?.dependsOn ?? [],
        number: m.number,
        status: c?.status ?? 'draft',
        waiting: c?.waiting ?? m.waiting,
        outcome: c?.outcome ?? null,
        receivedOn: c?.receivedOn ?? null,
        decidedOn: c?.decidedOn ?? null,
      });
    }
    return list;
  }
  for (const r of rows) out.set(r.id, await membersOf(r));
  return { out, versions };
}

async function bundleNames(db: Db, ids: number[]) {
  const map = new Map<number, { code: string; name: string }>();
  for (const id of new Set(ids)) {
    const [b] = await db.select({ code: bundle.code, name: bundle.name }).from(bundle).where(eq(bundle.id, id));
    if (b) map.set(id, b);
  }
  return map;
}

/** My bundle cases (as their applicant, or the agent acting for it), newest first, with their members' progress. */
export async function myBundleCases(db: Db, userId: number) {
  const rows = await db
    .select()
    .from(bundleCase)
    .where(or(eq(bundleCase.ownerUserId, userId), eq(bundleCase.agentUserId, userId)))
    .orderBy(desc(bundleCase.id))
    .limit(200);
  const { out } = await memberProgress(db, rows);
  const names = await bundleNames(
    db,
    rows.map((r) => r.bundleId),
  );
  return rows.map((r) => ({
    number: r.number,
    bundleCode: names.get(r.bundleId)?.code ?? '',
    bundleName: names.get(r.bundleId)?.name ?? '',
    status: r.status as BundleCaseStatus,
    createdAt: iso(r.createdAt)!,
    version: r.version,
    members: out.get(r.id)!,
  }));
}

/**
 * One bundle case as one thing, with its members' progress: for its applicant (or the agent acting for it) and for
 * the window clerks of its region (前台综合受理). A department's reviewer sees its member case and the bundle's
 * context through memberContext instead.
 */
export async function bundleCaseDetail(db: Db, viewer: { userId: number; grants: RoleGrant[] }, number: string) {
  const [row] = await db.select().from(bundleCase).where(eq(bundleCase.number, number));
  if (!row) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ number });
  if (!isApplicant(row, viewer.userId) && !can(viewer.grants, 'cases.accept', { regionCode: row.regionCode })) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
  const { out, versions } = await memberProgress(db, [row]);
  const names = await bundleNames(db, [row.bundleId]);
  const [v] = await db.select({ number: bundleVersion.number }).from(bundleVersion).where(eq(bundleVersion.id, row.bundleVersionId));
  return {
    number: row.number,
    bundleCode: names.get(row.bundleId)?.code ?? '',
    bundleName: names.get(row.bundleId)?.name ?? '',
    versionNumber: v.number,
    status: row.status as BundleCaseStatus,
    channel: row.channel,
    applicantName: row.applicantName,
    applicantKind: row.applicantKind as 'person' | 'organisation',
    answers: row.answers as Record<string, Answer>,
    steps: versions.get(row.bundleVersionId)!.content.steps,
    withdrawnReason: row.withdrawnReason,
    createdAt: iso(row.createdAt)!,
    version: row.version,
    members: out.get(row.id)!,
    mayWithdraw: (row.status === 'open' || row.status === 'draft') && isApplicant(row, viewer.userId),
    maySubmit: row.status === 'draft' && isApplicant(row, viewer.userId),
    materials: await materialProgress(db, row),
    window: await windowView(db, row, viewer),
  };
}

/**
 * The bundle context of a member case, for whoever may handle that case (its department's reviewers and
 * supervisors, the window of its region) or its applicant: the bundle's name and receipt number, this member, and
 * each member's name, department, dependencies and status — no answers, no applicant data, no other case numbers.
 */
export async function memberContext(db: Db, viewer: { userId: number; grants: RoleGrant[] }, caseNumber: string) {
  const link = await bundleOfCase(db, caseNumber);
  if (!link) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ caseNumber });
  const scope = { regionCode: link.regionCode, departmentId: link.departmentId };
  const [row] = await db.select().from(bundleCase).where(eq(bundleCase.id, link.bundleCaseId));
  if (!row) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ caseNumber });
  const handles =
    can(viewer.grants, 'cases.review', scope) ||
    can(viewer.grants, 'cases.supervise', scope) ||
    can(viewer.grants, 'cases.accept', { regionCode: link.regionCode });
  if (!handles && !isApplicant(row, viewer.userId)) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
  const { out } = await memberProgress(db, [row]);
  const names = await bundleNames(db, [row.bundleId]);
  return {
    bundleNumber: row.number,
    bundleCode: names.get(row.bundleId)?.code ?? '',
    bundleName: names.get(row.bundleId)?.name ?? '',
    status: row.status as BundleCaseStatus,
    memberKey: link.memberKey,
    members: out.get(row.id)!.map(({ number: n, ...m }) => ({ ...m, isThisCase: n === caseNumber })),
  };
}

/** Bundle cases of a user, counted (the statistics' and tests' reading; not a route). */
export async function countBundleCases(db: Db, where: { bundleId?: number; createdByUserId?: number }) {
  const conds = [sql`true`];
  if (where.bundleId) conds.push(eq(bundleCase.bundleId, where.bundleId));
  if (where.createdByUserId) conds.push(eq(bundleCase.createdByUserId, where.createdByUserId));
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bundleCase)
    .where(and(...conds));
  return Number(r.n);
}
