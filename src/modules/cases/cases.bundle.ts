import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { validateSubmission } from '../../platform/forms.ts';
import { can, type RoleGrant } from '../../platform/permissions.ts';
import { findImplementationsByCodes } from '../catalog/index.ts';
import { activeMandate, mandateErrors } from '../mandates/index.ts';
import { userIdByIdNumber } from '../accounts/index.ts';
import { effectiveStatus, findLicense } from '../licenses/index.ts';
import { caseErrors } from './cases.errors.ts';
import { draftFormError } from './cases.apply.ts';
import { bindIdentity } from './cases.identity.ts';
import { CLOSED_STATUSES, type CaseStatus } from './cases.state.ts';
import type { Actor } from './cases.act.ts';
import {
  addEvent,
  addEvents,
  caseColumns,
  caseContent,
  notify,
  notifyWindowClerks,
  saveMaterialRow,
  updateCase,
  type MaterialValues,
} from './cases.repository.ts';
import { pledgeText } from './cases.materials.ts';
import { caseMaterial, serviceCase } from './cases.schema.ts';

// The cases module's commands for bundles (一件事一次办, ADR 0036): the bundles module creates, releases and withdraws
// member cases only through these, inside its own transaction; cases never reads bundles' tables (the link is a plain
// id on service_case).

export interface BundleApplicant {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  contactName?: string;
  contactPhone?: string;
  channel: 'web' | 'window' | 'agent';
  ownerUserId: number | null;
  agentUserId: number | null;
  mandateId: number | null;
  enteredByUserId: number | null;
}

const hasRole = (grants: RoleGrant[], role: string) => grants.some((g) => g.role === role);

/**
 * Who applies for a bundle, as for one case (applyForCase): applicants for themselves; an agent for its principal,
 * under a mandate covering every member implementation; a window clerk of the bundle's region naming the applicant.
 */
export async function resolveBundleApplicant(
  db: Db,
  actor: Actor,
  input: {
    regionCode: string;
    implementationCodes: string[];
    principalUserId?: number;
    applicant?: { kind: 'person' | 'organisation'; name: string; idNumber: string; contactName?: string; contactPhone?: string };
    contactPhone?: string;
  },
): Promise<BundleApplicant> {
  const asClerk = !can(actor.grants, 'cases.apply') && can(actor.grants, 'cases.accept', { regionCode: input.regionCode });
  if (!can(actor.grants, 'cases.apply') && !asClerk) throw caseErrors.CASE_NOT_YOURS({ reason: 'the window of another region' });
  let out: BundleApplicant;
  if (asClerk) {
    if (!input.applicant) throw caseErrors.CASE_APPLICANT_INVALID({ reason: 'name the applicant you act for' });
    out = {
      ...input.applicant,
      channel: 'window',
      ownerUserId: (await userIdByIdNumber(db, input.applicant.idNumber)) ?? null,
      agentUserId: null,
      mandateId: null,
      enteredByUserId: actor.userId,
    };
  } else if (hasRole(actor.grants, 'agent')) {
    if (!input.principalUserId) throw mandateErrors.MANDATE_PRINCIPAL_REQUIRED();
    let mandate: Awaited<ReturnType<typeof activeMandate>> | undefined;
    for (const code of input.implementationCodes) {
      mandate = await activeMandate(db, actor.userId, input.principalUserId, code, today());
      if (!mandate) throw mandateErrors.MANDATE_NOT_GRANTED({ principalUserId: input.principalUserId, implementation: code });
    }
    const { kind, name, idNumber, userId } = mandate!.principal;
    out = {
      kind,
      name,
      idNumber,
      contactName: actor.displayName,
      contactPhone: input.contactPhone,
      channel: 'agent',
      ownerUserId: userId,
      agentUserId: actor.userId,
      mandateId: mandate!.id,
      enteredByUserId: null,
    };
  } else {
    if (!actor.idNumber) throw caseErrors.CASE_APPLICANT_INVALID({ reason: 'your account has no ID number or USCC' });
    out = {
      kind: hasRole(actor.grants, 'applicant_org') ? 'organisation' : 'person',
      name: actor.displayName,
      idNumber: actor.idNumber,
      contactPhone: input.contactPhone,
      channel: 'web',
      ownerUserId: actor.userId,
      agentUserId: null,
      mandateId: null,
      enteredByUserId: null,
    };
  }
  const idCheck = out.kind === 'person' ? checkIdNumber(out.idNumber) : checkUscc(out.idNumber);
  if (!idCheck.valid) throw caseErrors.CASE_APPLICANT_INVALID({ reason: idCheck.reason, reasonZh: idCheck.reasonZh });
  return out;
}

export interface BundleMemberInput {
  key: string;
  implementationCode: string;
  /** The implementation version the bundle version was published with: the member case is filed under it. */
  implementationVersionId: number;
  /** A case number taken before the transaction (nextCaseNumber needs the database itself). */
  number: string;
  formData: Record<string, unknown>;
  /** Held as a draft until the members it depends on are granted. */
  waiting: boolean;
}

/**
 * Creates the member cases of a bundle case in the caller's transaction: each member submitted at once (its form
 * checked whole) or held as a draft while it waits for its upstream members (its form checked as a draft). A member
 * whose implementation is not published now, or whose form is refused, refuses the whole bundle: the error names
 * the member, and the caller's transaction creates nothing.
 */
export async function createCasesForBundle(
  tx: Db,
  actor: Pick<Actor, 'ctx' | 'userId' | 'displayName'>,
  input: { bundleCaseId: number; bundleNumber: string; applicant: BundleApplicant; members: BundleMemberInput[]; submit: boolean },
): Promise<{ key: string; number: string; status: CaseStatus; departmentId: number }[]> {
  const a = input.applicant;
  const day = today();
  const out: { key: string; number: string; status: CaseStatus; departmentId: number }[] = [];
  const impls = await findImplementationsByCodes(
    tx,
    input.members.map((m) => m.implementationCode),
  );
  for (const m of input.members) {
    const impl = impls.get(m.implementationCode);
    if (!impl || impl.status !== 'published')
      throw caseErrors.CASE_BUNDLE_MEMBER_UNAVAILABLE({ member: m.key, code: m.implementationCode, status: impl?.status ?? null });
    const content = await caseContent(tx, { implementationVersionId: m.implementationVersionId });
    const draftError = draftFormError(content.form, m.formData);
    if (draftError)
      throw caseErrors.CASE_BUNDLE_MEMBER_INVALID({ member: m.key, code: m.implementationCode, cause: (draftError as { code?: string }).code ?? null });
    const bound = bindIdentity(content.form, a, m.formData);
    if (bound.problems.length) throw caseErrors.CASE_BUNDLE_MEMBER_INVALID({ member: m.key, code: m.implementationCode, problems: bound.problems });
    // Held: a draft until the bundle is submitted (materials are supplied to it meanwhile), or until its upstream
    // members are granted.
    const held = m.waiting || !input.submit;
    if (!held) {
      const problems = validateSubmission(content.form, bound.data);
      if (problems.length) throw caseErrors.CASE_BUNDLE_MEMBER_INVALID({ member: m.key, code: m.implementationCode, problems });
    }
    const status: CaseStatus = held ? 'draft' : 'submitted';
    const [row] = await tx
      .insert(serviceCase)
      .values({
        number: m.number,
        implementationId: impl.id,
        implementationVersionId: m.implementationVersionId,
        departmentId: impl.departmentId,
        regionCode: impl.regionCode,
        status,
        channel: a.channel,
        ownerUserId: a.ownerUserId,
        agentUserId: a.agentUserId,
        mandateId: a.mandateId,
        enteredByUserId: a.enteredByUserId,
        applicantKind: a.kind,
        applicantName: a.name,
        applicantIdType: a.kind === 'person' ? '111' : '001',
        applicantIdNumber: a.idNumber.toUpperCase(),
        contactName: a.contactName ?? null,
        contactPhone: a.contactPhone ?? null,
        formData: bound.data,
        visits: a.channel === 'window' ? 1 : 0,
        receivedAt: held ? null : sql`now()`,
        receivedOn: held ? null : day,
        bundleCaseId: input.bundleCaseId,
        bundleMemberKey: m.key,
        bundleWaiting: held,
        version: held ? 1 : 2,
      })
      .returning(caseColumns());
    const who = { userId: actor.userId, name: actor.displayName };
    await addEvents(tx, row, who, [
      { type: 'created', data: { channel: a.channel, bundle: input.bundleNumber, member: m.key } },
      ...(held ? [] : [{ type: 'submitted', data: { channel: a.channel, bundle: input.bundleNumber } }]),
    ]);
    await writeAudit(tx, actor.ctx, {
      action: 'case.create',
      targetType: 'case',
      targetId: m.number,
      change: { implementation: impl.code, channel: a.channel, applicant: a.kind, status, bundle: input.bundleNumber, member: m.key, held },
    });
    if (!held)
      await notifyWindowClerks(
        tx,
        row,
        actor.userId,
        '新的申请待受理',
        `${a.name} 申请「${content.name}」（一件事 ${input.bundleNumber}），办件编号 ${m.number}，请及时受理。`,
      );
    out.push({ key: m.key, number: m.number, status, departmentId: impl.departmentId });
  }
  return out;
}

/**
 * Releases a waiting member: the answers produced upstream are written into its form, the licences issued upstream
 * are attached to its materials of their type (免提交), and it is submitted when its form is now complete; otherwise
 * it stays a draft for the applicant to complete, who is told. Does nothing to a member no longer waiting.
 */
export async function releaseBundleMember(
  tx: Db,
  ctx: RequestContext,
  number: string,
  input: { formData: Record<string, unknown>; licenses: string[] },
): Promise<{ number: string; status: CaseStatus; submitted: boolean } | null> {
  const [row] = await tx.select(caseColumns()).from(serviceCase).where(eq(serviceCase.number, number)).for('update');
  if (!row || !row.bundleWaiting || row.status !== 'draft') return null;
  const content = await caseContent(tx, row);
  const attached: { key: string; identifier: string }[] = [];
  for (const identifier of input.licenses) {
    const l = await findLicense(tx, identifier);
    if (!l || effectiveStatus(l) !== 'valid') continue;
    for (const m of content.materials.filter((x) => x.licenseTypeCode && x.licenseTypeCode === l.typeCode)) {
      await tx
        .insert(caseMaterial)
        .values({ caseId: row.id, materialKey: m.key, mode: 'license', licenseRef: l.identifier })
        .onConflictDoUpdate({
          target: [caseMaterial.caseId, caseMaterial.materialKey],
          set: { mode: 'license', licenseRef: l.identifier, fileDigest: null, fileName: null, pledgeText: null, updatedAt: sql`now()` },
        });
      attached.push({ key: m.key, identifier: l.identifier });
    }
  }
  const fields = new Set(Object.keys((content.form as { properties?: Record<string, unknown> }).properties ?? {}));
  const patch = Object.fromEntries(Object.entries(input.formData).filter(([k]) => fields.has(k)));
  const bound = bindIdentity(
    content.form,
    { kind: row.applicantKind as 'person' | 'organisation', name: row.applicantName, idNumber: row.applicantIdNumber },
    {
      ...(row.formData as Record<string, unknown>),
      ...patch,
    },
  );
  const complete = bound.problems.length === 0 && validateSubmission(content.form, bound.data).length === 0;
  const status: CaseStatus = complete ? 'submitted' : 'draft';
  const after = await updateCase(tx, row.id, {
    status,
    formData: bound.data,
    bundleWaiting: false,
    version: row.version + 1,
    ...(complete ? { receivedAt: sql`now()`, receivedOn: today() } : {}),
  });
  const who = { userId: null, name: ctx.actor.username };
  await addEvent(tx, after, who, 'bundle_released', { fields: Object.keys(patch), licenses: attached });
  if (complete) await addEvent(tx, after, who, 'submitted', { channel: row.channel, bundle: true });
  await writeAudit(tx, ctx, {
    action: 'case.bundle-release',
    targetType: 'case',
    targetId: number,
    change: { from: 'draft', to: status, fields: Object.keys(patch), licenses: attached },
  });
  if (complete)
    await notifyWindowClerks(
      tx,
      after,
      -1,
      '新的申请待受理',
      `${row.applicantName} 申请「${content.name}」（一件事接续办理），办件编号 ${number}，请及时受理。`,
    );
  else
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      after,
      'bundle',
      '一件事：请补全申请',
      `办件 ${number}（${content.name}）的前置事项已办结，请补全申请表后提交。`,
    );
  return { number, status, submitted: complete };
}

/**
 * Withdraws the open member cases of a bundle case (every member not yet decided, delivered, refused or withdrawn),
 * one event and one audit entry each. Returns the numbers withdrawn.
 */
export async function withdrawBundleMembers(
  tx: Db,
  actor: Pick<Actor, 'ctx' | 'displayName'> & { userId: number | null },
  bundleCaseId: number,
  reason: string,
  /** Only these member cases (a denied member's dependants, ADR 0037); every open member when not given. */
  only?: string[],
): Promise<string[]> {
  if (only && !only.length) return [];
  const rows = await tx
    .select(caseColumns())
    .from(serviceCase)
    .where(
      and(
        eq(serviceCase.bundleCaseId, bundleCaseId),
        notInArray(serviceCase.status, [...CLOSED_STATUSES]),
        only ? inArray(serviceCase.number, only) : undefined,
      ),
    )
    .orderBy(serviceCase.id)
    .for('update');
  const out: string[] = [];
  for (const row of rows) {
    const after = await updateCase(tx, row.id, {
      status: 'withdrawn',
      outcome: '5',
      outcomeReason: reason,
      decidedOn: today(),
      bundleWaiting: false,
      currentStepKey: null,
      version: row.version + 1,
    });
    await addEvent(tx, after, { userId: actor.userId, name: actor.displayName }, 'withdrawn', { reason, bundle: true });
    await writeAudit(tx, actor.ctx, {
      action: 'case.withdraw',
      targetType: 'case',
      targetId: row.number!,
      change: { from: row.status, to: 'withdrawn', bundle: true },
    });
    out.push(row.number!);
  }
  return out;
}

/** The member cases of bundle cases, as the bundle's progress shows them (no personal data). */
export async function casesOfBundles(db: Db, bundleCaseIds: number[]) {
  if (!bundleCaseIds.length) return [];
  const rows = await db
    .select({
      bundleCaseId: serviceCase.bundleCaseId,
      memberKey: serviceCase.bundleMemberKey,
      number: serviceCase.number,
      status: serviceCase.status,
      waiting: serviceCase.bundleWaiting,
      outcome: serviceCase.outcome,
      departmentId: serviceCase.departmentId,
      regionCode: serviceCase.regionCode,
      receivedOn: serviceCase.receivedOn,
      decidedOn: serviceCase.decidedOn,
    })
    .from(serviceCase)
    .where(inArray(serviceCase.bundleCaseId, bundleCaseIds))
    .orderBy(serviceCase.id);
  return rows.map((r) => ({
    ...r,
    bundleCaseId: Number(r.bundleCaseId),
    memberKey: r.memberKey ?? '',
    number: r.number!,
    status: r.status,
    departmentId: Number(r.departmentId),
  }));
}

/** The bundle a case belongs to, for the case's own views (a department's reviewer sees the link, not the bundle). */
export async function bundleOfCase(
  db: Db,
  number: string,
): Promise<{ bundleCaseId: number; memberKey: string; regionCode: string; departmentId: number } | null> {
  const [row] = await db
    .select({ id: serviceCase.bundleCaseId, key: serviceCase.bundleMemberKey, regionCode: serviceCase.regionCode, departmentId: serviceCase.departmentId })
    .from(serviceCase)
    .where(eq(serviceCase.number, number));
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  return row.id === null
    ? null
    : { bundleCaseId: Number(row.id), memberKey: row.key ?? '', regionCode: row.regionCode, departmentId: Number(row.departmentId) };
}

/**
 * A case number taken inside a transaction (a bundle's members and its receipt): one more serial of the region and
 * day from the same sequence row as nextCaseNumber's blocks (always above every block taken), rolled back with the
 * transaction. nextCaseNumber itself needs the database, not a transaction.
 */
export async function caseNumberInTransaction(tx: Db, regionCode: string, day: string): Promise<string> {
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO case_number_sequence (region_code, day, last) VALUES (${regionCode}, ${day}::date, 1)
        ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_sequence.last + 1 RETURNING last`,
  );
  return `${regionCode}${day.replaceAll('-', '')}${String(Number(row.last)).padStart(6, '0')}`;
}

async function lockMember(tx: Db, number: string) {
  const [row] = await tx.select(caseColumns()).from(serviceCase).where(eq(serviceCase.number, number)).for('update');
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  return row;
}

/**
 * Submits held member cases with their bundle (one submission): each must still be a held draft of the bundle, its
 * form complete. A member whose form is refused refuses the whole submission; the error names it.
 */
export async function submitBundleMembers(
  tx: Db,
  actor: Pick<Actor, 'ctx' | 'userId' | 'displayName'>,
  bundleNumber: string,
  members: { key: string; number: string }[],
) {
  const out: { key: string; number: string; status: CaseStatus }[] = [];
  for (const m of members) {
    const row = await lockMember(tx, m.number);
    if (row.status !== 'draft' || !row.bundleWaiting) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'submit', member: m.key });
    const content = await caseContent(tx, row);
    const bound = bindIdentity(
      content.form,
      { kind: row.applicantKind as 'person' | 'organisation', name: row.applicantName, idNumber: row.applicantIdNumber },
      row.formData as Record<string, unknown>,
    );
    const problems = [...bound.problems, ...validateSubmission(content.form, bound.data)];
    if (problems.length) throw caseErrors.CASE_BUNDLE_MEMBER_INVALID({ member: m.key, problems });
    const after = await updateCase(tx, row.id, {
      status: 'submitted',
      formData: bound.data,
      bundleWaiting: false,
      receivedAt: sql`now()`,
      receivedOn: today(),
      version: row.version + 1,
    });
    await addEvent(tx, after, { userId: actor.userId, name: actor.displayName }, 'submitted', { channel: row.channel, bundle: bundleNumber });
    await writeAudit(tx, actor.ctx, {
      action: 'case.submit',
      targetType: 'case',
      targetId: m.number,
      change: { from: 'draft', to: 'submitted', bundle: bundleNumber },
    });
    await notifyWindowClerks(
      tx,
      after,
      actor.userId,
      '新的申请待受理',
      `${row.applicantName} 申请「${content.name}」（一件事 ${bundleNumber}），办件编号 ${m.number}，请及时受理。`,
    );
    out.push({ key: m.key, number: m.number, status: 'submitted' });
  }
  return out;
}

/**
 * One material supplied once for a bundle (一套材料): written to each member case that asks for it, while that member
 * is a held draft of the bundle — an upload (the same stored file) or a pledge (告知承诺, where each member allows it).
 * The bundle checks who acts; a member that cannot take it refuses the whole, naming it.
 */
export async function supplyBundleMaterial(
  tx: Db,
  actor: Pick<Actor, 'ctx' | 'userId' | 'displayName'>,
  targets: { member: string; number: string; materialKey: string }[],
  supplied: { mode: 'upload'; fileDigest: string; fileName: string } | { mode: 'pledge' },
) {
  for (const t of targets) {
    const row = await lockMember(tx, t.number);
    // A held draft, or a member answering the bundle's correction notice (ADR 0037).
    if (!(row.status === 'draft' && row.bundleWaiting) && row.status !== 'correction_requested')
      throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'material', member: t.member });
    const content = await caseContent(tx, row);
    const material = content.materials.find((m) => m.key === t.materialKey);
    if (!material) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key: t.materialKey, member: t.member });
    const values: MaterialValues =
      supplied.mode === 'upload'
        ? { mode: 'upload', fileDigest: supplied.fileDigest, fileName: supplied.fileName, pledgeText: null, licenseRef: null }
        : { mode: 'pledge', pledgeText: pledgeText(material.name, row.applicantName), fileDigest: null, fileName: null, licenseRef: null };
    if (supplied.mode === 'pledge' && !material.pledgeAllowed) throw caseErrors.CASE_PLEDGE_NOT_ALLOWED({ key: t.materialKey, member: t.member });
    await saveMaterialRow(tx, row.id, t.materialKey, values);
    await writeAudit(tx, actor.ctx, {
      action: `case.material.${supplied.mode}`,
      targetType: 'case',
      targetId: t.number,
      change: { key: t.materialKey, mode: supplied.mode, digest: values.fileDigest ?? null, bundle: true },
    });
  }
}

/** What was supplied for the materials of a bundle's member cases (no file contents). */
export async function materialsOfBundle(db: Db, bundleCaseId: number) {
  const rows = await db
    .select({ memberKey: serviceCase.bundleMemberKey, materialKey: caseMaterial.materialKey, mode: caseMaterial.mode, fileName: caseMaterial.fileName })
    .from(caseMaterial)
    .innerJoin(serviceCase, eq(serviceCase.id, caseMaterial.caseId))
    .where(eq(serviceCase.bundleCaseId, bundleCaseId));
  return rows.map((r) => ({ memberKey: r.memberKey ?? '', materialKey: r.materialKey, mode: r.mode, fileName: r.fileName }));
}
