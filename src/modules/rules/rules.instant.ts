import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { findValidLicense } from '../licenses/index.ts';
import { ruleDecision, ruleSet, ruleSetVersion } from './rules.schema.ts';
import { ruleErrors } from './rules.errors.ts';
import { decide } from './rules.core.ts';
import { engineError } from './rules.engine.ts';
import { recordDecision, ruleSetDetail, shapeVersion } from './rules.service.ts';
import type { Decision, RecordedDecision, RuleContent, RuleValue, RuleValues, RuleVersionView } from './rules.types.ts';

/**
 * 秒批 (instant approval, issue 22): an approval rule set switched on decides its implementation's applications at
 * submission. The cases module calls `decideForCase` in the submitting transaction (a command through this module's
 * door): the inputs are read here (the form as submitted, the applicant's profile, the applicant's licences), the
 * published version decides, and the decision is recorded with its audit entry. The cases module acts on the
 * outcome: grant closes the case; refuse and undecidable go to people. Nothing here denies anything.
 */

/** Switches instant approval on or off (the rule set's row version checked); on needs a published version. One audit entry. */
export async function setInstantApproval(db: Db, ctx: RequestContext, id: number, input: { instantApproval: boolean; version: number }) {
  const detail = await db.transaction(async (tx) => {
    const [s] = await tx.select().from(ruleSet).where(eq(ruleSet.id, id)).for('update');
    if (!s) throw ruleErrors.RULE_SET_NOT_FOUND({ id });
    if (s.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: s.version });
    if (input.instantApproval && (s.purpose !== 'approval' || s.publishedVersionId === null))
      throw ruleErrors.RULE_INSTANT_NOT_READY({ purpose: s.purpose, published: s.publishedVersionId !== null });
    if (input.instantApproval && s.implementationId !== null) {
      const [other] = await tx
        .select({ code: ruleSet.code })
        .from(ruleSet)
        .where(and(eq(ruleSet.implementationId, s.implementationId), eq(ruleSet.instantApproval, true), sql`${ruleSet.id} <> ${s.id}`));
      if (other) throw ruleErrors.RULE_INSTANT_TAKEN({ ruleSet: other.code });
    }
    await tx
      .update(ruleSet)
      .set({ instantApproval: input.instantApproval, version: s.version + 1, updatedAt: sql`now()` })
      .where(eq(ruleSet.id, s.id));
    await writeAudit(tx, ctx, {
      action: 'rules.instant',
      targetType: 'rule_set',
      targetId: s.id,
      change: { before: s.instantApproval, after: input.instantApproval, implementationId: s.implementationId, publishedVersionId: s.publishedVersionId },
    });
    return ruleSetDetail(tx, Number(s.id));
  });
  instantKnown.delete(db);
  return detail;
}

/**
 * Whether an implementation may be decided at submission, as known a moment ago (per database, 2 s): the check the
 * cases module makes on every submission before it opens a transaction for the rules. Stale only for a moment after a
 * switch in another process, and safely: a "no" sends the case to people, a "yes" is checked again by decideForCase.
 */
const INSTANT_TTL_MS = 2000;
const instantKnown = new WeakMap<Db, Map<number, { until: number; value: boolean }>>();

export async function mayDecideInstantly(db: Db, implementationId: number): Promise<boolean> {
  let known = instantKnown.get(db);
  if (!known) instantKnown.set(db, (known = new Map()));
  const hit = known.get(implementationId);
  if (hit && hit.until > Date.now()) return hit.value;
  const [row] = await db
    .select({ id: ruleSet.id })
    .from(ruleSet)
    .where(and(eq(ruleSet.implementationId, implementationId), eq(ruleSet.instantApproval, true), sql`${ruleSet.publishedVersionId} IS NOT NULL`))
    .limit(1);
  known.set(implementationId, { until: Date.now() + INSTANT_TTL_MS, value: Boolean(row) });
  return Boolean(row);
}

type InstantVersion = RuleVersionView & { hash: string; ruleSetId: number; ruleSetCode: string };

/** The published version that decides an implementation's applications at submission, if it is set to instant approval. */
export async function instantRulesFor(db: Db, implementationId: number): Promise<InstantVersion | undefined> {
  const [row] = await db
    .select({ v: ruleSetVersion, code: ruleSet.code, id: ruleSet.id })
    .from(ruleSet)
    .innerJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleSet.publishedVersionId))
    .where(and(eq(ruleSet.implementationId, implementationId), eq(ruleSet.purpose, 'approval'), eq(ruleSet.instantApproval, true)))
    .limit(1);
  return row ? { ...shapeVersion(row.v), hash: row.v.hash!, ruleSetId: Number(row.id), ruleSetCode: row.code } : undefined;
}

/** Who applies, as the case has it: person or organisation, and the ID number or USCC of the account. */
export interface RuleApplicant {
  kind: 'person' | 'organisation';
  idNumber: string;
}

/** Whole years from a YYYY-MM-DD birth date to `day`. */
function yearsBetween(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** What the applicant's ID number or USCC tells of the profile: age and region for a person, region for an organisation. */
export function profileOf(applicant: RuleApplicant, day: string): Partial<Record<string, RuleValue>> {
  const id = applicant.idNumber.toUpperCase();
  if (applicant.kind === 'person' && /^\d{17}[\dX]$/.test(id)) {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    return { applicantType: 'person', age: yearsBetween(birth, day), regionCode: id.slice(0, 6) };
  }
  // A USCC: registration authority (1), type (1), the registering region (6), organisation code (9), check (1).
  if (applicant.kind === 'organisation' && id.length === 18) return { applicantType: 'organisation', regionCode: id.slice(2, 8) };
  return { applicantType: applicant.kind };
}

/** How a licence of a type is found for a holder (findValidLicense, or a memo of it during a replay). */
export type LicenseLookup = (
  db: Db,
  holderIdNumber: string,
  typeCode: string,
) => Promise<{ caseNumber: string | null; issueDate: string; data: unknown } | undefined>;

const scalar = (v: unknown): RuleValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

/**
 * The values of a version's inputs for one applicant and form: form fields as submitted, the profile from the ID
 * number (attributes the platform does not hold yet, such as registered capital, are missing), licences held now.
 * Exchange inputs stay missing (declared, not readable yet): the core says so in the trace.
 */
export async function readInputs(
  db: Db,
  content: RuleContent,
  applicant: RuleApplicant,
  formData: Record<string, unknown>,
  day: string,
  /**
   * For a replay of an application decided before (ADR 0041): licences are read as held now, less one the case itself
   * brought or issued after its day, and through a lookup shared by the whole replay.
   */
  replay?: { caseNumber: string; lookup: LicenseLookup },
): Promise<RuleValues> {
  const values: RuleValues = {};
  const profile = profileOf(applicant, day);
  for (const input of content.inputs) {
    const s = input.source;
    if (s.kind === 'form') values[input.key] = scalar(formData[s.field]);
    else if (s.kind === 'profile') values[input.key] = profile[s.attribute] ?? null;
    else if (s.kind === 'license') {
      const found = await (replay?.lookup ?? findValidLicense)(db, applicant.idNumber, s.typeCode.toUpperCase());
      const held = found && replay && (found.caseNumber === replay.caseNumber || found.issueDate > day) ? undefined : found;
      values[input.key] = s.attribute === 'held' ? Boolean(held) : held && s.field ? scalar((held.data as Record<string, unknown>)[s.field]) : null;
    } else values[input.key] = null;
  }
  return values;
}

/** What a decision at submission gives the cases module. */
export interface CaseDecision {
  decisionId: number;
  ruleSetCode: string;
  versionId: number;
  versionNumber: number;
  versionHash: string;
  outcome: Decision['outcome'];
  explanationZh: string;
  explanationEn: string;
  /** The conditions not met or not decidable, by label: what the applicant and the reviewer are shown first. */
  notMet: { labelZh: string; result: string; article: string }[];
  error: Decision['error'];
  /**
   * Who acted: the rules, named with their version in the audit log (`rules:<code> v<n> <hash, 16 hex>`), in the
   * submitter's request. The caller writes what follows from the decision (the case closed, the licence) with it.
   */
  ctx: RequestContext;
}

/** The context the rules act in: the audit entries they write name the rule set, the version and its hash. */
export function rulesContext(
  version: { ruleSetCode: string; number: number; hash: string },
  requestId: string | null,
  /** The region of what is decided (the case's): the supervisors of that region read the entries. */
  regionCode: string | null,
): RequestContext {
  return { actor: { id: null, username: `rules:${version.ruleSetCode} v${version.number} ${version.hash.slice(0, 16)}`, role: null, regionCode }, requestId };
}

/**
 * Decides a case at submission when its implementation is set to instant approval (undefined otherwise), in the
 * caller's transaction: inputs read, the published version applied on `day`, the decision stored with its audit
 * entry naming the version's hash. Whatever throws while reading or deciding is an undecidable decision with the
 * error recorded: the case goes to people.
 */
export async function decideForCase(
  tx: Db,
  ctx: RequestContext,
  input: {
    implementationId: number;
    caseId: number;
    caseNumber: string;
    regionCode: string;
    applicant: RuleApplicant;
    formData: Record<string, unknown>;
    day: string;
  },
): Promise<CaseDecision | undefined> {
  const version = await instantRulesFor(tx, input.implementationId);
  if (!version) return undefined;
  let values: RuleValues = {};
  let decision: Decision;
  try {
    values = await readInputs(tx, version.content, input.applicant, input.formData, input.day);
    decision = decide(version, values, { onDay: input.day });
  } catch (err) {
    const error = engineError(err);
    decision = {
      outcome: 'undecidable',
      trace: [],
      error,
      explanationZh: `规则运行出错（${error.message}），已记录，转人工审核。`,
      explanationEn: `The rules failed to run (${error.message}), recorded: handled by a person.`,
    };
  }
  const rulesCtx = rulesContext(version, ctx.requestId, input.regionCode);
  const decisionId = await recordDecision(tx, rulesCtx, { version, caseId: input.caseId, caseNumber: input.caseNumber, inputs: values, decision });
  return {
    decisionId,
    ruleSetCode: version.ruleSetCode,
    versionId: version.id,
    versionNumber: version.number,
    versionHash: version.hash,
    outcome: decision.outcome,
    explanationZh: decision.explanationZh,
    explanationEn: decision.explanationEn,
    notMet: decision.trace.filter((t) => t.result !== 'pass').map((t) => ({ labelZh: t.labelZh, result: t.result, article: t.article })),
    error: decision.error,
    ctx: rulesCtx,
  };
}

/** The decisions recorded for a case, oldest first, with the rule set and version they cite. */
export async function recordedDecisionsOfCase(db: Db, caseId: number): Promise<RecordedDecision[]> {
  const rows = await db
    .select({ d: ruleDecision, code: ruleSet.code, name: ruleSet.name, number: ruleSetVersion.number })
    .from(ruleDecision)
    .innerJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleDecision.ruleSetVersionId))
    .innerJoin(ruleSet, eq(ruleSet.id, ruleSetVersion.ruleSetId))
    .where(eq(ruleDecision.caseId, caseId))
    .orderBy(ruleDecision.id);
  return rows.map(({ d, code, name, number }) => ({
    id: Number(d.id),
    ruleSetCode: code,
    ruleSetName: name,
    ruleSetVersionId: Number(d.ruleSetVersionId),
    versionNumber: number,
    versionHash: d.versionHash,
    outcome: d.outcome as Decision['outcome'],
    trace: d.trace as Decision['trace'],
    explanationZh: d.explanationZh,
    explanationEn: d.explanationEn,
    error: d.error as Decision['error'],
    inputs: d.inputs as RuleValues,
    decidedAt: iso(d.decidedAt),
  }));
}
