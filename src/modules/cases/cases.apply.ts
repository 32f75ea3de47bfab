import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { auditRow, writeAudit } from '../../platform/audit/audit.ts';
import { checkKey, replaceReply, requestDigest, storedReply, type Idempotent } from '../../platform/idempotency.ts';
import { today } from '../../platform/clock.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { validateSubmission } from '../../platform/forms.ts';
import { can, type RoleGrant } from '../../platform/permissions.ts';
import { frozenVersionContent, implementationForApplying, type ImplementationContent } from '../catalog/index.ts';
import { activeMandate, mandateErrors } from '../mandates/index.ts';
import { userIdByIdNumber } from '../accounts/index.ts';
import { mayDecideInstantly } from '../rules/index.ts';
import { instantApproval } from './cases.instant.ts';
import { reserveSerial } from '../licenses/index.ts';
import { caseErrors } from './cases.errors.ts';
import { applicantOfCase, bindIdentity } from './cases.identity.ts';
import { transitionOf, type CaseStatus } from './cases.state.ts';
import type { ApplyInput } from './cases.types.ts';
import { act, assertOwner, type Actor } from './cases.act.ts';
import { answerProblems, editedFields, type CorrectionAnswer, type CorrectionAnswerRecord, type CorrectionItem } from './cases.corrections.ts';
import {
  addEvent,
  applyStatement,
  caseContent,
  caseEvents,
  hasOpenCorrection,
  materialsOf,
  lockCase,
  nextCaseNumber,
  notifyWindowClerks,
  openDrafts,
  updateCase,
  type AppliedCase,
  type CaseRow,
} from './cases.repository.ts';

// The applicant's use cases: apply (a draft, or submitted at once), edit and submit the draft, answer a correction
// notice, withdraw.

const hasRole = (grants: RoleGrant[], role: string) => grants.some((g) => g.role === role);

/** A draft's form data, as JSON, in bytes at most; and the drafts one user may keep open (withdraw to make room). */
export const MAX_FORM_BYTES = 64 * 1024;
export const MAX_OPEN_DRAFTS = 50;

/**
 * What a form may hold before it is submitted: only the fields of the item's form, each a value a field can have
 * (text, number, yes/no, or a list of them for checkboxes), 64 KiB in all. Types and formats are checked at
 * submission, when the form is complete; a draft may be half typed.
 */
export function draftFormError(form: { properties?: Record<string, unknown> }, data: Record<string, unknown>): Error | null {
  const bytes = Buffer.byteLength(JSON.stringify(data), 'utf8');
  if (bytes > MAX_FORM_BYTES) return caseErrors.CASE_FORM_TOO_LARGE({ bytes, limit: MAX_FORM_BYTES });
  const fields = new Set(Object.keys(form.properties ?? {}));
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  const problems = Object.entries(data)
    .filter(([key, value]) => !fields.has(key) || !(scalar(value) || (Array.isArray(value) && value.every(scalar))))
    .map(([key]) => ({ field: key, message: fields.has(key) ? 'not a value of this field' : 'not a field of this form' }));
  return problems.length ? caseErrors.CASE_FORM_INVALID({ problems }) : null;
}

/**
 * Applies for a published item: a draft, or submitted at once (the form checked against the item's schema first).
 * Applicants apply for themselves; agents for a principal under its mandate; window clerks name the applicant. Once
 * per Idempotency-Key: a repeated key replays the first reply, even if the item changed since.
 */
export async function applyForCase(db: Db, actor: Actor, input: ApplyInput, key: string | undefined, fresh = false): Promise<Idempotent<AppliedCase>> {
  const idemKey = checkKey(key);
  const scope = `case:${actor.userId}`;
  const requestHash = requestDigest(input);
  /** A refusal, unless this key already created the case (then its reply). */
  const refuse = async (error: Error): Promise<Idempotent<AppliedCase>> => {
    const stored = await storedReply<AppliedCase>(db, scope, idemKey, requestHash);
    if (stored) return stored;
    throw error;
  };
  const impl = await implementationForApplying(db, input.implementationCode, fresh);
  // What is known of the item may be a few seconds old: a refusal is only given on a fresh look.
  if ((!impl || impl.status !== 'published' || !impl.publishedVersionId) && !fresh) return applyForCase(db, actor, input, key, true);
  if (!impl || impl.status !== 'published' || !impl.publishedVersionId)
    return refuse(caseErrors.CASE_IMPLEMENTATION_UNAVAILABLE({ code: input.implementationCode }));
  const asClerk = !can(actor.grants, 'cases.apply') && can(actor.grants, 'cases.accept', { regionCode: impl.regionCode });
  if (!can(actor.grants, 'cases.apply') && !asClerk) return refuse(caseErrors.CASE_NOT_YOURS({ reason: 'the window of another region' }));
  const onBehalf = asClerk || hasRole(actor.grants, 'agent');
  let applicant: { kind: 'person' | 'organisation'; name: string; idNumber: string; contactName?: string; contactPhone?: string };
  let ownerUserId: number | null = actor.userId;
  let channel = input.channel ?? 'web';
  let agentUserId: number | null = null;
  let mandateId: number | null = null;
  if (onBehalf && !asClerk) {
    // An agent acts only under a mandate the principal granted (or had recorded): the applicant and the owner of the
    // case are the principal's account, whatever the agent sends.
    if (!input.principalUserId) return refuse(mandateErrors.MANDATE_PRINCIPAL_REQUIRED());
    const mandate = await activeMandate(db, actor.userId, input.principalUserId, impl.code, today());
    if (!mandate) return refuse(mandateErrors.MANDATE_NOT_GRANTED({ principalUserId: input.principalUserId, implementation: impl.code }));
    const { kind, name, idNumber } = mandate.principal;
    applicant = { kind, name, idNumber, contactName: input.applicant?.contactName ?? actor.displayName, contactPhone: input.applicant?.contactPhone };
    ownerUserId = mandate.principal.userId;
    agentUserId = actor.userId;
    mandateId = mandate.id;
    channel = input.channel ?? 'agent';
  } else if (onBehalf) {
    if (!input.applicant) return refuse(caseErrors.CASE_APPLICANT_INVALID({ reason: 'name the applicant you act for' }));
    applicant = input.applicant;
    ownerUserId = (await userIdByIdNumber(db, applicant.idNumber)) ?? null;
    channel = input.channel ?? 'window';
  } else {
    if (!actor.idNumber) return refuse(caseErrors.CASE_APPLICANT_INVALID({ reason: 'your account has no ID number or USCC' }));
    applicant = {
      kind: hasRole(actor.grants, 'applicant_org') ? 'organisation' : 'person',
      name: actor.displayName,
      idNumber: actor.idNumber,
      contactPhone: input.applicant?.contactPhone,
    };
  }
  const idCheck = applicant.kind === 'person' ? checkIdNumber(applicant.idNumber) : checkUscc(applicant.idNumber);
  if (!idCheck.valid) return refuse(caseErrors.CASE_APPLICANT_INVALID({ reason: idCheck.reason, reasonZh: idCheck.reasonZh }));
  const { form, name: itemName, resultLicenseTypeCode } = await frozenVersionContent(db, impl.publishedVersionId);
  const formError = draftFormError(form, input.formData);
  if (formError) return refuse(formError);
  // Identity fields are the applicant's account's (the principal's under a mandate): filled in, a different value refused.
  const bound = bindIdentity(form, applicant, input.formData);
  if (bound.problems.length) return refuse(caseErrors.CASE_IDENTITY_MISMATCH({ problems: bound.problems }));
  const formData = bound.data;
  if (input.submit) {
    const problems = validateSubmission(form, formData);
    if (problems.length) return refuse(caseErrors.CASE_FORM_INVALID({ problems }));
  } else if ((await openDrafts(db, actor.userId)) >= MAX_OPEN_DRAFTS) {
    return refuse(caseErrors.CASE_DRAFT_LIMIT({ limit: MAX_OPEN_DRAFTS }));
  }
  const day = today();
  const number = await nextCaseNumber(db, impl.regionCode, day);
  const status: CaseStatus = input.submit ? 'submitted' : 'draft';
  const reply: AppliedCase = { number, status, version: input.submit ? 2 : 1 };
  const events = [{ type: 'created', data: { channel } }];
  if (input.submit) events.push({ type: 'submitted', data: { channel } });
  // One request, one state change, one audit entry: a case created and submitted at once is created as submitted.
  const audits = [
    auditRow(actor.ctx, {
      action: 'case.create',
      targetType: 'case',
      targetId: number,
      change: { implementation: impl.code, channel, applicant: applicant.kind, status },
    }),
  ];
  const result = await applyStatement(db)({
    implementation_id: impl.id,
    version_id: impl.publishedVersionId,
    scope,
    key: idemKey,
    request_hash: requestHash,
    reply,
    number,
    department_id: impl.departmentId,
    region_code: impl.regionCode,
    status,
    channel,
    owner_user_id: ownerUserId,
    agent_user_id: agentUserId,
    mandate_id: mandateId,
    entered_by_user_id: channel === 'window' ? actor.userId : null,
    applicant_kind: applicant.kind,
    applicant_name: applicant.name,
    applicant_id_type: applicant.kind === 'person' ? '111' : '001',
    applicant_id_number: applicant.idNumber.toUpperCase(),
    contact_name: applicant.contactName ?? null,
    contact_phone: applicant.contactPhone ?? null,
    form_data: formData,
    // Coming to the window is a visit (跑动) already.
    visits: channel === 'window' ? 1 : 0,
    version: reply.version,
    received_on: input.submit ? day : null,
    day,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    events,
    audit: audits,
    ...(input.submit ? submittedNotice(number, applicant.name, itemName) : { submitted_title: null, submitted_body: null }),
  });
  if (result.claimed === 1) {
    // 秒批: an item decided by its rules at submission is decided now, in this request (cases.instant.ts).
    if (input.submit && (await mayDecideInstantly(db, impl.id))) {
      // The licence's serial is taken first, on its own: the deciding transaction then holds no counter lock, which every
      // instant grant of the item would queue on (R11, bench/README.md). Unused (not granted), it leaves a gap.
      const serial = resultLicenseTypeCode ? await reserveSerial(db, impl.departmentId, resultLicenseTypeCode, day) : undefined;
      const decided = await db.transaction(async (tx) => {
        const row = await lockCase(tx, number);
        if (!row) return reply;
        const { row: after, instant } = await instantApproval(tx, actor, row, { serial });
        if (!instant) return reply;
        const body: AppliedCase = { number, status: after.status as AppliedCase['status'], version: after.version, instantApproval: instant };
        await replaceReply(tx, scope, idemKey, body);
        return body;
      });
      return { status: 201, body: decided, replayed: false };
    }
    return { status: 201, body: reply, replayed: false };
  }
  if (result.published === 0 && !fresh) return applyForCase(db, actor, input, key, true);
  if (result.published === 0) return refuse(caseErrors.CASE_IMPLEMENTATION_UNAVAILABLE({ code: input.implementationCode }));
  return (await storedReply<AppliedCase>(db, scope, idemKey, requestHash))!;
}

/** What the window clerks of the region read in their bell when a case is submitted (the number leads to the case). */
function submittedNotice(number: string, applicant: string, item: string) {
  return { submitted_title: '新的申请待受理', submitted_body: `${applicant} 申请「${item}」，办件编号 ${number}，请及时受理。` };
}

/** The form with its identity fields the applicant's, or CASE_IDENTITY_MISMATCH naming those typed otherwise. */
function boundForm(form: object, row: CaseRow, data: Record<string, unknown>, onlyFields?: readonly string[]): Record<string, unknown> {
  const bound = bindIdentity(form, applicantOfCase(row), data);
  const problems = onlyFields ? bound.problems.filter((p) => onlyFields.includes(p.field)) : bound.problems;
  if (problems.length) throw caseErrors.CASE_IDENTITY_MISMATCH({ problems });
  return bound.data;
}

async function submitLocked(tx: Db, actor: Actor, row: CaseRow, content: ImplementationContent) {
  // A draft saved before its form bound identity fields is held to them now: what is submitted is the account's.
  const formData = boundForm(content.form, row, (row.formData ?? {}) as Record<string, unknown>);
  const problems = validateSubmission(content.form, formData);
  if (problems.length) throw caseErrors.CASE_FORM_INVALID({ problems });
  const next = transitionOf(row.status as CaseStatus, 'submit');
  const after = await updateCase(tx, row.id, { status: next, formData, receivedAt: sql`now()`, receivedOn: today(), version: row.version + 1 });
  await addEvent(tx, after, { userId: actor.userId, name: actor.displayName }, 'submitted', { channel: row.channel });
  await writeAudit(tx, actor.ctx, { action: 'case.submit', targetType: 'case', targetId: row.number!, change: { from: row.status, to: next } });
  const notice = submittedNotice(row.number!, row.applicantName, content.name);
  await notifyWindowClerks(tx, after, actor.userId, notice.submitted_title, notice.submitted_body);
  return after;
}

export async function submitCase(db: Db, actor: Actor, number: string, version: number) {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, number);
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
    assertOwner(row, actor.userId);
    if (row.version !== version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
    if (row.bundleWaiting) throw caseErrors.CASE_BUNDLE_WAITING({ number });
    const submitted = await submitLocked(tx, actor, row, await caseContent(tx, row));
    // 秒批: decided by the item's rules in the same transaction, when it is set so (cases.instant.ts).
    if (!(await mayDecideInstantly(tx, row.implementationId))) return submitted;
    return (await instantApproval(tx, actor, submitted)).row;
  });
}

export async function updateDraft(db: Db, actor: Actor, number: string, input: { version: number; formData: Record<string, unknown>; contactPhone?: string }) {
  return act(db, actor, number, input.version, 'edit_draft', async (tx, row) => {
    assertOwner(row, actor.userId);
    if (row.bundleWaiting) throw caseErrors.CASE_BUNDLE_WAITING({ number });
    const { form } = await caseContent(tx, row);
    const formError = draftFormError(form, input.formData);
    if (formError) throw formError;
    const formData = boundForm(form, row, input.formData);
    return { set: { formData, contactPhone: input.contactPhone ?? row.contactPhone }, audit: { fields: Object.keys(input.formData) } };
  });
}

/**
 * The answer to a correction notice: each listed item addressed (a new file uploaded since the notice, the named form
 * field edited here, or a note), confirmed by the applicant. Edited fields are written to the form, which must then
 * pass its schema. The event records how each item was answered, so a further notice can be held to what it brought.
 */
export async function answerCorrection(
  db: Db,
  actor: Actor,
  number: string,
  input: { version: number; answers: CorrectionAnswer[]; confirmed: true; note?: string },
) {
  return act(db, actor, number, input.version, 'answer_correction', async (tx, row) => {
    assertOwner(row, actor.userId);
    if (!(await hasOpenCorrection(tx, row.id))) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'answer_correction' });
    const notice = (await caseEvents(tx, row.id)).filter((e) => e.type === 'correction_requested').at(-1)!;
    const data = notice.data as { items: CorrectionItem[]; before?: Record<string, string | null> };
    const digests = new Map((await materialsOf(tx, row.id)).map((m) => [m.materialKey, m.mode === 'gap' ? null : (m.fileDigest ?? m.licenseRef ?? null)]));
    const form = (row.formData ?? {}) as Record<string, unknown>;
    const problems = answerProblems(data.items, input.answers, {
      digestNow: (key) => digests.get(key) ?? null,
      // A notice from before answers were itemised recorded no digests: any file there now counts as the old one.
      digestAtNotice: (key) => (data.before ? (data.before[key] ?? null) : (digests.get(key) ?? null)),
      fieldNow: (field) => form[field],
    });
    if (problems.length) throw caseErrors.CASE_CORRECTION_INCOMPLETE({ problems });
    const edits = editedFields(data.items, input.answers);
    // An edited identity field must still be the applicant's; the others are held as the account has them.
    const content = Object.keys(edits).length ? await caseContent(tx, row) : null;
    const formData = content ? boundForm(content.form, row, { ...form, ...edits }, Object.keys(edits)) : form;
    if (content) {
      const formProblems = validateSubmission(content.form, formData);
      if (formProblems.length) throw caseErrors.CASE_FORM_INVALID({ problems: formProblems });
    }
    const answers: CorrectionAnswerRecord[] = input.answers
      .map((a) => {
        const item = data.items[a.item];
        return a.kind === 'file'
          ? { item: a.item, kind: a.kind, materialKey: item.materialKey ?? null, digest: digests.get(item.materialKey!) ?? null }
          : a.kind === 'field'
            ? { item: a.item, kind: a.kind, field: item.field ?? null }
            : { item: a.item, kind: a.kind, note: a.note?.trim() ?? null };
      })
      .sort((x, y) => x.item - y.item);
    const back: CaseStatus = row.status === 'correction_requested' ? 'submitted' : 'in_review';
    return {
      set: { status: back, ...(Object.keys(edits).length ? { formData } : {}) },
      event: { type: 'correction_answered', data: { note: input.note?.trim() || null, answers, confirmed: true } },
      audit: { answers: answers.map((a) => a.kind), fields: Object.keys(edits) },
    };
  });
}

export async function withdrawCase(db: Db, actor: Actor, number: string, input: { version: number; reason: string }) {
  return act(db, actor, number, input.version, 'withdraw', async (_tx, row) => {
    assertOwner(row, actor.userId);
    return { set: { outcome: '5', outcomeReason: input.reason, decidedOn: today() }, event: { type: 'withdrawn', data: { reason: input.reason } } };
  });
}
