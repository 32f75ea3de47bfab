// The statistics read through the rollup must equal the raw table at every moment: before the first refresh, right
// after one, and with appeals upheld, remedies moved on and ratings added (also into past months) since.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/support/db.ts';
import { generateRatings, addMonths, type RatingData } from '../../../bench/rating-data.ts';
import { queryRows, type Database } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { pinToday } from '../../platform/clock.ts';
import { DIMENSIONS, rawRatingStatistics, ratingStatistics } from './ratings.stats.ts';
import { refreshRatingRollup } from './ratings.rollup.ts';
import { actOnRemedy, appealRating, decideAppeal } from './ratings.service.ts';
import { importRatings } from './ratings.exchange.ts';

let database: Database;
let data: RatingData;
const ctx = systemContext('test');

before(async () => {
  database = await testDatabase('accounts');
  pinToday('2026-03-20');
  data = await generateRatings(database.db, { ratings: 6000, lastMonth: '2026-03' });
});
after(async () => {
  pinToday(null);
  await database?.close();
});

/** Every dimension, over the year, one month and a quarter, for the city, the busiest and a quieter department. */
async function assertEqualToRaw(when: string) {
  const quieter = data.departments[10];
  const ranges: [string, string][] = [
    [data.firstMonth, data.lastMonth],
    [addMonths(data.lastMonth, -1), addMonths(data.lastMonth, -1)],
    [addMonths(data.lastMonth, -3), data.lastMonth],
  ];
  for (const by of DIMENSIONS) {
    for (const [from, to] of ranges) {
      for (const departmentId of [undefined, data.busiestDepartment, quieter]) {
        const q = { from, to, by, departmentId };
        const raw = await rawRatingStatistics(database.db, q);
        if (departmentId === undefined) assert.ok(raw.length > 0, `${when}: ${JSON.stringify(q)} has ratings`);
        assert.deepEqual(await ratingStatistics(database.db, q), raw, `${when}: ${JSON.stringify(q)}`);
      }
      // A reader scoped to the city's region and one department (scopeFilter's shape): the rollup's scope agrees too.
      const scoped = { from, to, by, scope: { kind: 'some' as const, scopes: [{ regionPrefix: '3406', departmentId: quieter }] } };
      assert.deepEqual(
        await ratingStatistics(database.db, scoped),
        await rawRatingStatistics(database.db, scoped),
        `${when}: scoped ${JSON.stringify(scoped)}`,
      );
    }
  }
}

test('the generated year mixes defaults, every remedy state and upheld appeals', async () => {
  const [mix] = await queryRows<Record<string, number>>(
    database.db,
    sql`SELECT (SELECT count(*) FROM rating WHERE is_default)::int AS defaults, (SELECT count(*) FROM rating WHERE excluded)::int AS excluded,
               (SELECT count(*) FROM rating WHERE assess_number = 2)::int AS follow_ups, (SELECT count(*) FROM rating WHERE kind = 'onsite')::int AS onsite,
               (SELECT count(DISTINCT status) FROM remedy)::int AS remedy_states, (SELECT count(*) FROM rating_appeal)::int AS appeals`,
  );
  for (const [k, v] of Object.entries(mix)) assert.ok(Number(v) > 0, `${k}: ${v}`);
  assert.ok(Number(mix.remedy_states) >= 5);
});

test('before the first refresh the statistics read everything from the table', async () => {
  await assertEqualToRaw('no rollup');
});

test('after a refresh the rollup holds every rating, and a second refresh finds nothing new', async () => {
  const [{ hi }] = await queryRows<{ hi: number }>(database.db, sql`SELECT max(id) AS hi FROM rating`);
  const first = await refreshRatingRollup(database.db);
  assert.equal(first.through, Number(hi));
  assert.deepEqual(await refreshRatingRollup(database.db), { through: Number(hi), read: 0, done: true });
  await assertEqualToRaw('fresh rollup');
});

test('appeals upheld, remedies moved on and ratings added after the refresh show at once; the next refresh agrees', async () => {
  // An open remedy carried through to closed.
  const [open] = await queryRows<{ id: number; version: number }>(
    database.db,
    sql`SELECT m.id, m.version FROM remedy m WHERE m.status = 'open' AND NOT EXISTS (SELECT 1 FROM rating_appeal a WHERE a.rating_id = m.rating_id) ORDER BY m.id LIMIT 1`,
  );
  let version = Number(open.version);
  for (const action of [
    { action: 'classify', classification: '立行立改' },
    { action: 'reply', reply: '已整改' },
    { action: 'follow-up', note: '电话回访', answer: 'satisfied' },
    { action: 'close' },
  ] as const) {
    version = (await actOnRemedy(database.db, ctx, Number(open.id), version, action)).version;
  }
  // Appeals on two more bad ratings of past months, one upheld (still open: its remedy closes as excluded) and one
  // rejected.
  const others = await queryRows<{ id: number }>(
    database.db,
    sql`SELECT m.id FROM remedy m WHERE m.status IN ('classified', 'replied', 'followed_up') AND NOT EXISTS (SELECT 1 FROM rating_appeal a WHERE a.rating_id = m.rating_id) ORDER BY m.id LIMIT 2`,
  );
  assert.equal(others.length, 2);
  const upheld = await appealRating(database.db, ctx, Number(others[0].id), '恶意差评');
  await decideAppeal(database.db, ctx, upheld.id, { upheld: true, reason: '经核实为恶意差评' });
  const rejected = await appealRating(database.db, ctx, Number(others[1].id), '误评');
  await decideAppeal(database.db, ctx, rejected.id, { upheld: false, reason: '评价属实' });
  // Counter ratings imported into a past month and into this one, good and bad (a bad one opens a remedy).
  const cases = await queryRows<{ number: string }>(
    database.db,
    sql`SELECT c.number FROM service_case c WHERE c.number LIKE '34060020980%' AND NOT EXISTS (SELECT 1 FROM rating r WHERE r.case_id = c.id AND r.kind = 'onsite') ORDER BY c.id LIMIT 4`,
  );
  const record = (number: string, satisfaction: string, assessTime: string) => ({
    projectNo: number,
    assessNumber: 1,
    satisfaction,
    pf: '4',
    contentCode: '201',
    evalDetail: '',
    anonymityFlag: '0' as const,
    assessTime,
  });
  const imported = await importRatings(
    database.db,
    ctx,
    { kind: 'all' },
    'national',
    [
      record(cases[0].number, '1', `${addMonths(data.lastMonth, -1)}-10 10:00:00`),
      record(cases[1].number, '5', `${addMonths(data.lastMonth, -1)}-11 10:00:00`),
      record(cases[2].number, '2', `${data.lastMonth}-12 10:00:00`),
      record(cases[3].number, '4', `${data.lastMonth}-13 10:00:00`),
    ],
    5,
  );
  assert.equal(imported.imported, 4);
  // A good rating excluded (the platform never does this: appeals only concern bad ratings), and one excluded
  // among those the rollup has not counted yet: the statistics must not rely on either rule.
  await database.db.execute(
    sql`UPDATE rating SET excluded = true WHERE id = (SELECT min(id) FROM rating WHERE level = '1' AND assess_number = 1 AND NOT excluded)`,
  );
  await database.db.execute(sql`UPDATE rating SET excluded = true WHERE id = (SELECT max(id) FROM rating WHERE level IN ('1', '2'))`);
  await assertEqualToRaw('stale rollup');
  const refreshed = await refreshRatingRollup(database.db);
  assert.equal(refreshed.read, 4);
  await assertEqualToRaw('refreshed again');
});
