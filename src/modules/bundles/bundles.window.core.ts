import { dependencyOrder, type MemberDefinition } from './bundles.core.ts';

/**
 * The pure core of handling a bundle case once at the window (ADR 0037): what the bundle's policy does when a member
 * is not granted, which waiting members may go on, the bundle's clock as the longest path of its members' deadlines,
 * and which stage of the window a bundle case is at. No database, no clock; bundles.window.core.test.ts checks each rule.
 */

export type RefusalPolicy = 'continue' | 'hold' | 'withdraw';
type Graph = readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[];

/** The included members that depend on `key`, directly or through others (its dependants), in dependency order. */
export function dependantsOf(members: Graph, key: string, included: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const k of dependencyOrder(members)) {
    if (!included.has(k) || k === key) continue;
    const deps = (members.find((m) => m.key === k)?.dependsOn ?? []).filter((d) => included.has(d));
    if (deps.some((d) => d === key || found.has(d))) found.add(k);
  }
  return [...found];
}

/**
 * Whether a waiting member may go on: every included member it directly depends on is decided, and each was
 * granted (outcome 0) — or, under the policy `continue`, was not granted but the member goes on without its result
 * (the applicant supplies what it would have given).
 */
export function mayGoOn(
  members: Graph,
  key: string,
  included: ReadonlySet<string>,
  outcomes: ReadonlyMap<string, string | null>,
  policy: RefusalPolicy,
): boolean {
  const upstream = (members.find((m) => m.key === key)?.dependsOn ?? []).filter((d) => included.has(d));
  return upstream.every((d) => {
    const o = outcomes.get(d) ?? null;
    return o === '0' || (o !== null && policy === 'continue');
  });
}

/**
 * What the bundle's policy does to the other members when `key` is decided other than granted (denied, voided,
 * transferred): `continue` — its dependants go on without its result; `hold` — they keep waiting (the applicant may
 * withdraw the bundle); `withdraw` — the dependants still open are withdrawn. Members that do not depend on it go on
 * under every policy.
 */
export function partialOutcome(
  members: Graph,
  key: string,
  included: ReadonlySet<string>,
  policy: RefusalPolicy,
  closed: ReadonlySet<string>,
): { policy: RefusalPolicy; held: string[]; withdrawn: string[]; continued: string[] } {
  const affected = dependantsOf(members, key, included).filter((k) => !closed.has(k));
  return {
    policy,
    held: policy === 'hold' ? affected : [],
    withdrawn: policy === 'withdraw' ? affected : [],
    continued: policy === 'continue' ? affected : [],
  };
}

export type Warning = 'none' | 'amber' | 'red';

export interface ClockMember {
  key: string;
  dependsOn: string[];
  /** The day its clock stopped (decided, refused, withdrawn), or null while open. */
  stoppedOn: string | null;
  /** Its statutory deadline once accepted (null before acceptance, or in a year whose calendar is not loaded). */
  deadline: string | null;
  warning: Warning;
  /** Its promised limit in working days: a member not accepted yet is projected with it. */
  promisedWorkingDays: number;
}

export interface BundleClock {
  /** The day the last member is expected to finish: the longest path of member deadlines (projected where not accepted). */
  expectedFinish: string | null;
  /** The members on that path, first to last. */
  path: string[];
  /** The day the bundle promised (its acceptance plus its promised working days), or null before acceptance. */
  promisedFinish: string | null;
  warning: Warning;
  /** Why, in words the page shows: worst member warning, past the promise, overdue. */
  reasons: ('member_amber' | 'member_red' | 'beyond_promise' | 'overdue')[];
}

const ORDER: Record<Warning, number> = { none: 0, amber: 1, red: 2 };
const worse = (a: Warning, b: Warning): Warning => (ORDER[a] >= ORDER[b] ? a : b);

/**
 * The bundle's clock. A member's finish is the day its clock stopped, else its deadline, else (not accepted yet,
 * e.g. waiting for an upstream member) its promised working days counted from the latest finish of the members it
 * depends on (or from `start`). The expected finish is the latest finish: the longest dependency path. The warning
 * is the worst of the open members' warnings, at least amber when the expected finish lies beyond the bundle's
 * promise, red when an open member's projected finish has passed. A date that cannot be computed (a calendar year
 * not loaded) makes the finish and everything downstream of it null, never a guess.
 */
export function bundleClock(input: {
  members: ClockMember[];
  start: string;
  today: string;
  promisedDays: number | null;
  acceptedOn: string | null;
  addWorkingDays: (from: string, days: number) => string | null;
}): BundleClock {
  const byKey = new Map(input.members.map((m) => [m.key, m]));
  const finish = new Map<string, { day: string | null; via: string | null }>();
  for (const key of dependencyOrder(input.members)) {
    const m = byKey.get(key);
    if (!m) continue;
    const ups = m.dependsOn.filter((d) => byKey.has(d)).map((d) => ({ key: d, day: finish.get(d)?.day ?? null }));
    const latest = ups.reduce<{ key: string | null; day: string | null; unknown: boolean }>(
      (acc, u) => (u.day === null ? { ...acc, unknown: true } : acc.day === null || u.day > acc.day ? { key: u.key, day: u.day, unknown: acc.unknown } : acc),
      { key: null, day: null, unknown: false },
    );
    let day: string | null;
    if (m.stoppedOn) day = m.stoppedOn;
    else if (m.deadline) day = m.deadline;
    else if (latest.unknown) day = null;
    else {
      const from = latest.day && latest.day > input.start ? latest.day : input.start;
      day = input.addWorkingDays(from, m.promisedWorkingDays);
    }
    finish.set(key, { day, via: latest.key });
  }
  let last: string | null = null;
  let unknown = false;
  for (const [k, f] of finish) {
    if (f.day === null) unknown = true;
    else if (last === null || f.day > finish.get(last)!.day!) last = k;
  }
  const path: string[] = [];
  for (let k: string | null = unknown ? null : last; k; k = finish.get(k)?.via ?? null) path.unshift(k);
  const expectedFinish = unknown || last === null ? null : finish.get(last)!.day;
  const promisedFinish = input.acceptedOn && input.promisedDays !== null ? input.addWorkingDays(input.acceptedOn, input.promisedDays) : null;
  let warning: Warning = 'none';
  const reasons: BundleClock['reasons'] = [];
  const open = input.members.filter((m) => !m.stoppedOn);
  for (const m of open) warning = worse(warning, m.warning);
  if (warning !== 'none') reasons.push(warning === 'red' ? 'member_red' : 'member_amber');
  if (open.length && expectedFinish && promisedFinish && expectedFinish > promisedFinish) {
    warning = worse(warning, 'amber');
    reasons.push('beyond_promise');
  }
  if (open.some((m) => (finish.get(m.key)?.day ?? '9999') < input.today)) {
    warning = 'red';
    reasons.push('overdue');
  }
  return { expectedFinish, path, promisedFinish, warning, reasons };
}

export type WindowStage = 'draft' | 'acceptance' | 'correction' | 'handling' | 'delivery' | 'done';

/**
 * Where a bundle case stands at the window: submitted and awaiting its one acceptance; told to correct (the
 * applicant's turn); accepted and being handled by the departments; every member closed with results to deliver;
 * or done (delivered, refused, withdrawn, or closed with nothing to deliver).
 */
export function windowStage(row: {
  status: string;
  acceptedOn: string | null;
  correction: unknown;
  delivery: unknown;
  /** Decided members not delivered yet. */
  undelivered: number;
}): WindowStage {
  if (row.status === 'draft') return 'draft';
  if (row.status === 'refused' || row.status === 'withdrawn') return 'done';
  if (row.status === 'closed') return row.delivery || row.undelivered === 0 ? 'done' : 'delivery';
  if (row.correction) return 'correction';
  return row.acceptedOn ? 'handling' : 'acceptance';
}
