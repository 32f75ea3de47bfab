import { and, asc, eq, sql } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, type Db } from '../../platform/db/db.ts';
import { batched } from '../../platform/batch.ts';
import { auditInsertSql, auditRow, writeAudit } from '../../platform/audit/audit.ts';
import { checkKey, requestDigest, storedReply, type Idempotent } from '../../platform/idempotency.ts';
import type { RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { CALENDAR_REVISION_SQL, loadCalendar, loadCalendarAt } from '../../platform/calendar/calendar.service.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { validateSubmission } from '../../platform/forms.ts';
import type { FileStore } from '../../platform/files.ts';
import { can, type RoleGrant } from '../../platform/permissions.ts';
import { frozenVersionContent, getVersion, implementationForApplying, type ImplementationContent } from '../catalog/index.ts';
import { activeMandate, mandateErrors } from '../mandates/index.ts';
import { caseEvent, caseMaterial, notification, serviceCase } from './cases.schema.ts';
import { caseErrors } from './cases.errors.ts';
import { transitionOf, type CaseAction, type CaseStatus } from './cases.state.ts';
import { acceptanceOf } from './clock.ts';
import type { ApplyInput } from './cases.types.ts';

export type CaseRow = typeof serviceCase.$inferSelect;

/** The one who acts: their account and grants (the route resolves them). */
export interface Actor {
  ctx: RequestContext;
  userId: number;
  displayName: string;
  idNumber: string | null;
  grants: RoleGrant[];
  /**
   * For an actor resolved before the case was read: checks the permission in the case's region and department and
   * gives the context to act with (the role it acts in). act() calls it on the locked row and acts with its answer,
   * so a transition reads the case once instead of once for the check and once to change it.
   */
  settle?: (scope: { regionCode: string; departmentId: number }) => RequestContext;
}

export async function caseContent(db: Db, row: Pick<CaseRow, 'implementationVersionId'>): Promise<ImplementationContent> {
  return (await getVersion(db, row.implementationVersionId)).content;
}

export async function findCase(db: Db, number: string) {
  const [row] = await db.select().from(serviceCase).where(eq(serviceCase.number, number));
  return row;
}

export async function getCase(db: Db, number: string) {
  const row = await findCase(db, number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  return row;
}

export async function caseEvents(db: Db, caseId: number) {
  return db.select().from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id));
}

const NUMBER_BLOCK = 50;
interface NumberBlock {
  next: number;
  end: number;
}
const numberBlocks = perDatabase(() => ({ blocks: new Map<string, NumberBlock>(), taking: new Map<string, Promise<NumberBlock>>() }));

/**
 * <region 6><yyyymmdd><6-digit serial of that region and day>, e.g. 34060020261122000123. A process takes a block of 50
 * serials at a time (one row update per block, not per case, so the applications of a region do not queue on one
 * row): numbers are unique and rise within a process; a restart leaves the rest of its block unused. Applications
 * that find the block used up while the next one is being taken wait for that one rather than each taking their own
 * (which would queue them all on the sequence row and throw most of the serials away).
 */
async function nextCaseNumber(db: Db, regionCode: string, day: string): Promise<string> {
  const { blocks, taking } = numberBlocks(db);
  const key = `${regionCode}:${day}`;
  let block = blocks.get(key);
  while (!block || block.next > block.end) {
    let next = taking.get(key);
    if (!next) {
      next = rawQuery<{ last: number }>(
        db,
        'cases.numberBlock',
        `INSERT INTO case_number_sequence (region_code, day, last) VALUES ($1, $2::date, $3) ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_sequence.last + $3 RETURNING last`,
        [regionCode, day, NUMBER_BLOCK],
      ).then(
        ([row]) => {
          const taken = { next: Number(row.last) - NUMBER_BLOCK + 1, end: Number(row.last) };
          for (const old of blocks.keys()) if (!old.endsWith(`:${day}`)) blocks.delete(old); // earlier days' blocks are done with
          blocks.set(key, taken);
          taking.delete(key);
          return taken;
        },
        (e: unknown) => {
          taking.delete(key);
          throw e;
        },
      );
      taking.set(key, next);
    }
    block = await next;
  }
  const serial = block.next++;
  return `${regionCode}${day.replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
}

async function addEvent(tx: Db, row: CaseRow, actor: { userId: number | null; name: string }, type: string, data: Record<string, unknown> = {}) {
  await tx.insert(caseEvent).values({ caseId: row.id, type, onDay: today(), actorUserId: actor.userId, actorName: actor.name, data });
}

export async function notify(tx: Db, userIds: (number | null | undefined)[], row: Pick<CaseRow, 'id' | 'number'>, kind: string, title: string, body: string) {
  const unique = [...new Set(userIds.filter((u): u is number => typeof u === 'number'))];
  if (unique.length) await tx.insert(notification).values(unique.map((userId) => ({ userId, caseId: row.id, kind, title, body })));
}

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

/** The drafts open in a user's name: its own, those it keeps as agent, those it entered at the window. */
async function openDrafts(db: Db, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM service_case WHERE status = 'draft' AND (owner_user_id = ${userId} OR agent_user_id = ${userId} OR entered_by_user_id = ${userId})`,
  );
  return Number(row.n);
}

export interface AppliedCase {
  number: string;
  status: string;
  version: number;
}

/** One application as the statement reads it (batch_items and jsonb_to_record; `i`, its place in the batch, is added there). */
interface ApplyRow {
  implementation_id: number; version_id: number; scope: string; key: string; request_hash: string; reply: AppliedCase; number: string;
  department_id: number; region_code: string; status: string; channel: string; owner_user_id: number | null; agent_user_id: number | null;
  mandate_id: number | null; entered_by_user_id: number | null; applicant_kind: string; applicant_name: string;
  applicant_id_type: string; applicant_id_number: string; contact_name: string | null; contact_phone: string | null; form_data: unknown;
  visits: number; version: number; received_on: string | null; day: string; actor_user_id: number; actor_name: string;
  events: { type: string; data: unknown }[]; audit: unknown[];
}

/**
 * Applications in one statement that commits on its own, for any number of applicants at once: for each, the
 * Idempotency-Key claim, the case, its events and audit entry are written together or not at all, and only while the
 * item is still published in the version the form was checked against (`published` 0 otherwise). A key claimed
 * already — before, or earlier in the same batch — claims nothing (`claimed` 0): the caller replays the stored reply.
 */
const APPLY = `
  WITH q AS (
    SELECT q.* FROM batch_items($1::jsonb) b, jsonb_to_record(b) AS q(i int, implementation_id bigint, version_id bigint, scope text, key text, request_hash text,
      reply jsonb, number text, department_id bigint, region_code text, status text, channel text, owner_user_id bigint, agent_user_id bigint,
      mandate_id bigint, entered_by_user_id bigint, applicant_kind text, applicant_name text, applicant_id_type text,
      applicant_id_number text, contact_name text, contact_phone text, form_data jsonb, visits int, version int, received_on date, day date,
      actor_user_id bigint, actor_name text, events jsonb, audit jsonb)
  ), pub AS (
    SELECT q.*, row_number() OVER (PARTITION BY q.scope, q.key ORDER BY q.i) AS nth FROM q
    JOIN implementation m ON m.id = q.implementation_id AND m.status = 'published' AND m.published_version_id = q.version_id
      AND m.department_id = q.department_id AND m.region_code = q.region_code
  ), claim AS (
    INSERT INTO idempotency_key (scope, key, request_hash, status, response) SELECT pub.scope, pub.key, pub.request_hash, 201, pub.reply
    FROM pub WHERE pub.nth = 1 ORDER BY pub.i
    ON CONFLICT DO NOTHING RETURNING scope, key
  ), cq AS (
    SELECT pub.* FROM pub JOIN claim ON claim.scope = pub.scope AND claim.key = pub.key WHERE pub.nth = 1
  ), c AS (
    INSERT INTO service_case (number, implementation_id, implementation_version_id, department_id, region_code, status, channel,
      owner_user_id, agent_user_id, mandate_id, entered_by_user_id, applicant_kind, applicant_name, applicant_id_type,
      applicant_id_number, contact_name, contact_phone, form_data, visits, version, received_at, received_on)
    SELECT cq.number, cq.implementation_id, cq.version_id, cq.department_id, cq.region_code, cq.status, cq.channel, cq.owner_user_id,
      cq.agent_user_id, cq.mandate_id, cq.entered_by_user_id, cq.applicant_kind, cq.applicant_name, cq.applicant_id_type,
      cq.applicant_id_number, cq.contact_name, cq.contact_phone, cq.form_data, cq.visits, cq.version,
      CASE WHEN cq.received_on IS NULL THEN NULL ELSE now() END, cq.received_on FROM cq ORDER BY cq.i
    RETURNING id, number
  ), ev AS (
    INSERT INTO case_event (case_id, type, on_day, actor_user_id, actor_name, data)
    SELECT c.id, e.v->>'type', cq.day, cq.actor_user_id, cq.actor_name, e.v->'data'
    FROM c JOIN cq ON cq.number = c.number, jsonb_array_elements(cq.events) WITH ORDINALITY AS e(v, n) ORDER BY cq.i, e.n
  ), au AS (${auditInsertSql('cq.audit', 'c JOIN cq ON cq.number = c.number')})
  SELECT EXISTS (SELECT 1 FROM pub WHERE pub.i = x.i)::int AS published, EXISTS (SELECT 1 FROM cq WHERE cq.i = x.i)::int AS claimed
  FROM q x ORDER BY x.i`;

/** The application statement of a database, behind a group commit (platform/batch.ts, ADR 0010). */
const applyStatement = perDatabase((db) =>
  batched((rows: ApplyRow[]) => rawQuery<{ published: number; claimed: number }>(db, 'cases.apply', APPLY, [JSON.stringify(rows.map((r, i) => ({ ...r, i })))])),
);

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
  if (!impl || impl.status !== 'published' || !impl.publishedVersionId) return refuse(caseErrors.CASE_IMPLEMENTATION_UNAVAILABLE({ code: input.implementationCode }));
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
    const [owner] = await queryRows<{ id: number }>(db, sql`SELECT id FROM app_user WHERE upper(id_number) = ${applicant.idNumber.toUpperCase()} LIMIT 1`);
    ownerUserId = owner ? Number(owner.id) : null;
    channel = input.channel ?? 'window';
  } else {
    if (!actor.idNumber) return refuse(caseErrors.CASE_APPLICANT_INVALID({ reason: 'your account has no ID number or USCC' }));
    applicant = { kind: hasRole(actor.grants, 'applicant_org') ? 'organisation' : 'person', name: actor.displayName, idNumber: actor.idNumber, contactPhone: input.applicant?.contactPhone };
  }
  const idCheck = applicant.kind === 'person' ? checkIdNumber(applicant.idNumber) : checkUscc(applicant.idNumber);
  if (!idCheck.valid) return refuse(caseErrors.CASE_APPLICANT_INVALID({ reason: idCheck.reason, reasonZh: idCheck.reasonZh }));
  const form = (await frozenVersionContent(db, impl.publishedVersionId)).form;
  const formError = draftFormError(form, input.formData);
  if (formError) return refuse(formError);
  if (input.submit) {
    const problems = validateSubmission(form, input.formData);
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
  const audits = [auditRow(actor.ctx, { action: 'case.create', targetType: 'case', targetId: number, change: { implementation: impl.code, channel, applicant: applicant.kind, status } })];
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
    form_data: input.formData,
    // Coming to the window is a visit (跑动) already.
    visits: channel === 'window' ? 1 : 0,
    version: reply.version,
    received_on: input.submit ? day : null,
    day,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    events,
    audit: audits,
  });
  if (result.claimed === 1) return { status: 201, body: reply, replayed: false };
  if (result.published === 0 && !fresh) return applyForCase(db, actor, input, key, true);
  if (result.published === 0) return refuse(caseErrors.CASE_IMPLEMENTATION_UNAVAILABLE({ code: input.implementationCode }));
  return (await storedReply<AppliedCase>(db, scope, idemKey, requestHash))!;
}

// ── The acting core: lock, check version and transition, change, event, audit ───────────────────────────

interface Change {
  set?: Partial<typeof serviceCase.$inferInsert>;
  event?: { type: string; data?: Record<string, unknown> };
  extraEvents?: { type: string; data?: Record<string, unknown> }[];
  audit?: unknown;
}

export async function act(
  db: Db,
  actor: Pick<Actor, 'ctx' | 'displayName' | 'settle'> & { userId: number | null },
  number: string,
  version: number,
  /** The action, or how to tell it from the locked case (completing the last step decides). */
  actionOf: CaseAction | ((tx: Db, row: CaseRow) => Promise<CaseAction>),
  change: (tx: Db, row: CaseRow, next: CaseStatus) => Promise<Change>,
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(serviceCase).where(eq(serviceCase.number, number)).for('update');
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
    // Whoever may act on this case (its region and department): the change and its audit entries use that context.
    if (actor.settle) actor.ctx = actor.settle({ regionCode: row.regionCode, departmentId: row.departmentId });
    // The row version first: of two people acting on the same case at once, the second learns someone was faster.
    if (row.version !== version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
    const action = typeof actionOf === 'function' ? await actionOf(tx, row) : actionOf;
    const next = transitionOf(row.status as CaseStatus, action);
    const c = await change(tx, row, next);
    const [after] = await tx
      .update(serviceCase)
      .set({ ...c.set, status: c.set?.status ?? next, version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(serviceCase.id, row.id))
      .returning();
    const who = { userId: actor.userId, name: actor.displayName };
    for (const e of [...(c.event ? [c.event] : []), ...(c.extraEvents ?? [])]) await addEvent(tx, after, who, e.type, e.data);
    await writeAudit(tx, actor.ctx, { action: `case.${action}`, targetType: 'case', targetId: number, change: { from: row.status, to: after.status, ...((c.audit as object) ?? {}) } });
    return after;
  });
}

export function assertOwner(row: CaseRow, userId: number) {
  if (row.ownerUserId !== userId && row.agentUserId !== userId) throw caseErrors.CASE_NOT_YOURS();
}

async function materialsOf(tx: Db, caseId: number) {
  return tx.select().from(caseMaterial).where(eq(caseMaterial.caseId, caseId));
}

/** Required materials of the item not supplied (material key → mode), nor allowed to be owed (容缺) as `owed`. */
function missingMaterials(content: ImplementationContent, supplied: Map<string, string>, owed: Set<string>) {
  return content.materials.filter((m) => m.required && !owed.has(m.key) && (!supplied.has(m.key) || supplied.get(m.key) === 'gap')).map((m) => m.key);
}

async function submitLocked(tx: Db, actor: Actor, row: CaseRow, content: ImplementationContent) {
  const problems = validateSubmission(content.form, row.formData);
  if (problems.length) throw caseErrors.CASE_FORM_INVALID({ problems });
  const next = transitionOf(row.status as CaseStatus, 'submit');
  const [after] = await tx
    .update(serviceCase)
    .set({ status: next, receivedAt: sql`now()`, receivedOn: today(), version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(serviceCase.id, row.id))
    .returning();
  await addEvent(tx, after, { userId: actor.userId, name: actor.displayName }, 'submitted', { channel: row.channel });
  await writeAudit(tx, actor.ctx, { action: 'case.submit', targetType: 'case', targetId: row.number!, change: { from: row.status, to: next } });
  return after;
}

export async function submitCase(db: Db, actor: Actor, number: string, version: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(serviceCase).where(eq(serviceCase.number, number)).for('update');
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
    assertOwner(row, actor.userId);
    if (row.version !== version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
    return submitLocked(tx, actor, row, await caseContent(tx, row));
  });
}

export async function updateDraft(db: Db, actor: Actor, number: string, input: { version: number; formData: Record<string, unknown>; contactPhone?: string }) {
  return act(db, actor, number, input.version, 'edit_draft', async (tx, row) => {
    assertOwner(row, actor.userId);
    const formError = draftFormError((await caseContent(tx, row)).form, input.formData);
    if (formError) throw formError;
    return { set: { formData: input.formData, contactPhone: input.contactPhone ?? row.contactPhone }, audit: { fields: Object.keys(input.formData) } };
  });
}

// ── Materials ──────────────────────────────────────────────────────────────────────────────────────────

const APPLICANT_CAN_CHANGE: CaseStatus[] = ['draft', 'correction_requested', 'in_review'];

async function openMaterial(tx: Db, actor: Actor, number: string, key: string) {
  const [row] = await tx.select().from(serviceCase).where(eq(serviceCase.number, number)).for('update');
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  const isClerkAtWindow = row.channel === 'window' && can(actor.grants, 'cases.accept', { regionCode: row.regionCode });
  if (!isClerkAtWindow) assertOwner(row, actor.userId);
  if (!APPLICANT_CAN_CHANGE.includes(row.status as CaseStatus) && !(isClerkAtWindow && row.status === 'submitted')) {
    throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'material' });
  }
  const content = await caseContent(tx, row);
  const material = content.materials.find((m) => m.key === key);
  if (!material) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key });
  const [existing] = await tx.select().from(caseMaterial).where(and(eq(caseMaterial.caseId, row.id), eq(caseMaterial.materialKey, key)));
  if (row.status === 'in_review' && existing?.mode !== 'gap' && !(await hasOpenCorrection(tx, row.id))) {
    throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'material' });
  }
  return { row, material, existing };
}

async function saveMaterial(tx: Db, actor: Actor, row: CaseRow, key: string, values: Partial<typeof caseMaterial.$inferInsert>, wasGap: boolean) {
  await tx
    .insert(caseMaterial)
    .values({ caseId: row.id, materialKey: key, mode: 'upload', ...values })
    .onConflictDoUpdate({ target: [caseMaterial.caseId, caseMaterial.materialKey], set: { ...values, gapDueOn: null, updatedAt: sql`now()` } });
  if (wasGap) {
    await addEvent(tx, row, { userId: actor.userId, name: actor.displayName }, 'gap_supplied', { materialKey: key });
    await tx.update(serviceCase).set({ version: row.version + 1, updatedAt: sql`now()` }).where(eq(serviceCase.id, row.id));
  }
  await writeAudit(tx, actor.ctx, { action: wasGap ? 'case.supply_gap' : `case.material.${values.mode}`, targetType: 'case', targetId: row.number!, change: { key, mode: values.mode, digest: values.fileDigest ?? null } });
}

/** Stores an uploaded material (PDF, JPEG, PNG or OFD, checked from its content) by its SM3 digest, privately. */
export async function uploadMaterial(db: Db, files: FileStore, actor: Actor, number: string, key: string, data: Buffer, fileName: string) {
  // Who may upload is checked before a byte is stored.
  await db.transaction((tx) => openMaterial(tx, actor, number, key));
  const stored = await files.put(db, data, fileName, { isPublic: false });
  return db.transaction(async (tx) => {
    const { row, existing } = await openMaterial(tx, actor, number, key);
    await saveMaterial(tx, actor, row, key, { mode: 'upload', fileDigest: stored.digest, fileName, pledgeText: null, licenseRef: null }, existing?.mode === 'gap');
    return { key, mode: 'upload', digest: stored.digest, size: stored.size, mime: stored.mime };
  });
}

/** 告知承诺: the applicant pledges instead of supplying a proof; the pledge text is recorded as signed. */
export function pledgeText(materialName: string, applicantName: string): string {
  return `本人（单位）${applicantName}郑重承诺：已知悉“${materialName}”的证明义务和证明内容，本人（单位）符合相关条件，所填写、提交的信息真实、准确、完整；如有虚假，愿意承担不予行政许可、撤销行政许可等法律责任，并同意将不实承诺记入信用记录。`;
}

export async function pledgeMaterial(db: Db, actor: Actor, number: string, key: string) {
  return db.transaction(async (tx) => {
    const { row, material, existing } = await openMaterial(tx, actor, number, key);
    if (!material.pledgeAllowed) throw caseErrors.CASE_PLEDGE_NOT_ALLOWED({ key });
    const text = pledgeText(material.name, row.applicantName);
    await saveMaterial(tx, actor, row, key, { mode: 'pledge', pledgeText: text, fileDigest: null, fileName: null, licenseRef: null }, existing?.mode === 'gap');
    return { key, mode: 'pledge', pledgeText: text };
  });
}

export async function caseMaterials(db: Db, caseId: number) {
  return materialsOf(db, caseId);
}

// ── Acceptance at the general window ───────────────────────────────────────────────────────────────────

/** Whether an interval of one kind (opened by `start`, closed by `end`) is still open among the case's events. */
async function isOpen(tx: Db, caseId: number, start: string, end: string): Promise<boolean> {
  const events = await tx.select({ type: caseEvent.type }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id));
  return events.reduce((open, e) => (e.type === start ? true : e.type === end ? false : open), false);
}

const hasOpenCorrection = (tx: Db, caseId: number) => isOpen(tx, caseId, 'correction_requested', 'correction_answered');
const openSpecial = (tx: Db, caseId: number) => isOpen(tx, caseId, 'special_started', 'special_ended');

/** Whether the case already counts as accepted on the day of receipt (no decision within 5 working days). */
async function isDeemedAccepted(tx: Db, row: CaseRow): Promise<boolean> {
  const events = (await caseEvents(tx, row.id)).map((e) => ({ type: e.type, onDay: e.onDay }));
  return acceptanceOf(await loadCalendar(tx), events, today()).deemedAccepted;
}

/** 受理 (clerk) steps are done by acceptance itself; the department's reviewer steps run from there. */
function reviewerSteps(content: ImplementationContent) {
  const steps = content.steps.filter((s) => s.role === 'reviewer');
  return steps.length ? steps : [{ key: 'decide', name: '决定', role: 'reviewer' as const, budgetDays: 0 }];
}

/** What the window needs to decide on acceptance, in one prepared statement for any number of cases: each case, its
 *  events and materials, and the calendar's revision. */
export const ACCEPT_READ = `
  SELECT c.id::int AS id, c.number, c.status, c.version, c.region_code AS "regionCode", c.department_id::int AS "departmentId",
         c.implementation_version_id::int AS "versionId", c.owner_user_id::int AS "ownerUserId", c.agent_user_id::int AS "agentUserId",
         coalesce((SELECT json_agg(json_build_object('type', e.type, 'onDay', e.on_day) ORDER BY e.id) FROM case_event e WHERE e.case_id = c.id), '[]'::json) AS events,
         coalesce((SELECT json_agg(json_build_object('key', m.material_key, 'mode', m.mode)) FROM case_material m WHERE m.case_id = c.id), '[]'::json) AS materials,
         ${CALENDAR_REVISION_SQL} AS calendar
  FROM service_case c WHERE c.number IN (SELECT b #>> '{}' FROM batch_items($1::jsonb) b)`;

interface AcceptRead {
  id: number; number: string; status: string; version: number; regionCode: string; departmentId: number; versionId: number;
  ownerUserId: number | null; agentUserId: number | null; events: { type: string; onDay: string }[]; materials: { key: string; mode: string }[]; calendar: string;
}

/** One acceptance as the write reads it (batch_items and jsonb_to_record; `i`, its place in the batch, is added there). */
interface AcceptChange {
  id: number; version: number; status: string; accepted_on: string; deemed: boolean; step_key: string; gaps: { materialKey: string; dueOn: string }[];
  department_id: number; steps: { position: number; key: string; name: string; status: string }[]; title: string; body: string;
  recipients: number[]; day: string; actor_user_id: number; actor_name: string; data: unknown; audit: unknown[];
}

/**
 * Acceptances in one statement that commits on its own: each case changes only if nobody changed it since it was
 * read (and only once if it is twice in the batch); its gaps, the department's steps, the notification, the event
 * and the audit entry are written with it.
 */
export const ACCEPT_WRITE = `
  WITH items AS (
    SELECT q.*, row_number() OVER (PARTITION BY q.id ORDER BY q.i) AS twice
    FROM batch_items($1::jsonb) b, jsonb_to_record(b) AS q(i int, id bigint, version int, status text, accepted_on date, deemed boolean, step_key text,
      gaps jsonb, department_id bigint, steps jsonb, title text, body text, recipients bigint[], day date, actor_user_id bigint,
      actor_name text, data jsonb, audit jsonb)
  ), q AS (
    SELECT * FROM items WHERE items.twice = 1
  ), upd AS (
    UPDATE service_case c SET status = q.status, accepted_on = q.accepted_on, deemed_accepted = q.deemed, current_step_key = q.step_key,
      version = c.version + 1, updated_at = now()
    FROM q WHERE c.id = q.id AND c.version = q.version RETURNING c.id
  ), uq AS (
    SELECT q.* FROM q JOIN upd ON upd.id = q.id
  ), gaps AS (
    INSERT INTO case_material (case_id, material_key, mode, gap_due_on)
    SELECT uq.id, g->>'materialKey', 'gap', (g->>'dueOn')::date FROM uq, jsonb_array_elements(uq.gaps) g
    ON CONFLICT (case_id, material_key) DO UPDATE SET mode = 'gap', gap_due_on = excluded.gap_due_on, updated_at = now()
  ), steps AS (
    INSERT INTO case_step (case_id, position, step_key, name, department_id, status, started_at)
    SELECT uq.id, (s->>'position')::int, s->>'key', s->>'name', uq.department_id, s->>'status', CASE WHEN s->>'status' = 'active' THEN now() END
    FROM uq, jsonb_array_elements(uq.steps) s
  ), note AS (
    INSERT INTO notification (user_id, case_id, kind, title, body) SELECT u, uq.id, 'accepted', uq.title, uq.body FROM uq, unnest(uq.recipients) u
  ), ev AS (
    INSERT INTO case_event (case_id, type, on_day, actor_user_id, actor_name, data) SELECT uq.id, 'accepted', uq.day, uq.actor_user_id, uq.actor_name, uq.data FROM uq
  ), au AS (${auditInsertSql('uq.audit', 'uq')})
  SELECT (uq.i IS NOT NULL)::int AS done FROM items x LEFT JOIN uq ON uq.i = x.i ORDER BY x.i`;

/** The acceptance statements of a database, behind group commits (platform/batch.ts): concurrent acceptances share
 *  one read and one write. */
const acceptStatements = perDatabase((db) => ({
  read: batched(async (numbers: string[]) => {
    const rows = await rawQuery<AcceptRead>(db, 'cases.acceptRead', ACCEPT_READ, [JSON.stringify(numbers)]);
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    return numbers.map((n) => byNumber.get(n));
  }),
  write: batched(async (changes: AcceptChange[]) => {
    const rows = await rawQuery<{ done: number }>(db, 'cases.acceptWrite', ACCEPT_WRITE, [JSON.stringify(changes.map((c, i) => ({ ...c, i })))]);
    return rows.map((r) => r.done === 1);
  }),
}));

/**
 * 受理: the case is read, every rule is checked in memory (state machine, row version, materials and gaps, the art.
 * 32 acceptance day), then one statement writes the change, the department's steps, the notification, the event and
 * the audit entry. Acceptances made at the same moment share their read and their write (ADR 0010). `authorise`
 * resolves the clerk for the case's region (前台综合受理).
 */
export async function acceptCase(db: Db, authorise: (scope: { regionCode: string }) => Actor, number: string, input: { version: number; gaps?: { materialKey: string; dueOn: string }[] }) {
  const statements = acceptStatements(db);
  const row = await statements.read(number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  const actor = authorise({ regionCode: row.regionCode });
  if (row.version !== input.version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
  const next = transitionOf(row.status as CaseStatus, 'accept');
  const content = await frozenVersionContent(db, row.versionId);
  const day = today();
  const gaps = input.gaps ?? [];
  for (const g of gaps) {
    if (!content.materials.some((m) => m.key === g.materialKey) || g.dueOn <= day) throw caseErrors.CASE_GAPS_INVALID({ materialKey: g.materialKey });
  }
  const missing = missingMaterials(content, new Map(row.materials.map((m) => [m.key, m.mode])), new Set(gaps.map((g) => g.materialKey)));
  if (missing.length) throw caseErrors.CASE_MATERIALS_MISSING({ missing });
  const acceptance = acceptanceOf(await loadCalendarAt(db, row.calendar), [...row.events, { type: 'accepted', onDay: day }], day);
  const acceptedOn = acceptance.acceptedOn ?? day;
  const deemed = acceptance.deemedAccepted;
  const steps = reviewerSteps(content);
  const recipients = [...new Set([row.ownerUserId, row.agentUserId].filter((u): u is number => typeof u === 'number'))];
  const audit = auditRow(actor.ctx, { action: 'case.accept', targetType: 'case', targetId: number, change: { from: row.status, to: next, gaps, acceptedOn, deemed } });
  const done = await statements.write({
    id: row.id,
    version: row.version,
    status: next,
    accepted_on: acceptedOn,
    deemed,
    step_key: steps[0].key,
    gaps,
    department_id: row.departmentId,
    steps: steps.map((s, i) => ({ position: i, key: s.key, name: s.name, status: i === 0 ? 'active' : 'pending' })),
    title: '办件已受理',
    body: gaps.length ? `办件 ${number} 已容缺受理，请在期限内补齐材料。` : `办件 ${number} 已受理。`,
    recipients,
    day,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    data: { gaps, deemed },
    audit: [audit],
  });
  if (!done) throw caseErrors.CASE_VERSION_CONFLICT({ current: (await getCase(db, number)).version });
  return { number, status: next, version: row.version + 1 };
}

export async function refuseCase(db: Db, actor: Actor, number: string, input: { version: number; reason: string; legalBasis: string }) {
  if (!input.reason.trim() || !input.legalBasis.trim()) throw caseErrors.CASE_REASON_REQUIRED();
  return act(db, actor, number, input.version, 'refuse', async (tx, row) => {
    // art. 32: once deemed accepted, the office may no longer refuse to accept; it accepts and decides.
    if (await isDeemedAccepted(tx, row)) throw caseErrors.CASE_DEEMED_ACCEPTED();
    await notify(tx, [row.ownerUserId, row.agentUserId], row, 'refused', '不予受理', `办件 ${row.number} 不予受理：${input.reason}`);
    return { set: { outcome: '6', outcomeReason: input.reason, decidedOn: today() }, event: { type: 'refused', data: { reason: input.reason, legalBasis: input.legalBasis } }, audit: { reason: input.reason } };
  });
}

/** 一次性告知: one notice listing everything to fix. Before acceptance by the window; after, by the reviewer. */
export async function requestCorrection(db: Db, actor: Actor, number: string, input: { version: number; items: { materialKey?: string | null; note: string }[] }) {
  if (input.items.length === 0) throw caseErrors.CASE_CORRECTION_EMPTY();
  return act(db, actor, number, input.version, 'request_correction', async (tx, row, next) => {
    if (await hasOpenCorrection(tx, row.id)) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'request_correction', reason: 'a correction is already open' });
    if (row.status === 'submitted' && (await isDeemedAccepted(tx, row))) throw caseErrors.CASE_DEEMED_ACCEPTED();
    const content = await caseContent(tx, row);
    for (const i of input.items) if (i.materialKey && !content.materials.some((m) => m.key === i.materialKey)) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key: i.materialKey });
    await notify(tx, [row.ownerUserId, row.agentUserId], row, 'correction', '请补正材料', `办件 ${row.number} 需补正：${input.items.map((i) => i.note).join('；')}`);
    return { set: { status: row.status === 'submitted' ? 'correction_requested' : next }, event: { type: 'correction_requested', data: { items: input.items, afterAcceptance: row.status === 'in_review' } }, audit: { items: input.items.length } };
  });
}

export async function answerCorrection(db: Db, actor: Actor, number: string, input: { version: number; note?: string }) {
  return act(db, actor, number, input.version, 'answer_correction', async (tx, row) => {
    assertOwner(row, actor.userId);
    if (!(await hasOpenCorrection(tx, row.id))) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'answer_correction' });
    const back: CaseStatus = row.status === 'correction_requested' ? 'submitted' : 'in_review';
    return { set: { status: back }, event: { type: 'correction_answered', data: { note: input.note ?? null } } };
  });
}

export async function withdrawCase(db: Db, actor: Actor, number: string, input: { version: number; reason: string }) {
  return act(db, actor, number, input.version, 'withdraw', async (_tx, row) => {
    assertOwner(row, actor.userId);
    return { set: { outcome: '5', outcomeReason: input.reason, decidedOn: today() }, event: { type: 'withdrawn', data: { reason: input.reason } } };
  });
}

export { hasOpenCorrection, openSpecial, materialsOf };
