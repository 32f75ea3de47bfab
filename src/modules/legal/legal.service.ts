import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { queryRows } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { today } from '../../platform/clock.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { getDepartment } from '../regions/index.ts';
import { regionContains } from '../../platform/scope.ts';
import { notify } from '../../platform/notify.ts';
import { indexTokens } from '../catalog/index.ts';
import {
  legalComment,
  legalDecision,
  legalDecisionEvaluation,
  legalDecisionStep,
  legalDocument,
  legalDocumentStep,
  legalDocumentVersion,
  legalNumberSequence,
} from './legal.schema.ts';
import { legalErrors } from './legal.errors.ts';
import { assertRecordFile } from './legal.files.ts';
import {
  articleDiff,
  assertDecidable,
  checkArticles,
  checkAfter,
  checkStep,
  commentOpen,
  decisionTransition,
  expiryNoticeDue,
  statusAfterEvaluation,
  commentPeriod,
  DEFAULT_NUMBER_FORMAT,
  filingDueOn,
  formatNumber,
  missingSteps,
  nextNumber,
  reviewClock,
  statusAfterReview,
  transitionOf,
  validityOn,
  validUntil,
  type Article,
  type DecisionAction,
  type DecisionStatus,
  type DecisionStep,
  type DocumentAction,
  type EvaluationConclusion,
  type DocumentStatus,
  type StepRecord,
} from './legal.core.ts';
import type { CreateDocumentInput, DecisionStepView, DocumentView, StepView } from './legal.types.ts';

type DocRow = typeof legalDocument.$inferSelect;
type DocInsert = typeof legalDocument.$inferInsert;
type DocSet = { [K in keyof DocInsert]?: DocInsert[K] | SQL };

/** The scope acting on a document or decision needs: its drafting department in its region. */
export const legalScope = (r: { regionCode: string; departmentId: number }): Scope => ({ regionCode: r.regionCode, departmentId: Number(r.departmentId) });

const DEPARTMENT_NAME = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "legal_document"."department_id")`;

function shapeDocument(row: DocRow, departmentName: string, on = today()): DocumentView {
  return {
    id: Number(row.id),
    title: row.title,
    regionCode: row.regionCode,
    departmentId: Number(row.departmentId),
    departmentName,
    issuerPrefix: row.issuerPrefix,
    numberFormat: row.numberFormat,
    marketRelated: row.marketRelated,
    reviewDays: row.reviewDays,
    validityYears: row.validityYears,
    status: row.status as DocumentStatus,
    commentOpensOn: row.commentOpensOn,
    commentClosesOn: row.commentClosesOn,
    adoptionSummary: row.adoptionSummary,
    reviewStartedOn: row.reviewStartedOn,
    reviewOpinion: row.reviewOpinion,
    docNumber: row.docNumber,
    publishedOn: row.publishedOn,
    interpretation: row.interpretation,
    filingDueOn: row.filingDueOn,
    filedOn: row.filedOn,
    filedWith: row.filedWith,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    endedOn: row.endedOn,
    validity: row.status === 'in_force' && row.validUntil ? validityOn(row.validUntil, on) : null,
    filingOverdue: row.status === 'in_force' && row.filedOn === null && row.filingDueOn !== null && on > row.filingDueOn,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
  };
}

export async function getDocument(db: Db, id: number): Promise<DocumentView> {
  const [r] = await db.select({ d: legalDocument, dept: DEPARTMENT_NAME }).from(legalDocument).where(eq(legalDocument.id, id));
  if (!r) throw legalErrors.LEGAL_DOCUMENT_NOT_FOUND({ id });
  return shapeDocument(r.d, r.dept);
}

const shapeVersion = (v: typeof legalDocumentVersion.$inferSelect) => ({
  id: Number(v.id),
  number: v.number,
  articles: v.articles as Article[],
  note: v.note,
  createdBy: v.createdBy,
  createdAt: iso(v.createdAt),
});

/** A document with its versions (newest first), every step, its review clock while reviewed, and the comment counts. */
export async function documentDetail(db: Db, id: number) {
  const doc = await getDocument(db, id);
  const versions = await db.select().from(legalDocumentVersion).where(eq(legalDocumentVersion.documentId, id)).orderBy(desc(legalDocumentVersion.number));
  const steps = await db.select().from(legalDocumentStep).where(eq(legalDocumentStep.documentId, id)).orderBy(legalDocumentStep.id);
  const counts = await db
    .select({ status: legalComment.status, n: sql<number>`count(*)::int` })
    .from(legalComment)
    .where(eq(legalComment.documentId, id))
    .groupBy(legalComment.status);
  const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const clock = doc.status === 'in_review' && doc.reviewStartedOn ? reviewClock(await loadCalendar(db), doc.reviewStartedOn, doc.reviewDays, today()) : null;
  return {
    ...doc,
    versions: versions.map(shapeVersion),
    steps: steps.map(
      (s) =>
        ({
          id: Number(s.id),
          action: s.action,
          actor: s.actor,
          onDay: s.onDay,
          data: s.data,
          fileId: s.fileId === null ? null : Number(s.fileId),
          at: iso(s.at),
        }) as StepView,
    ),
    reviewClock: clock,
    comments: { pending: count('pending'), approved: count('approved'), rejected: count('rejected') },
  };
}

/** Documents within the reader's scope, newest first. */
export async function listDocuments(db: Db, q: { within: ScopeFilter; status?: DocumentStatus; page: number; pageSize: number }) {
  const where: SQL[] = [scopeSql(q.within, sql`${legalDocument.regionCode}`, sql`${legalDocument.departmentId}`)];
  if (q.status) where.push(eq(legalDocument.status, q.status));
  const rows = await db
    .select({ d: legalDocument, dept: DEPARTMENT_NAME })
    .from(legalDocument)
    .where(and(...where))
    .orderBy(desc(legalDocument.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(legalDocument)
    .where(and(...where));
  const on = today();
  return { total: Number(total), items: rows.map((r) => shapeDocument(r.d, r.dept, on)) };
}

/** Where a new document belongs: its drafting department's region. */
export async function ownerOfDepartment(db: Db, departmentId: number): Promise<Scope & { regionCode: string; departmentId: number }> {
  const dept = await getDepartment(db, departmentId).catch(() => {
    throw legalErrors.LEGAL_DEPARTMENT_INVALID({ departmentId });
  });
  return { regionCode: dept.regionCode, departmentId: Number(dept.id) };
}

async function step(tx: Db, ctx: RequestContext, documentId: number, action: string, data: Record<string, unknown>, fileId?: number | null) {
  await assertRecordFile(tx, ctx, fileId);
  await tx.insert(legalDocumentStep).values({ documentId, action, actor: ctx.actor.username, onDay: today(), data, fileId: fileId ?? null });
}

/** A new document in drafting with its first version. One audit entry. */
export async function createDocument(
  tx: Db,
  ctx: RequestContext,
  input: Omit<CreateDocumentInput, 'departmentId'>,
  owner: { regionCode: string; departmentId: number },
) {
  const arts = checkArticles(input.articles);
  const numberFormat = input.numberFormat || DEFAULT_NUMBER_FORMAT;
  formatNumber(numberFormat, { prefix: input.issuerPrefix, year: 2000, seq: 1 });
  const [row] = await tx
    .insert(legalDocument)
    .values({
      ...owner,
      title: input.title,
      issuerPrefix: input.issuerPrefix,
      numberFormat,
      marketRelated: input.marketRelated,
      reviewDays: input.reviewDays,
      validityYears: input.validityYears,
      createdBy: ctx.actor.username,
    })
    .returning();
  const [v] = await tx.insert(legalDocumentVersion).values({ documentId: row.id, number: 1, articles: arts, createdBy: ctx.actor.username }).returning();
  await tx.update(legalDocument).set({ latestVersionId: v.id }).where(eq(legalDocument.id, row.id));
  await step(tx, ctx, row.id, 'create', { title: input.title, versionNumber: 1 });
  await writeAudit(tx, ctx, { action: 'legal.document.create', targetType: 'legal_document', targetId: row.id, change: { ...input, owner } });
  return documentDetail(tx, Number(row.id));
}

/**
 * One action on a document, in one transaction: the row locked, its row version checked, the state table asked, the
 * change made, the step recorded and the audit entry written.
 */
export async function act(
  db: Db,
  ctx: RequestContext,
  id: number,
  action: DocumentAction,
  version: number | null,
  change: (tx: Db, doc: DocRow, to: DocumentStatus) => Promise<{ set: DocSet; data: Record<string, unknown>; fileId?: number | null }>,
) {
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(legalDocument).where(eq(legalDocument.id, id)).for('update');
    if (!doc) throw legalErrors.LEGAL_DOCUMENT_NOT_FOUND({ id });
    const to = transitionOf(doc.status as DocumentStatus, action);
    if (version !== null && doc.version !== version) throw platformErrors.VERSION_CONFLICT({ current: doc.version });
    const { set, data, fileId } = await change(tx, doc, to);
    const status = (set.status as DocumentStatus | undefined) ?? to;
    await tx
      .update(legalDocument)
      .set({ ...set, status, version: doc.version + 1, updatedAt: sql`now()` })
      .where(eq(legalDocument.id, id));
    await step(tx, ctx, id, action, data, fileId);
    await writeAudit(tx, ctx, {
      action: `legal.document.${action}`,
      targetType: 'legal_document',
      targetId: id,
      change: { from: doc.status, to: status, ...data },
    });
    return documentDetail(tx, id);
  });
}

async function latestVersion(tx: Db, doc: DocRow) {
  const [v] = await tx.select().from(legalDocumentVersion).where(eq(legalDocumentVersion.id, doc.latestVersionId!));
  return v;
}

/** A new version of the text while drafting (the versions before it stay as they were). */
export const saveVersion = (db: Db, ctx: RequestContext, id: number, input: { articles: Article[]; note?: string | null; version: number }) =>
  act(db, ctx, id, 'save_version', input.version, async (tx, doc) => {
    const arts = checkArticles(input.articles);
    const before = await latestVersion(tx, doc);
    const [v] = await tx
      .insert(legalDocumentVersion)
      .values({ documentId: id, number: before.number + 1, articles: arts, note: input.note ?? null, createdBy: ctx.actor.username })
      .returning();
    const changes = articleDiff(before.articles as Article[], arts).filter((c) => c.change !== 'same').length;
    return { set: { latestVersionId: v.id }, data: { versionNumber: v.number, changedArticles: changes } };
  });

/** The article-by-article diff between two version numbers of a document. */
export async function diffVersions(db: Db, id: number, from: number, to: number) {
  const rows = await db
    .select()
    .from(legalDocumentVersion)
    .where(and(eq(legalDocumentVersion.documentId, id), inArray(legalDocumentVersion.number, [from, to])));
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a || !b) throw legalErrors.LEGAL_VERSION_NOT_FOUND({ from, to });
  return { from, to, changes: articleDiff(a.articles as Article[], b.articles as Article[]) };
}

/** Opens the latest version to public comment today, for the lawful minimum or longer (国办发〔2018〕37号). */
export const openComment = (db: Db, ctx: RequestContext, id: number, input: { closesOn?: string | null; version: number }) =>
  act(db, ctx, id, 'open_comment', input.version, async (tx, doc) => {
    const period = commentPeriod(await loadCalendar(tx), today(), doc.marketRelated, input.closesOn);
    return {
      set: { commentOpensOn: period.opensOn, commentClosesOn: period.closesOn },
      data: { ...period, marketRelated: doc.marketRelated, versionId: Number(doc.latestVersionId) },
    };
  });

/** Ends the comment period once it has run (not before), records the adoption summary and starts the review clock. */
export const closeComment = (db: Db, ctx: RequestContext, id: number, input: { adoptionSummary: string; version: number }) =>
  act(db, ctx, id, 'close_comment', input.version, async (tx, doc) => {
    const on = today();
    if (doc.commentClosesOn && on <= doc.commentClosesOn) throw legalErrors.LEGAL_COMMENT_PERIOD_OPEN({ closesOn: doc.commentClosesOn, today: on });
    const [pending] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM legal_comment WHERE document_id = ${id} AND status = 'pending'`);
    return {
      set: { adoptionSummary: input.adoptionSummary, reviewStartedOn: on, reviewOpinion: null },
      data: { adoptionSummary: input.adoptionSummary, reviewStartedOn: on, reviewDays: doc.reviewDays, pendingComments: Number(pending.n) },
    };
  });

/** The legality review's opinion (国办发〔2018〕115号): pass goes on; amend and fail return the draft, with reasons. */
export const reviewDocument = (
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { opinion: 'pass' | 'amend' | 'fail'; reasons: string; fileId?: number | null; version: number },
) =>
  act(db, ctx, id, 'review', input.version, async (tx, doc) => {
    const clock = reviewClock(await loadCalendar(tx), doc.reviewStartedOn ?? today(), doc.reviewDays, today());
    const after = statusAfterReview(input.opinion);
    return {
      set: {
        status: after,
        reviewOpinion: input.opinion,
        ...(after === 'drafting' ? { commentOpensOn: null, commentClosesOn: null } : {}),
      },
      data: { opinion: input.opinion, reasons: input.reasons, dueOn: clock.dueOn, overdue: clock.overdue },
      fileId: input.fileId,
    };
  });

export const deliberate = (
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { meeting: string; meetingOn: string; minutes: string; fileId?: number | null; version: number },
) =>
  act(db, ctx, id, 'deliberate', input.version, async () => ({
    set: {},
    data: { meeting: input.meeting, meetingOn: input.meetingOn, minutes: input.minutes },
    fileId: input.fileId,
  }));

/** Takes the next unified number of the issuer and year in this transaction (gapless: the row is locked). */
async function takeNumber(tx: Db, doc: DocRow, asked?: number | null) {
  const year = Number(today().slice(0, 4));
  await tx.insert(legalNumberSequence).values({ issuerPrefix: doc.issuerPrefix, year, last: 0 }).onConflictDoNothing();
  const [seqRow] = await tx
    .select()
    .from(legalNumberSequence)
    .where(and(eq(legalNumberSequence.issuerPrefix, doc.issuerPrefix), eq(legalNumberSequence.year, year)))
    .for('update');
  const seq = nextNumber(seqRow.last, asked);
  await tx
    .update(legalNumberSequence)
    .set({ last: seq })
    .where(and(eq(legalNumberSequence.issuerPrefix, doc.issuerPrefix), eq(legalNumberSequence.year, year)));
  return { numberYear: year, numberSeq: seq, docNumber: formatNumber(doc.numberFormat, { prefix: doc.issuerPrefix, year, seq }) };
}

/** 统一登记、统一编号: the next number of the issuer and year; one asked for out of sequence is refused. */
export const registerDocument = (db: Db, ctx: RequestContext, id: number, input: { seq?: number | null; version: number }) =>
  act(db, ctx, id, 'register', input.version, async (tx, doc) => {
    const n = await takeNumber(tx, doc, input.seq);
    return { set: n, data: n };
  });

/** 统一公布: in force from today for its validity; filing due 30 days on; the public library indexes its text. */
export const publishDocument = (db: Db, ctx: RequestContext, id: number, input: { interpretation?: string | null; version: number }) =>
  act(db, ctx, id, 'publish', input.version, async (tx, doc) => {
    const on = today();
    const until = validUntil(on, doc.validityYears);
    const v = await latestVersion(tx, doc);
    const words = [doc.title, doc.docNumber ?? '', ...(v.articles as Article[]).map((a) => a.text)].join(' ');
    return {
      set: {
        publishedOn: on,
        interpretation: input.interpretation ?? null,
        validFrom: on,
        validUntil: until,
        filingDueOn: filingDueOn(on),
        searchVector: sql`to_tsvector('simple', ${indexTokens(words).join(' ')})`,
      },
      data: { publishedOn: on, validUntil: until, filingDueOn: filingDueOn(on), docNumber: doc.docNumber },
    };
  });

/** 备案 with the superior body; late filing is recorded as late. */
export const fileDocument = (db: Db, ctx: RequestContext, id: number, input: { filedWith: string; filedOn: string; fileId?: number | null; version: number }) =>
  act(db, ctx, id, 'file', input.version, async (_tx, doc) => {
    if (doc.filedOn) throw legalErrors.LEGAL_ILLEGAL_TRANSITION({ status: doc.status, action: 'file', filedOn: doc.filedOn });
    if (input.filedOn < (doc.publishedOn ?? input.filedOn) || input.filedOn > today())
      throw platformErrors.VALIDATION_FAILED({ filedOn: 'between publication and today' });
    return {
      set: { filedOn: input.filedOn, filedWith: input.filedWith },
      data: { filedWith: input.filedWith, filedOn: input.filedOn, dueOn: doc.filingDueOn, late: doc.filingDueOn !== null && input.filedOn > doc.filingDueOn },
      fileId: input.fileId,
    };
  });

/** Renewal after evaluation: re-registered and renumbered, published again, the period restarting today. */
export const renewDocument = (db: Db, ctx: RequestContext, id: number, input: { validityYears?: number; version: number }) =>
  act(db, ctx, id, 'renew', input.version, async (tx, doc) => {
    const n = await takeNumber(tx, doc);
    const on = today();
    const years = input.validityYears ?? doc.validityYears;
    const until = validUntil(on, years);
    return {
      set: { ...n, validityYears: years, publishedOn: on, validFrom: on, validUntil: until, filingDueOn: filingDueOn(on), filedOn: null, filedWith: null },
      data: { previousNumber: doc.docNumber, docNumber: n.docNumber, validFrom: on, validUntil: until },
    };
  });

export const repealDocument = (db: Db, ctx: RequestContext, id: number, input: { reason: string; version: number }) =>
  act(db, ctx, id, 'repeal', input.version, async () => ({ set: { endedOn: today() }, data: { reason: input.reason } }));

/** The job: documents in force past their last day lapse (自然失效), each with its step and audit entry. */
export async function lapseExpired(db: Db, ctx: RequestContext): Promise<number> {
  const on = today();
  const due = await db
    .select({ id: legalDocument.id })
    .from(legalDocument)
    .where(and(eq(legalDocument.status, 'in_force'), lt(legalDocument.validUntil, on)));
  let n = 0;
  for (const { id } of due) {
    await act(db, ctx, Number(id), 'lapse', null, async (_tx, doc) => ({
      set: { endedOn: shiftDay(doc.validUntil!, 1) },
      data: { validUntil: doc.validUntil },
    }));
    n++;
  }
  return n;
}
/**
 * Who is told that a document enters its last six months: the legal officers whose grant names its drafting
 * department; where none does, the legal officers whose region holds the document's (legal.edit is region-wide).
 */
async function expiryRecipients(tx: Db, doc: { regionCode: string; departmentId: number }): Promise<number[]> {
  const grants = await queryRows<{ id: number; region_code: string | null; department_id: number | null }>(
    tx,
    sql`SELECT g.user_id::int AS id, g.region_code, g.department_id FROM pub_accounts_active_grant g WHERE g.role = 'legal_officer'`,
  );
  const own = grants.filter((g) => g.department_id !== null && Number(g.department_id) === Number(doc.departmentId));
  const chosen = own.length ? own : grants.filter((g) => g.region_code === null || regionContains(g.region_code, doc.regionCode));
  return chosen.map((g) => Number(g.id));
}

export const EXPIRY_NOTICE_KIND = 'legal_document_expiring';

/**
 * The job's second part: a document in force that has entered its last six months is announced, once per validity
 * period, to its legal officers in the app (platform/notify.ts). The row is locked and the period it was announced for
 * stored in the same transaction, so two processes running the job never announce it twice. Returns how many.
 */
export async function noticeExpiring(db: Db, ctx: RequestContext): Promise<number> {
  const on = today();
  const candidates = await db
    .select({ id: legalDocument.id })
    .from(legalDocument)
    .where(
      and(
        eq(legalDocument.status, 'in_force'),
        sql`${legalDocument.validUntil} >= ${on}`,
        sql`${legalDocument.expiryNoticeFor} IS DISTINCT FROM ${legalDocument.validUntil}`,
        sql`${legalDocument.validUntil} <= (${on}::date + interval '7 months')::date`,
      ),
    );
  let n = 0;
  for (const { id } of candidates) {
    n += await db.transaction(async (tx) => {
      const [doc] = await tx.select().from(legalDocument).where(eq(legalDocument.id, id)).for('update', { skipLocked: true });
      if (!doc || !expiryNoticeDue(doc, on)) return 0;
      const name = doc.docNumber ? `《${doc.title}》（${doc.docNumber}）` : `《${doc.title}》`;
      const told = await notify(tx, {
        userIds: await expiryRecipients(tx, doc),
        kind: EXPIRY_NOTICE_KIND,
        title: `规范性文件即将到期：${doc.title}`,
        body: `${name}有效期至 ${doc.validUntil}，已进入最后六个月。请组织评估，需要继续施行的应在到期前重新登记编号、公布；不再施行的到期自动失效。`,
      });
      await tx.update(legalDocument).set({ expiryNoticeFor: doc.validUntil }).where(eq(legalDocument.id, id));
      await writeAudit(tx, ctx, {
        action: 'legal.document.expiry_notice',
        targetType: 'legal_document',
        targetId: id,
        change: { validUntil: doc.validUntil, told },
      });
      return 1;
    });
  }
  return n;
}

const shiftDay = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ── Public comment ──────────────────────────────────────────────────────────────────────────────────────

const PUBLIC_CTX: RequestContext = { actor: { id: null, username: 'public', role: null }, requestId: null };

/** A comment on one article, by anyone, while the period runs; held for moderation. */
export async function submitComment(db: Db, id: number, input: { articleNo: number; body: string; authorName?: string | null }, requestId: string) {
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(legalDocument).where(eq(legalDocument.id, id));
    if (!doc) throw legalErrors.LEGAL_DOCUMENT_NOT_FOUND({ id });
    const on = today();
    if (doc.status !== 'commenting' || !commentOpen({ opensOn: doc.commentOpensOn, closesOn: doc.commentClosesOn }, on))
      throw legalErrors.LEGAL_COMMENT_PERIOD_CLOSED({ opensOn: doc.commentOpensOn, closesOn: doc.commentClosesOn });
    const v = await latestVersion(tx, doc);
    if (!(v.articles as Article[]).some((a) => a.no === input.articleNo)) throw legalErrors.LEGAL_COMMENT_ARTICLE_UNKNOWN({ articleNo: input.articleNo });
    const [c] = await tx
      .insert(legalComment)
      .values({ documentId: id, versionId: v.id, articleNo: input.articleNo, body: input.body, authorName: input.authorName || null })
      .returning();
    await writeAudit(
      tx,
      { ...PUBLIC_CTX, requestId },
      { action: 'legal.comment.submit', targetType: 'legal_comment', targetId: c.id, change: { documentId: id, articleNo: input.articleNo } },
    );
    return { id: Number(c.id), status: 'pending' as const };
  });
}

const shapeComment = (c: typeof legalComment.$inferSelect) => ({
  id: Number(c.id),
  articleNo: c.articleNo,
  body: c.body,
  authorName: c.authorName,
  status: c.status as 'pending' | 'approved' | 'rejected',
  answer: c.answer,
  adopted: c.adopted,
  createdAt: iso(c.createdAt),
});

export async function listComments(db: Db, id: number) {
  const rows = await db.select().from(legalComment).where(eq(legalComment.documentId, id)).orderBy(legalComment.articleNo, legalComment.id);
  return rows.map(shapeComment);
}

export async function commentDocumentId(db: Db, commentId: number): Promise<number> {
  const [c] = await db.select({ documentId: legalComment.documentId }).from(legalComment).where(eq(legalComment.id, commentId));
  if (!c) throw legalErrors.LEGAL_COMMENT_NOT_FOUND({ id: commentId });
  return Number(c.documentId);
}

/** The officer approves (shown) or rejects a held comment, with an answer and whether it was adopted. */
export async function moderateComment(
  db: Db,
  ctx: RequestContext,
  commentId: number,
  input: { approve: boolean; answer?: string | null; adopted?: boolean | null },
) {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(legalComment).where(eq(legalComment.id, commentId)).for('update');
    if (!c) throw legalErrors.LEGAL_COMMENT_NOT_FOUND({ id: commentId });
    if (c.status !== 'pending') throw legalErrors.LEGAL_COMMENT_ALREADY_MODERATED({ status: c.status });
    const [after] = await tx
      .update(legalComment)
      .set({
        status: input.approve ? 'approved' : 'rejected',
        answer: input.answer || null,
        adopted: input.adopted ?? null,
        moderatedBy: ctx.actor.username,
        moderatedAt: sql`now()`,
      })
      .where(eq(legalComment.id, commentId))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'legal.comment.moderate',
      targetType: 'legal_comment',
      targetId: commentId,
      change: { approve: input.approve, answer: input.answer ?? null, adopted: input.adopted ?? null },
    });
    return shapeComment(after);
  });
}

// ── The public library ──────────────────────────────────────────────────────────────────────────────────

const PUBLIC_STATUSES = ['in_force', 'lapsed', 'repealed'] as const;

/** A query as lexemes that must all match: bigrams of each CJK run (a lone character as itself), words as prefixes. */
function tsQueryOf(q: string): string | undefined {
  const terms: string[] = [];
  for (const word of q.split(/\s+/).filter(Boolean)) {
    const tokens = indexTokens(word);
    const han = tokens.filter((t) => /^\p{Script=Han}{2}$/u.test(t));
    if (han.length) terms.push(...han);
    else terms.push(...tokens.map((t) => (/^\p{Script=Han}$/u.test(t) ? t : `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`)).filter((t) => t !== ':*'));
  }
  return terms.length ? [...new Set(terms)].join(' & ') : undefined;
}

/** Published documents (in force, lapsed, repealed), by Chinese search over title, number and text. */
export async function publicLibrary(db: Db, q: { q?: string; status?: (typeof PUBLIC_STATUSES)[number]; page: number; pageSize: number }) {
  const where: SQL[] = [inArray(legalDocument.status, q.status ? [q.status] : [...PUBLIC_STATUSES])];
  const tsq = q.q ? tsQueryOf(q.q) : undefined;
  if (q.q && !tsq) return { total: 0, items: [] };
  if (tsq) where.push(sql`${legalDocument.searchVector} @@ to_tsquery('simple', ${tsq})`);
  const rows = await db
    .select({ d: legalDocument, dept: DEPARTMENT_NAME })
    .from(legalDocument)
    .where(and(...where))
    .orderBy(desc(legalDocument.publishedOn), desc(legalDocument.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(legalDocument)
    .where(and(...where));
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: Number(r.d.id),
      title: r.d.title,
      departmentName: r.dept,
      status: r.d.status as DocumentStatus,
      docNumber: r.d.docNumber,
      publishedOn: r.d.publishedOn,
      validUntil: r.d.validUntil,
      endedOn: r.d.endedOn,
    })),
  };
}

/** Documents open to comment today. */
export async function consultations(db: Db) {
  const on = today();
  const rows = await db
    .select({ d: legalDocument, dept: DEPARTMENT_NAME })
    .from(legalDocument)
    .where(and(eq(legalDocument.status, 'commenting'), sql`${legalDocument.commentClosesOn} >= ${on}`))
    .orderBy(legalDocument.commentClosesOn);
  return rows.map((r) => ({
    id: Number(r.d.id),
    title: r.d.title,
    departmentName: r.dept,
    commentOpensOn: r.d.commentOpensOn,
    commentClosesOn: r.d.commentClosesOn,
  }));
}

/** What anyone sees of a document: while open to comment or once published — its text, approved comments, summary. */
export async function publicDocument(db: Db, id: number) {
  const [r] = await db.select({ d: legalDocument, dept: DEPARTMENT_NAME }).from(legalDocument).where(eq(legalDocument.id, id));
  if (!r || !['commenting', ...PUBLIC_STATUSES].includes(r.d.status)) throw legalErrors.LEGAL_DOCUMENT_NOT_FOUND({ id });
  const v = await latestVersion(db, r.d);
  const comments = await db
    .select()
    .from(legalComment)
    .where(and(eq(legalComment.documentId, id), eq(legalComment.status, 'approved')))
    .orderBy(legalComment.articleNo, legalComment.id);
  const d = r.d;
  return {
    id: Number(d.id),
    title: d.title,
    departmentName: r.dept,
    status: d.status as DocumentStatus,
    docNumber: d.docNumber,
    publishedOn: d.publishedOn,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    endedOn: d.endedOn,
    commentOpensOn: d.commentOpensOn,
    commentClosesOn: d.commentClosesOn,
    adoptionSummary: d.adoptionSummary,
    interpretation: d.interpretation,
    articles: v.articles as Article[],
    comments: comments.map((c) => {
      const { status: _status, ...rest } = shapeComment(c);
      return rest;
    }),
  };
}

// ── Major administrative decisions ──────────────────────────────────────────────────────────────────────

const DECISION_DEPT = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "legal_decision"."department_id")`;

function shapeDecision(d: typeof legalDecision.$inferSelect, dept: string, steps: string[]) {
  return {
    id: Number(d.id),
    title: d.title,
    regionCode: d.regionCode,
    departmentId: Number(d.departmentId),
    departmentName: dept,
    year: d.year,
    status: d.status as DecisionStatus,
    decidedOn: d.decidedOn,
    decision: d.decision,
    publishedOn: d.publishedOn,
    executedFrom: d.executedFrom,
    missingSteps: missingSteps(steps),
    version: d.version,
  };
}

export async function decisionDetail(db: Db, id: number) {
  const [r] = await db.select({ d: legalDecision, dept: DECISION_DEPT }).from(legalDecision).where(eq(legalDecision.id, id));
  if (!r) throw legalErrors.LEGAL_DECISION_NOT_FOUND({ id });
  const steps = await db.select().from(legalDecisionStep).where(eq(legalDecisionStep.decisionId, id)).orderBy(legalDecisionStep.id);
  const evaluations = await db.select().from(legalDecisionEvaluation).where(eq(legalDecisionEvaluation.decisionId, id)).orderBy(legalDecisionEvaluation.id);
  return {
    ...shapeDecision(
      r.d,
      r.dept,
      steps.map((s) => s.step),
    ),
    steps: steps.map((s) => ({ step: s.step as DecisionStep, data: s.data, actor: s.actor, at: iso(s.at) }) as DecisionStepView),
    evaluations: evaluations.map((e) => ({
      id: Number(e.id),
      evaluatedOn: e.evaluatedOn,
      evaluator: e.evaluator,
      findings: e.findings,
      conclusion: e.conclusion as EvaluationConclusion,
      createdBy: e.createdBy,
    })),
  };
}

export async function listDecisions(db: Db, q: { within: ScopeFilter; year?: number }) {
  const where: SQL[] = [scopeSql(q.within, sql`${legalDecision.regionCode}`, sql`${legalDecision.departmentId}`)];
  if (q.year) where.push(eq(legalDecision.year, q.year));
  const rows = await db
    .select({
      d: legalDecision,
      dept: DECISION_DEPT,
      steps: sql<string[]>`ARRAY(SELECT s.step FROM legal_decision_step s WHERE s.decision_id = "legal_decision"."id")`,
    })
    .from(legalDecision)
    .where(and(...where))
    .orderBy(desc(legalDecision.year), legalDecision.id);
  return rows.map((r) => shapeDecision(r.d, r.dept, r.steps ?? []));
}

/** The published catalogue (决策事项目录) of a year. */
export async function publicCatalogue(db: Db, year: number) {
  const rows = await db.select({ d: legalDecision, dept: DECISION_DEPT }).from(legalDecision).where(eq(legalDecision.year, year)).orderBy(legalDecision.id);
  return rows.map((r) => ({
    id: Number(r.d.id),
    title: r.d.title,
    departmentName: r.dept,
    year: r.d.year,
    status: r.d.status as DecisionStatus,
    decidedOn: r.d.decidedOn,
  }));
}

export async function getDecisionScope(db: Db, id: number): Promise<Scope> {
  const [d] = await db
    .select({ regionCode: legalDecision.regionCode, departmentId: legalDecision.departmentId })
    .from(legalDecision)
    .where(eq(legalDecision.id, id));
  if (!d) throw legalErrors.LEGAL_DECISION_NOT_FOUND({ id });
  return legalScope(d);
}

export async function createDecision(tx: Db, ctx: RequestContext, input: { title: string; year: number }, owner: { regionCode: string; departmentId: number }) {
  const [d] = await tx
    .insert(legalDecision)
    .values({ ...owner, title: input.title, year: input.year, createdBy: ctx.actor.username })
    .returning();
  await writeAudit(tx, ctx, { action: 'legal.decision.create', targetType: 'legal_decision', targetId: d.id, change: { ...input, owner } });
  return decisionDetail(tx, Number(d.id));
}

/** The decision locked, and the status `action` leads to (decisionTransition refuses an action out of order). */
async function lockDecision(tx: Db, id: number, action: DecisionAction) {
  const [d] = await tx.select().from(legalDecision).where(eq(legalDecision.id, id)).for('update');
  if (!d) throw legalErrors.LEGAL_DECISION_NOT_FOUND({ id });
  return { d, to: decisionTransition(d.status as DecisionStatus, action) };
}

/** Records (or records again) one of the five steps, checked against the ordinance. */
export async function recordDecisionStep(db: Db, ctx: RequestContext, id: number, record: StepRecord) {
  return db.transaction(async (tx) => {
    const { d } = await lockDecision(tx, id, 'record_step');
    const checked = checkStep(await loadCalendar(tx), record);
    const { step: name, ...data } = checked;
    await tx
      .insert(legalDecisionStep)
      .values({ decisionId: id, step: name, data, actor: ctx.actor.username })
      .onConflictDoUpdate({ target: [legalDecisionStep.decisionId, legalDecisionStep.step], set: { data, actor: ctx.actor.username, at: sql`now()` } });
    await tx
      .update(legalDecision)
      .set({ version: d.version + 1 })
      .where(eq(legalDecision.id, id));
    await writeAudit(tx, ctx, { action: 'legal.decision.step', targetType: 'legal_decision', targetId: id, change: checked });
    return decisionDetail(tx, id);
  });
}

/** Records the decision: refused, naming the missing steps, until all five are recorded (国务院令第713号). */
export async function decide(db: Db, ctx: RequestContext, id: number, input: { decision: string; version: number }) {
  return db.transaction(async (tx) => {
    const { d } = await lockDecision(tx, id, 'decide');
    if (d.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: d.version });
    const steps = await tx.select({ step: legalDecisionStep.step }).from(legalDecisionStep).where(eq(legalDecisionStep.decisionId, id));
    assertDecidable(steps.map((s) => s.step));
    await tx
      .update(legalDecision)
      .set({ status: 'decided', decidedOn: today(), decision: input.decision, version: d.version + 1 })
      .where(eq(legalDecision.id, id));
    await writeAudit(tx, ctx, { action: 'legal.decision.decide', targetType: 'legal_decision', targetId: id, change: { decision: input.decision } });
    return decisionDetail(tx, id);
  });
}

/** Publication and execution of a decision made (国务院令第713号 arts. 32–33): from then on it may be evaluated. */
export async function executeDecision(db: Db, ctx: RequestContext, id: number, input: { publishedOn: string; executedFrom: string; version: number }) {
  return db.transaction(async (tx) => {
    const { d, to } = await lockDecision(tx, id, 'execute');
    if (d.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: d.version });
    const on = today();
    checkAfter('published-after-decided', d.decidedOn ?? on, input.publishedOn, on);
    checkAfter('executed-after-published', input.publishedOn, input.executedFrom, on);
    await tx
      .update(legalDecision)
      .set({ status: to, publishedOn: input.publishedOn, executedFrom: input.executedFrom, version: d.version + 1 })
      .where(eq(legalDecision.id, id));
    await writeAudit(tx, ctx, {
      action: 'legal.decision.execute',
      targetType: 'legal_decision',
      targetId: id,
      change: { from: d.status, to, publishedOn: input.publishedOn, executedFrom: input.executedFrom },
    });
    return decisionDetail(tx, id);
  });
}

/**
 * A post-decision evaluation (后评估, 国务院令第713号 art. 36) of a decision under execution, never before: findings and
 * a conclusion — continue, adjust, or stop, which stops the decision. Evaluated on or after execution began.
 */
export async function evaluateDecision(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { evaluatedOn: string; evaluator: string; findings: string; conclusion: EvaluationConclusion; version: number },
) {
  return db.transaction(async (tx) => {
    const { d } = await lockDecision(tx, id, 'evaluate');
    if (d.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: d.version });
    checkAfter('evaluated-after-execution', d.executedFrom!, input.evaluatedOn, today());
    const to = statusAfterEvaluation(input.conclusion);
    const { version: _v, ...record } = input;
    await tx.insert(legalDecisionEvaluation).values({ decisionId: id, ...record, createdBy: ctx.actor.username });
    await tx
      .update(legalDecision)
      .set({ status: to, version: d.version + 1 })
      .where(eq(legalDecision.id, id));
    await writeAudit(tx, ctx, { action: 'legal.decision.evaluate', targetType: 'legal_decision', targetId: id, change: { from: d.status, to, ...record } });
    return decisionDetail(tx, id);
  });
}

export async function getDocumentScope(db: Db, id: number): Promise<Scope> {
  const [d] = await db
    .select({ regionCode: legalDocument.regionCode, departmentId: legalDocument.departmentId })
    .from(legalDocument)
    .where(eq(legalDocument.id, id));
  if (!d) throw legalErrors.LEGAL_DOCUMENT_NOT_FOUND({ id });
  return legalScope(d);
}
