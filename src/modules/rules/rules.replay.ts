import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { findValidLicense } from '../licenses/index.ts';
import { ruleDecision, ruleSet, ruleSetVersion } from './rules.schema.ts';
import { ruleErrors } from './rules.errors.ts';
import { decide } from './rules.core.ts';
import { readInputs, type LicenseLookup } from './rules.instant.ts';
import { shapeVersion } from './rules.service.ts';
import {
  REPLAY_LIMIT,
  type Decision,
  type Outcome,
  type ReplayChange,
  type ReplayView,
  type RuleContent,
  type RuleValues,
  type RuleVersionView,
} from './rules.types.ts';

/**
 * Replay before publishing (issue 22, ADR 0041): a version is decided again over the historic applications of its
 * implementation (the newest REPLAY_LIMIT), next to the version in force, and every application whose outcome would
 * change is listed with the conditions that flipped. Inputs come from the decision recorded when the rules decided
 * the case (the snapshot: what was true then), else from the case as submitted (form, profile on its day) and the
 * licences held now, less one the case brought itself. Nothing is stored; publish replays again in its transaction
 * and refuses a change the publisher has not confirmed (the digest).
 */

/** One historic application as the cases module hands it over (cases.history.ts). */
export interface HistoricApplication {
  caseId: number;
  number: string;
  applicantKind: 'person' | 'organisation';
  applicantIdNumber: string;
  formData: Record<string, unknown>;
  day: string;
}
export type ApplicationHistory = (db: Db, implementationId: number, limit: number) => Promise<HistoricApplication[]>;

let history: ApplicationHistory | null = null;

/**
 * The cases module registers how its applications are read (its door calls this on load): the rules module never
 * imports the cases module, which depends on it (ADR 0035).
 */
export function provideApplicationHistory(source: ApplicationHistory): void {
  history = source;
}

const CHANGES_SHOWN = 200;

type SetRow = typeof ruleSet.$inferSelect;

/** A memo of licence lookups for one replay: the same applicant often applies more than once. */
function memoLookup(): LicenseLookup {
  const memo = new Map<string, ReturnType<LicenseLookup>>();
  return (db, holder, type) => {
    const key = `${holder}\u0000${type}`;
    let hit = memo.get(key);
    if (!hit) memo.set(key, (hit = findValidLicense(db, holder, type)));
    return hit;
  };
}

const sameSource = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The inputs of `content` for one application: the recorded snapshot where its input is the same, else read again. */
async function inputsFor(
  db: Db,
  content: RuleContent,
  app: HistoricApplication,
  lookup: LicenseLookup,
  recorded: { content: RuleContent; inputs: RuleValues } | undefined,
): Promise<RuleValues> {
  const values = await readInputs(db, content, { kind: app.applicantKind, idNumber: app.applicantIdNumber }, app.formData, app.day, {
    caseNumber: app.number,
    lookup,
  });
  if (recorded) {
    for (const input of content.inputs) {
      const then = recorded.content.inputs.find((i) => i.key === input.key);
      if (then && sameSource(then.source, input.source) && Object.hasOwn(recorded.inputs, input.key)) values[input.key] = recorded.inputs[input.key];
    }
  }
  return values;
}

function flipped(before: Decision | null, after: Decision): ReplayChange['flipped'] {
  const was = new Map((before?.trace ?? []).map((t) => [t.condition, t]));
  const out: ReplayChange['flipped'] = [];
  for (const t of after.trace) {
    const b = was.get(t.condition);
    was.delete(t.condition);
    if (before && b?.result === t.result) continue;
    if (!before && t.result === 'pass') continue;
    out.push({ condition: t.condition, labelZh: t.labelZh, labelEn: t.labelEn, article: t.article, before: b?.result ?? null, after: t.result });
  }
  for (const b of was.values()) out.push({ condition: b.condition, labelZh: b.labelZh, labelEn: b.labelEn, article: b.article, before: b.result, after: null });
  return out;
}

/** Replays `candidate` of the rule set `set` (a row) over its implementation's applications. */
export async function replayVersion(db: Db, set: SetRow, candidate: RuleVersionView): Promise<ReplayView> {
  let current: RuleVersionView | null = null;
  if (set.publishedVersionId !== null && Number(set.publishedVersionId) !== candidate.id) {
    const [row] = await db.select().from(ruleSetVersion).where(eq(ruleSetVersion.id, set.publishedVersionId));
    current = row ? shapeVersion(row) : null;
  }
  const apps = set.implementationId !== null && history ? await history(db, Number(set.implementationId), REPLAY_LIMIT + 1) : [];
  const truncated = apps.length > REPLAY_LIMIT;
  const replayed = apps.slice(0, REPLAY_LIMIT);

  // The decisions recorded for these cases (the newest per case), with the content of the version that made each.
  const recordedOf = new Map<number, { versionId: number; inputs: RuleValues; decision: Decision }>();
  if (replayed.length) {
    const rows = await db
      .selectDistinctOn([ruleDecision.caseId], {
        caseId: ruleDecision.caseId,
        versionId: ruleDecision.ruleSetVersionId,
        inputs: ruleDecision.inputs,
        outcome: ruleDecision.outcome,
        trace: ruleDecision.trace,
      })
      .from(ruleDecision)
      .innerJoin(ruleSetVersion, eq(ruleSetVersion.id, ruleDecision.ruleSetVersionId))
      .where(
        sql`${inArray(
          ruleDecision.caseId,
          replayed.map((a) => a.caseId),
        )} AND ${ruleSetVersion.ruleSetId} = ${set.id}`,
      )
      .orderBy(ruleDecision.caseId, sql`${ruleDecision.id} DESC`);
    for (const r of rows) {
      recordedOf.set(Number(r.caseId), {
        versionId: Number(r.versionId),
        inputs: r.inputs as RuleValues,
        decision: { outcome: r.outcome as Outcome, trace: r.trace as Decision['trace'], explanationZh: '', explanationEn: '', error: null },
      });
    }
  }
  const contents = new Map<number, RuleContent>([[candidate.id, candidate.content]]);
  if (current) contents.set(current.id, current.content);
  const missing = [...new Set([...recordedOf.values()].map((r) => r.versionId))].filter((id) => !contents.has(id));
  if (missing.length) {
    for (const v of await db.select({ id: ruleSetVersion.id, content: ruleSetVersion.content }).from(ruleSetVersion).where(inArray(ruleSetVersion.id, missing)))
      contents.set(Number(v.id), v.content as RuleContent);
  }

  const lookup = memoLookup();
  const counts = { grant: 0, refuse: 0, undecidable: 0 };
  const changes: ReplayChange[] = [];
  for (const app of replayed) {
    const rec = recordedOf.get(app.caseId);
    const snapshot = rec ? { content: contents.get(rec.versionId)!, inputs: rec.inputs } : undefined;
    // The version's validity is not applied: the question is what its conditions say of these applications.
    const after = decide(candidate, await inputsFor(db, candidate.content, app, lookup, snapshot));
    counts[after.outcome]++;
    let before: Decision | null = null;
    if (current) before = rec && rec.versionId === current.id ? rec.decision : decide(current, await inputsFor(db, current.content, app, lookup, snapshot));
    // Without a version in force people decided every case: only a grant (closed without a person) is a change.
    const changed = before ? before.outcome !== after.outcome : after.outcome === 'grant';
    if (!changed) continue;
    changes.push({
      caseNumber: app.number,
      day: app.day,
      before: before?.outcome ?? null,
      after: after.outcome,
      inputsFrom: rec ? 'decision' : 'application',
      flipped: flipped(before, after),
    });
  }
  const digest = createHash('sha256')
    .update(JSON.stringify([candidate.id, candidate.version, current?.id ?? null, changes.map((c) => [c.caseNumber, c.before, c.after])]))
    .digest('hex')
    .slice(0, 32);
  return {
    ruleSetId: Number(set.id),
    versionId: candidate.id,
    versionNumber: candidate.number,
    againstVersionId: current?.id ?? null,
    againstVersionNumber: current?.number ?? null,
    instantApproval: set.instantApproval,
    replayed: replayed.length,
    truncated,
    limit: REPLAY_LIMIT,
    changed: changes.length,
    after: counts,
    changes: changes.slice(0, CHANGES_SHOWN),
    digest,
  };
}

/** Replays a version of a rule set (the latest by default): what the replay route shows before publishing. */
export async function replay(db: Db, id: number, input: { versionId?: number }): Promise<ReplayView> {
  const [set] = await db.select().from(ruleSet).where(eq(ruleSet.id, id));
  if (!set) throw ruleErrors.RULE_SET_NOT_FOUND({ id });
  const wanted = input.versionId ?? Number(set.latestVersionId);
  const [row] = await db.select().from(ruleSetVersion).where(eq(ruleSetVersion.id, wanted));
  if (!row || Number(row.ruleSetId) !== id) throw ruleErrors.RULE_VERSION_NOT_FOUND({ id: wanted });
  return replayVersion(db, set, shapeVersion(row));
}
