// The ratio goals of performance-notes §4a, with the limit each is judged against, and the one absolute scale target
// of §4b a path measures (S3). A goal counts as measured when a path in bench/paths/ declares it; until then the
// summary shows the limit it will be judged against.
import type { LimitKey } from './types.ts';

export interface GoalInfo {
  id: string;
  what: string;
  target: string;
  limits: LimitKey[];
  /** Why it cannot be judged yet, when no path declares it. */
  pending: string;
}

export const goalTable: GoalInfo[] = [
  {
    id: 'R1',
    what: 'Case submission, end to end (auth, validation, case/event/outbox/SLA rows, durable)',
    target: '≥ 0.5 × pgbench tpcb-like tps (c4); p99 ≤ 15 ms at c4, ≤ 60 ms at c64',
    limits: ['pg.tpcb.c4'],
    pending: 'no bench path yet (src/modules/cases)',
  },
  {
    id: 'R2',
    what: 'Case state transition (optimistic lock + event + timer update)',
    target: '≥ 0.5 × pgbench tpcb-like tps',
    limits: ['pg.tpcb.c4'],
    pending: 'no bench path yet (src/modules/cases)',
  },
  {
    id: 'R3',
    what: 'Public e-licence verification',
    target: '≥ 0.4 × single-thread raw verify ops/s of the algorithm in use; p99 ≤ 5 ms at c4',
    limits: ['crypto.sm2.verify', 'crypto.ed25519.verify'],
    pending: 'no bench path yet (src/modules/licenses)',
  },
  {
    id: 'R4',
    what: 'Logged data-exchange call (access-log row durable before the reply)',
    target: '≥ 0.15 × bare Fastify req/s; p99 ≤ 25 ms at c64',
    limits: ['http.fastify.c64'],
    pending: 'data-sharing module not built',
  },
  {
    id: 'R5',
    what: 'Catalogue search',
    target: '≥ 0.7 × the same SQL under pgbench; no sequential scan for ≥ 2 characters',
    limits: [],
    pending: 'no bench path yet (src/modules/catalog); it will measure its own SQL as an ownLimit, like paths/me.ts',
  },
  {
    id: 'R6',
    what: 'Rating submission',
    target: '≥ 0.5 × 4-client single-row INSERT tps',
    limits: ['pg.insert.c4'],
    pending: 'no bench path yet (src/modules/ratings)',
  },
  {
    id: 'R7',
    what: 'Framework overhead on a no-DB route',
    target: '≥ 0.8 × bare node:http',
    limits: ['http.node.c4', 'http.node.c64'],
    pending: 'the health path did not run',
  },
  {
    id: 'R8',
    what: 'Bulk aggregation ingest',
    target: '≥ 0.25 × narrow COPY-with-PK rows/s',
    limits: [],
    pending: 'aggregation not built; COPY limit not measured yet',
  },
  {
    id: 'R9',
    what: 'Crypto: SM2 with the standard user ID through sm-crypto-v2, public keys cached',
    target: 'notes: ~2.3 k sign/s, ~1.7 k verify/s (precomputed key) on the reference machine',
    limits: ['crypto.sm2.sign', 'crypto.sm2.verify'],
    pending: 'a choice of library, not a ratio: the limits lines show this run’s SM2 figures',
  },
  {
    id: 'S3',
    what: 'Rating reports over one year of a city (3.93 M ratings in Huaibei; §4b, absolute)',
    target: 'p99 ≤ 10 ms for one department’s monthly report, ≤ 2 s for the city’s 12 months, with 4 M ratings',
    limits: [],
    pending: 'judged only when rating-report runs with --ratings=4000000 (its default 200,000 shows the figures, not a verdict)',
  },
];
