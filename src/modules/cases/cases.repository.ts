import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, type Db } from '../../platform/db/db.ts';
import { batchRow, batched } from '../../platform/batch.ts';
import { auditInsertSql } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { CALENDAR_REVISION_SQL } from '../../platform/calendar/calendar.service.ts';
import { notify as notifyUsers } from '../../platform/notify.ts';
import { frozenVersionContent, type ImplementationContent } from '../catalog/index.ts';
import { caseEvent, caseMaterial, caseStep, serviceCase } from './cases.schema.ts';
import { caseErrors } from './cases.errors.ts';
import { actingAgent, actingAgentSql } from './cases.agent.ts';
import type { InstantOutcome } from './cases.instant.ts';

// The SQL of the cases module: its tables (cases.schema.ts) only, and other modules through their index.ts. The use
// cases (cases.apply.ts, cases.materials.ts, cases.accept.ts, cases.handling.ts) read and write through these.

/**
 * A case as the use cases read it. `agentUserId` is the agent who may act for the owner today (cases.agent.ts: while a
 * mandate covering the item is in force), null once it may not; `filedByAgentUserId` the agent who filed it, as
 * stored, which tells that agent why it is refused.
 */
export type CaseRow = typeof serviceCase.$inferSelect & { filedByAgentUserId: number | null };

/** The columns of a case as CaseRow has them, for a select or a RETURNING of service_case (unaliased). */
export function caseColumns(day = today()) {
  return {
    ...getTableColumns(serviceCase),
    agentUserId: actingAgent('"service_case"', day).mapWith(Number),
    filedByAgentUserId: serviceCase.agentUserId,
  };
}

export async function caseContent(db: Db, row: Pick<CaseRow, 'implementationVersionId'>): Promise<ImplementationContent> {
  // A case's version was published when it was applied for: its content never changes, and is kept per process.
  return frozenVersionContent(db, row.implementationVersionId);
}

/** The item type (事项类型) of the case's implementation: what item-type-rules.ts reads. */
export async function itemTypeOf(db: Db, row: Pick<CaseRow, 'implementationId'>): Promise<string> {
  const [r] = await queryRows<{ item_type: string }>(db, sql`SELECT item_type FROM pub_catalog_implementation WHERE id = ${row.implementationId}`);
  return r?.item_type ?? '';
}

export async function findCase(db: Db, number: string): Promise<CaseRow | undefined> {
  const [row] = await db.select(caseColumns()).from(serviceCase).where(eq(serviceCase.number, number));
  return row;
}

export async function getCase(db: Db, number: string) {
  const row = await findCase(db, number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  return row;
}

/** The case, locked for the transaction (FOR UPDATE); undefined when there is none. */
export async function lockCase(tx: Db, number: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select(caseColumns()).from(serviceCase).where(eq(serviceCase.number, number)).for('update');
  return row;
}

/** New values of a case's columns (a value, or SQL such as now()). */
export type CaseChange = { [K in keyof typeof serviceCase.$inferInsert]?: (typeof serviceCase.$inferInsert)[K] | SQL };

/** Changes the case's row (its updated_at too) and returns it as changed. */
export async function updateCase(tx: Db, id: number, set: CaseChange): Promise<CaseRow> {
  const [after] = await tx
    .update(serviceCase)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(serviceCase.id, id))
    .returning(caseColumns());
  return after;
}

export async function caseEvents(db: Db, caseId: number) {
  return db.select().from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id));
}

export async function materialsOf(tx: Db, caseId: number) {
  return tx.select().from(caseMaterial).where(eq(caseMaterial.caseId, caseId));
}

export async function caseMaterials(db: Db, caseId: number) {
  return materialsOf(db, caseId);
}

export type MaterialValues = Partial<typeof caseMaterial.$inferInsert>;

export async function findMaterial(tx: Db, caseId: number, key: string) {
  const [row] = await tx
    .select()
    .from(caseMaterial)
    .where(and(eq(caseMaterial.caseId, caseId), eq(caseMaterial.materialKey, key)));
  return row;
}

/** Stores a material of the case (as uploaded, pledged or a licence), in place of what was there (a gap's deadline goes). */
export async function saveMaterialRow(tx: Db, caseId: number, key: string, values: MaterialValues) {
  await tx
    .insert(caseMaterial)
    .values({ caseId, materialKey: key, mode: 'upload', ...values })
    .onConflictDoUpdate({ target: [caseMaterial.caseId, caseMaterial.materialKey], set: { ...values, gapDueOn: null, updatedAt: sql`now()` } });
}

/** Whether an interval of one kind (opened by `start`, closed by `end`) is still open among the case's events. */
async function isOpen(tx: Db, caseId: number, start: string, end: string): Promise<boolean> {
  const events = await tx.select({ type: caseEvent.type }).from(caseEvent).where(eq(caseEvent.caseId, caseId)).orderBy(asc(caseEvent.id));
  return events.reduce((open, e) => (e.type === start ? true : e.type === end ? false : open), false);
}

export const hasOpenCorrection = (tx: Db, caseId: number) => isOpen(tx, caseId, 'correction_requested', 'correction_answered');
export const openSpecial = (tx: Db, caseId: number) => isOpen(tx, caseId, 'special_started', 'special_ended');

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
export async function nextCaseNumber(db: Db, regionCode: string, day: string): Promise<string> {
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

export async function addEvent(tx: Db, row: CaseRow, actor: { userId: number | null; name: string }, type: string, data: Record<string, unknown> = {}) {
  await tx.insert(caseEvent).values({ caseId: row.id, type, onDay: today(), actorUserId: actor.userId, actorName: actor.name, data });
}

/** Several events of one case by one actor, in one statement (in the order given, as one addEvent after another). */
export async function addEvents(
  tx: Db,
  row: CaseRow,
  actor: { userId: number | null; name: string },
  events: { type: string; data: Record<string, unknown> }[],
) {
  const onDay = today();
  await tx
    .insert(caseEvent)
    .values(events.map((e) => ({ caseId: row.id, type: e.type, onDay, actorUserId: actor.userId, actorName: actor.name, data: e.data })));
}

export async function notify(tx: Db, userIds: (number | null | undefined)[], row: Pick<CaseRow, 'id' | 'number'>, kind: string, title: string, body: string) {
  await notifyUsers(tx, { userIds, caseId: row.id, kind, title, body });
}

/**
 * Whether the active grant `g` (pub_accounts_active_grant) is a window clerk's whose scope holds a case of this region
 * and department: cases.accept is region-wide (前台综合受理), so a clerk's region covers every department's cases in
 * it and below it (regionPrefix of platform/scope.ts: trailing 00 pairs dropped, two digits kept); a grant without a
 * region covers its department's cases, or all of them. Admins hold cases.accept too, but are not told of each case.
 */
export const WINDOW_CLERK = (region: string, department: string) =>
  `g.role = 'clerk' AND CASE WHEN g.region_code IS NOT NULL THEN starts_with(${region}, regexp_replace(g.region_code, '^(.{2,}?)(00)+$', '\\1'))
   ELSE g.department_id IS NULL OR g.department_id = ${department} END`;

/** Tells the window clerks of the case's region that it was submitted (the bell of the window's workbench); not the one who submitted it. */
export async function notifyWindowClerks(tx: Db, row: Pick<CaseRow, 'id' | 'number'>, actorUserId: number, title: string, body: string) {
  const clerks = await queryRows<{ id: number }>(
    tx,
    sql`SELECT DISTINCT g.user_id::int AS id FROM service_case c JOIN pub_accounts_active_grant g ON ${sql.raw(WINDOW_CLERK('c.region_code', 'c.department_id'))}
        WHERE c.id = ${row.id} AND g.user_id <> ${actorUserId}`,
  );
  await notify(
    tx,
    clerks.map((c) => Number(c.id)),
    row,
    'submitted',
    title,
    body,
  );
}

/** The drafts open in a user's name: its own, those it keeps as agent (while it may), those it entered at the window. */
export async function openDrafts(db: Db, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM service_case WHERE status = 'draft'
          AND (owner_user_id = ${userId} OR ${actingAgent('service_case', today())} = ${userId} OR entered_by_user_id = ${userId})`,
  );
  return Number(row.n);
}

export interface AppliedCase {
  number: string;
  /** decided: granted at once by the item's rules (秒批, cases.instant.ts). */
  status: 'draft' | 'submitted' | 'decided';
  version: number;
  instantApproval?: InstantOutcome;
}

/** One application as the statement reads it (batch_items and jsonb_to_record; `i`, its place in the batch, is added there). */
const APPLY_ROW = batchRow({
  implementation_id: 'bigint',
  version_id: 'bigint',
  scope: 'text',
  key: 'text',
  request_hash: 'text',
  reply: 'jsonb',
  number: 'text',
  department_id: 'bigint',
  region_code: 'text',
  status: 'text',
  channel: 'text',
  owner_user_id: 'bigint null',
  agent_user_id: 'bigint null',
  mandate_id: 'bigint null',
  entered_by_user_id: 'bigint null',
  applicant_kind: 'text',
  applicant_name: 'text',
  applicant_id_type: 'text',
  applicant_id_number: 'text',
  contact_name: 'text null',
  contact_phone: 'text null',
  form_data: 'jsonb',
  visits: 'int',
  version: 'int',
  received_on: 'date null',
  day: 'date',
  actor_user_id: 'bigint',
  actor_name: 'text',
  events: 'jsonb',
  audit: 'jsonb',
  submitted_title: 'text null',
  submitted_body: 'text null',
});
export type ApplyRow = typeof APPLY_ROW.type;
/** The fields the case row takes as they are (the version and the time of receipt are written apart). */
const CASE_FIELDS = [
  'number',
  'implementation_id',
  'department_id',
  'region_code',
  'status',
  'channel',
  'owner_user_id',
  'agent_user_id',
  'mandate_id',
  'entered_by_user_id',
  'applicant_kind',
  'applicant_name',
  'applicant_id_type',
  'applicant_id_number',
  'contact_name',
  'contact_phone',
  'form_data',
  'visits',
  'version',
  'received_on',
] as const;

/**
 * Applications in one statement that commits on its own, for any number of applicants at once: for each, the
 * Idempotency-Key claim, the case, its events and audit entry are written together or not at all, and only while the
 * item is still published in the version the form was checked against (`published` 0 otherwise). A key claimed
 * already — before, or earlier in the same batch — claims nothing (`claimed` 0): the caller replays the stored reply.
 */
const APPLY = `
  WITH q AS (
    SELECT q.* FROM batch_items($1::jsonb) b, jsonb_to_record(b) AS ${APPLY_ROW.record('q', true)}
  ), pub AS (
    SELECT q.*, row_number() OVER (PARTITION BY q.scope, q.key ORDER BY q.i) AS nth FROM q
    JOIN pub_catalog_implementation m ON m.id = q.implementation_id AND m.status = 'published' AND m.published_version_id = q.version_id
      AND m.department_id = q.department_id AND m.region_code = q.region_code
  ), claim AS (
    INSERT INTO idempotency_key (scope, key, request_hash, status, response) SELECT pub.scope, pub.key, pub.request_hash, 201, pub.reply
    FROM pub WHERE pub.nth = 1 ORDER BY pub.i
    ON CONFLICT DO NOTHING RETURNING scope, key
  ), cq AS (
    SELECT pub.* FROM pub JOIN claim ON claim.scope = pub.scope AND claim.key = pub.key WHERE pub.nth = 1
  ), c AS (
    INSERT INTO service_case (${APPLY_ROW.columns(CASE_FIELDS)}, implementation_version_id, received_at)
    SELECT ${APPLY_ROW.values('cq', CASE_FIELDS)}, cq.version_id, CASE WHEN cq.received_on IS NULL THEN NULL ELSE now() END
    FROM cq ORDER BY cq.i
    RETURNING id, number
  ), ev AS (
    INSERT INTO case_event (case_id, type, on_day, actor_user_id, actor_name, data)
    SELECT c.id, e.v->>'type', cq.day, cq.actor_user_id, cq.actor_name, e.v->'data'
    FROM c JOIN cq ON cq.number = c.number, jsonb_array_elements(cq.events) WITH ORDINALITY AS e(v, n) ORDER BY cq.i, e.n
  ), note AS (
    INSERT INTO notification (user_id, case_id, kind, title, body)
    SELECT DISTINCT g.user_id, c.id, 'submitted', cq.submitted_title, cq.submitted_body
    FROM c JOIN cq ON cq.number = c.number JOIN pub_accounts_active_grant g ON ${WINDOW_CLERK('cq.region_code', 'cq.department_id')}
    WHERE cq.submitted_body IS NOT NULL AND g.user_id <> cq.actor_user_id
  ), au AS (${auditInsertSql('cq.audit', 'c JOIN cq ON cq.number = c.number')})
  SELECT EXISTS (SELECT 1 FROM pub WHERE pub.i = x.i)::int AS published, EXISTS (SELECT 1 FROM cq WHERE cq.i = x.i)::int AS claimed
  FROM q x ORDER BY x.i`;

/** The application statement of a database, behind a group commit (platform/batch.ts, ADR 0010). */
export const applyStatement = perDatabase((db) =>
  batched((rows: ApplyRow[]) =>
    rawQuery<{ published: number; claimed: number }>(db, 'cases.apply', APPLY, [JSON.stringify(rows.map((r, i) => ({ ...r, i })))]),
  ),
);

/** What the window needs to decide on acceptance, in one prepared statement for any number of cases: each case, its
 *  events and materials, and the calendar's revision. */
export const ACCEPT_READ = `
  SELECT c.id::int AS id, c.number, c.status, c.version, c.region_code AS "regionCode", c.department_id::int AS "departmentId",
         c.implementation_version_id::int AS "versionId", c.owner_user_id::int AS "ownerUserId", c.agent_user_id::int AS "agentUserId",
         coalesce((SELECT json_agg(json_build_object('type', e.type, 'onDay', e.on_day) ORDER BY e.id) FROM case_event e WHERE e.case_id = c.id), '[]'::json) AS events,
         coalesce((SELECT json_agg(json_build_object('key', m.material_key, 'mode', m.mode)) FROM case_material m WHERE m.case_id = c.id), '[]'::json) AS materials,
         ${CALENDAR_REVISION_SQL} AS calendar,
         (SELECT i.item_type FROM pub_catalog_implementation i WHERE i.id = c.implementation_id) AS "itemType"
  FROM service_case c WHERE c.number IN (SELECT b #>> '{}' FROM batch_items($1::jsonb) b)`;

export interface AcceptRead {
  id: number;
  number: string;
  status: string;
  version: number;
  regionCode: string;
  departmentId: number;
  versionId: number;
  ownerUserId: number | null;
  agentUserId: number | null;
  events: { type: string; onDay: string }[];
  materials: { key: string; mode: string }[];
  calendar: string;
  itemType: string;
}

/** One acceptance as the write reads it (batch_items and jsonb_to_record; `i`, its place in the batch, is added there). */
const ACCEPT_CHANGE = batchRow({
  id: 'bigint',
  version: 'int',
  status: 'text',
  accepted_on: 'date',
  deemed: 'boolean',
  step_key: 'text',
  gaps: 'jsonb',
  department_id: 'bigint',
  steps: 'jsonb',
  title: 'text',
  body: 'text',
  recipients: 'bigint[]',
  day: 'date',
  actor_user_id: 'bigint',
  actor_name: 'text',
  data: 'jsonb',
  audit: 'jsonb',
});
type AcceptChange = typeof ACCEPT_CHANGE.type;

/**
 * Acceptances in one statement that commits on its own: each case changes only if nobody changed it since it was
 * read (and only once if it is twice in the batch); its gaps, the department's steps, the notification, the event
 * and the audit entry are written with it.
 */
export const ACCEPT_WRITE = `
  WITH items AS (
    SELECT q.*, row_number() OVER (PARTITION BY q.id ORDER BY q.i) AS twice
    FROM batch_items($1::jsonb) b, jsonb_to_record(b) AS ${ACCEPT_CHANGE.record('q', true)}
  ), q AS (
    SELECT * FROM items WHERE items.twice = 1
  ), upd AS (
    UPDATE service_case c SET status = q.status, accepted_on = q.accepted_on, deemed_accepted = q.deemed, current_step_key = q.step_key,
      version = c.version + 1, updated_at = now()
    FROM q WHERE c.id = q.id AND c.version = q.version RETURNING c.id, c.owner_user_id, c.agent_user_id, c.implementation_id
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
    INSERT INTO notification (user_id, case_id, kind, title, body) SELECT u, uq.id, 'accepted', uq.title, uq.body
    FROM uq JOIN upd ON upd.id = uq.id, unnest(uq.recipients) u
    -- The agent is told only while it may act for the principal (cases.agent.ts).
    WHERE u IS DISTINCT FROM upd.agent_user_id OR ${actingAgentSql('upd', 'uq.day')} IS NOT NULL
  ), ev AS (
    INSERT INTO case_event (case_id, type, on_day, actor_user_id, actor_name, data) SELECT uq.id, 'accepted', uq.day, uq.actor_user_id, uq.actor_name, uq.data FROM uq
  ), au AS (${auditInsertSql('uq.audit', 'uq')})
  SELECT (uq.i IS NOT NULL)::int AS done FROM items x LEFT JOIN uq ON uq.i = x.i ORDER BY x.i`;

/** The acceptance statements of a database, behind group commits (platform/batch.ts): concurrent acceptances share
 *  one read and one write. */
export const acceptStatements = perDatabase((db) => ({
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

// ── Steps of the review ─────────────────────────────────────────────────────────────────────────────────────

export type StepRow = typeof caseStep.$inferSelect;

/** A case's steps, in order. */
export async function caseSteps(db: Db, caseId: number): Promise<StepRow[]> {
  return db.select().from(caseStep).where(eq(caseStep.caseId, caseId)).orderBy(asc(caseStep.position));
}

/** The case's active step, locked, or undefined when none is. */
export async function lockActiveStep(tx: Db, caseId: number): Promise<StepRow | undefined> {
  const [step] = await tx
    .select()
    .from(caseStep)
    .where(and(eq(caseStep.caseId, caseId), eq(caseStep.status, 'active')))
    .for('update');
  return step;
}

/** The position of the case's last step. */
export async function lastStepPosition(tx: Db, caseId: number): Promise<number> {
  const [{ last }] = await tx
    .select({ last: sql<number>`max(${caseStep.position})` })
    .from(caseStep)
    .where(eq(caseStep.caseId, caseId));
  return Number(last);
}

export async function assignStep(tx: Db, stepId: number, userId: number): Promise<void> {
  await tx.update(caseStep).set({ assigneeUserId: userId }).where(eq(caseStep.id, stepId));
}

/** Ends a step: done, or returned (sent back to an earlier one), with its result and opinion. */
export async function endStep(tx: Db, stepId: number, end: { status: 'done' | 'returned'; result: string; opinion: string }): Promise<void> {
  await tx
    .update(caseStep)
    .set({ ...end, completedAt: sql`now()` })
    .where(eq(caseStep.id, stepId));
}

/** Back to `target`: the steps after it wait again, and it starts anew, unclaimed. */
export async function reopenStep(tx: Db, caseId: number, target: Pick<StepRow, 'id' | 'position'>): Promise<void> {
  await tx
    .update(caseStep)
    .set({ status: 'pending' })
    .where(and(eq(caseStep.caseId, caseId), sql`${caseStep.position} > ${target.position}`));
  await tx
    .update(caseStep)
    .set({ status: 'active', assigneeUserId: null, result: null, opinion: null, completedAt: null, startedAt: sql`now()` })
    .where(eq(caseStep.id, target.id));
}

/** Starts the step at `position`; the step started. */
export async function startStepAt(tx: Db, caseId: number, position: number): Promise<StepRow> {
  const [next] = await tx
    .update(caseStep)
    .set({ status: 'active', startedAt: sql`now()` })
    .where(and(eq(caseStep.caseId, caseId), eq(caseStep.position, position)))
    .returning();
  return next;
}

/** Ends the active step of a case closed with another outcome (voided, transferred), with the reason. */
export async function closeActiveStep(tx: Db, caseId: number, reason: string): Promise<void> {
  await tx
    .update(caseStep)
    .set({ status: 'done', result: 'other', opinion: reason, completedAt: sql`now()` })
    .where(and(eq(caseStep.caseId, caseId), eq(caseStep.status, 'active')));
}

/** The keys of the materials accepted as gaps (容缺) and not supplied yet. */
export async function gapsOutstanding(tx: Db, caseId: number): Promise<string[]> {
  const rows = await tx
    .select({ key: caseMaterial.materialKey })
    .from(caseMaterial)
    .where(and(eq(caseMaterial.caseId, caseId), eq(caseMaterial.mode, 'gap')));
  return rows.map((r) => r.key);
}

/** Whether the case has had an event of `type`. */
export async function hasEvent(tx: Db, caseId: number, type: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: caseEvent.id })
    .from(caseEvent)
    .where(and(eq(caseEvent.caseId, caseId), eq(caseEvent.type, type)))
    .limit(1);
  return found !== undefined;
}
