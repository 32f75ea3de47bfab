import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../support/app.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.ts';

// 告知承诺制: each pledge of a granted case becomes a verification task for the department, due within the item's
// period; a false finding proposes, and a lead other than the checker decides (ADR 0033): revoke the decision and the
// licence it issued (through the licences' revocation) with a 撤销决定书, or keep it with a reason; a record either way.
const FOOD_LICENSE = `${makeUscc('11', '100000', '00002010')}002`;
let t: TestApp;
let item: string;
before(async () => {
  t = await testApp({ demo: 'full', config: { loginRateLimit: 0 } });
  item = await publishedItem(t, '340600-XK-9601', { resultType: 'license', resultLicenseTypeCode: FOOD_LICENSE, serviceObjects: ['2'], pledgeCheckDays: 20 });
  pinToday('2025-06-03');
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const as = async (u: string) => caseClient(t, await t.login(u));

/** A case of the company with the premises proof replaced by a pledge, granted by two reviewers. */
async function granted(): Promise<string> {
  const company = await as('company');
  const res = await company.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '承诺小馆' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  await company.upload(n, 'application', PDF);
  assert.equal((await company.call('POST', `/api/cases/${n}/materials/premises/pledge`)).statusCode, 200);
  await company.act(n, 'submit');
  await (await as('clerk')).act(n, 'accept');
  const reviewer = await as('reviewer');
  await reviewer.act(n, 'claim');
  await reviewer.act(n, 'complete-step', { result: 'pass', opinion: '审查通过' });
  const lead = await as('market.lead').catch(() => reviewer);
  await lead.act(n, 'claim');
  await lead.act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  return n;
}

type Checks = {
  items: {
    id: number;
    caseNumber: string;
    materialKey: string;
    dueOn: string;
    status: string;
    version: number;
    revoked: string[];
    decision: string | null;
    awaitingDecision: boolean;
    mayDecide: boolean;
  }[];
  counts: Record<
    | 'pledgeableProofs'
    | 'pledgedMaterials'
    | 'checks'
    | 'open'
    | 'due'
    | 'overdue'
    | 'done'
    | 'verified'
    | 'false'
    | 'awaitingDecision'
    | 'revoked'
    | 'kept'
    | 'records',
    number
  >;
};
const checks = async (who = 'reviewer', query = '') => {
  const res = await (await as(who)).call('GET', `/api/pledge-checks${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Checks;
};

test('a grant opens a verification task per pledge, due within the item’s period, for the department only', async () => {
  const n = await granted();
  const mine = (await checks()).items.filter((i) => i.caseNumber === n);
  assert.deepEqual(
    mine.map((i) => [i.materialKey, i.dueOn, i.status]),
    [['premises', '2025-06-23', 'open']],
  );
  // A reviewer of another department of the city sees none of them.
  const [other] = await queryRows<{ id: number }>(
    t.database.db,
    sql`SELECT id::int AS id FROM department WHERE region_code = '340600' AND name <> '淮北市市场监督管理局' ORDER BY id LIMIT 1`,
  );
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(await t.login('admin')), ...idem() },
    payload: {
      username: 'other.reviewer',
      displayName: '他局 审批',
      password: 'Review2026',
      roles: [{ role: 'reviewer', regionCode: '340600', departmentId: Number(other.id) }],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const res = await t.app.inject({ method: 'GET', url: '/api/pledge-checks', headers: bearer(await t.login('other.reviewer', 'Review2026')) });
  assert.equal((res.json() as Checks).items.length, 0);
});

test('verified by data: the task closes, the counts say so, and a second result is refused', async () => {
  const n = await granted();
  const before = (await checks()).counts;
  const task = (await checks()).items.find((i) => i.caseNumber === n)!;
  const reviewer = await as('reviewer');
  const res = await reviewer.call('POST', `/api/pledge-checks/${task.id}/result`, {
    version: task.version,
    result: 'verified',
    method: 'data',
    note: '经不动产登记数据核查属实',
  });
  assert.equal(res.statusCode, 200, res.body);
  const after = (await checks()).counts;
  assert.deepEqual([after.open, after.verified], [before.open - 1, before.verified + 1]);
  const again = await reviewer.call('POST', `/api/pledge-checks/${task.id}/result`, {
    version: task.version + 1,
    result: 'false',
    method: 'data',
    note: '再次',
  });
  assert.equal(errorCode(again), 'PLEDGE_CHECK_DONE');
  const identifier = (await (await as('company')).get(n)).license!.identifier;
  assert.equal(
    ((await reviewer.call('GET', `/api/licenses/${identifier}`)).json() as { status: string }).status,
    'valid',
    'a verified pledge keeps the licence',
  );
});

/** Finds the pledge of a newly granted case false, by the reviewer who checked it. */
async function foundFalse(): Promise<{ n: string; task: Checks['items'][number] }> {
  const n = await granted();
  const task = (await checks()).items.find((i) => i.caseNumber === n)!;
  const reviewer = await as('reviewer');
  const bare = await reviewer.call('POST', `/api/pledge-checks/${task.id}/result`, { version: task.version, result: 'false', method: 'document', note: '' });
  assert.equal(errorCode(bare), 'PLEDGE_FALSE_REASON_REQUIRED');
  const res = await reviewer.call('POST', `/api/pledge-checks/${task.id}/result`, {
    version: task.version,
    result: 'false',
    method: 'document',
    note: '实地核查：经营场所为他人住宅，租赁合同不存在',
  });
  assert.equal(res.statusCode, 200, res.body);
  return { n, task: (await checks()).items.find((i) => i.id === task.id)! };
}

const auditOf = async (number: string, identifier: string) =>
  (
    await queryRows<{ action: string }>(
      t.database.db,
      sql`SELECT action FROM audit_log WHERE (target_type = 'case' AND target_id = ${number}) OR (target_type = 'license' AND target_id = ${identifier}) ORDER BY id`,
    )
  ).map((r) => r.action);

test('a false finding proposes; only a lead other than the checker revokes: the licence through its door, a 撤销决定书, the applicant told, a record', async () => {
  const before = (await checks()).counts;
  const { n, task } = await foundFalse();
  const company = await as('company');
  const identifier = (await company.get(n)).license!.identifier;
  const reviewer = await as('reviewer');
  // The finding revokes nothing by itself: it waits for the lead.
  assert.equal(((await reviewer.call('GET', `/api/licenses/${identifier}`)).json() as { status: string }).status, 'valid');
  assert.deepEqual([task.status, task.awaitingDecision, task.mayDecide, task.decision], ['false', true, false, null]);
  const waiting = await checks('reviewer', '?awaitingDecision=true');
  assert.ok(waiting.items.every((i) => i.awaitingDecision) && waiting.items.some((i) => i.id === task.id));
  const lead = await as('market.lead');
  assert.equal((await checks('market.lead')).items.find((i) => i.id === task.id)!.mayDecide, true);
  // Checking and deciding are separate; a decision needs a reason.
  const own = await reviewer.call('POST', `/api/pledge-checks/${task.id}/decision`, {
    version: task.version,
    decision: 'revoke',
    reason: '承诺不实，依法撤销',
  });
  assert.equal(errorCode(own), 'PLEDGE_DECISION_OWN_CHECK');
  const bare = await lead.call('POST', `/api/pledge-checks/${task.id}/decision`, { version: task.version, decision: 'revoke', reason: ' ' });
  assert.equal(errorCode(bare), 'PLEDGE_DECISION_REASON_REQUIRED');
  const stale = await lead.call('POST', `/api/pledge-checks/${task.id}/decision`, { version: task.version - 1, decision: 'revoke', reason: '承诺不实' });
  assert.equal(stale.statusCode, 409);
  const res = await lead.call('POST', `/api/pledge-checks/${task.id}/decision`, {
    version: task.version,
    decision: 'revoke',
    reason: '以虚假承诺取得许可，依法撤销',
  });
  assert.equal(res.statusCode, 200, res.body);
  const decided = res.json() as { decision: string; revoked: string[]; recordId: number; version: number };
  assert.deepEqual([decided.decision, decided.revoked], ['revoked', [identifier]]);
  assert.equal(((await reviewer.call('GET', `/api/licenses/${identifier}`)).json() as { status: string }).status, 'revoked');
  // The case: the revocation on its timeline, and its notice titled for a 行政许可.
  const c = await company.get(n);
  const revoked = c.timeline.find((e) => e.type === 'decision_revoked');
  assert.ok(revoked, 'recorded on the case');
  assert.deepEqual(revoked.data.identifiers, [identifier]);
  assert.deepEqual(
    c.notices.find((x) => x.kind === 'revocation'),
    { kind: 'revocation', title: '撤销行政许可决定书' },
  );
  const doc = await company.call('GET', `/api/cases/${n}/notices/revocation`);
  assert.equal(doc.statusCode, 200);
  assert.match(String(doc.headers['content-type']), /officedocument/);
  // The applicant is told.
  const [told] = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM notification x JOIN app_user u ON u.id = x.user_id JOIN service_case s ON s.id = x.case_id
        WHERE u.username = 'company' AND s.number = ${n} AND x.kind = 'decision_revoked'`,
  );
  assert.equal(Number(told.n), 1);
  // The record of the false pledge, with who pledged it.
  const [record] = await queryRows<{ subject_name: string; consequence: string; material_key: string }>(
    t.database.db,
    sql`SELECT subject_name, consequence, material_key FROM case_pledge_breach WHERE id = ${decided.recordId}`,
  );
  assert.deepEqual([record.consequence, record.material_key], ['revoked', 'premises']);
  // Counted; decided once only.
  const after = (await checks()).counts;
  assert.deepEqual(
    [after.false, after.revoked, after.records, after.awaitingDecision, after.done],
    [before.false + 1, before.revoked + 1, before.records + 1, before.awaitingDecision, before.done + 1],
  );
  const again = await lead.call('POST', `/api/pledge-checks/${task.id}/decision`, { version: decided.version, decision: 'keep', reason: '再次' });
  assert.equal(errorCode(again), 'PLEDGE_DECISION_NOT_PENDING');
  // One audit entry per state change: the finding, the decision, the licence's own revocation.
  assert.deepEqual(
    (await auditOf(n, identifier)).filter((a) => a.startsWith('case.pledge') || a === 'license.revoke'),
    ['case.pledge_check', 'license.revoke', 'case.pledge_decision'],
  );
  assert.equal((await verifyAuditChain(t.database.db)).ok, true);
});

test('the lead may keep the decision with its reason: the licence stays, the record is kept, no 撤销决定书', async () => {
  const before = (await checks()).counts;
  const { n, task } = await foundFalse();
  const lead = await as('market.lead');
  const res = await lead.call('POST', `/api/pledge-checks/${task.id}/decision`, {
    version: task.version,
    decision: 'keep',
    reason: '撤销将对公共利益造成重大损害，责令限期补正',
  });
  assert.equal(res.statusCode, 200, res.body);
  const company = await as('company');
  const c = await company.get(n);
  assert.equal(((await lead.call('GET', `/api/licenses/${c.license!.identifier}`)).json() as { status: string }).status, 'valid');
  assert.ok(c.timeline.some((e) => e.type === 'pledge_false_kept'));
  assert.equal(
    c.notices.some((x) => x.kind === 'revocation'),
    false,
  );
  assert.equal(errorCode(await company.call('GET', `/api/cases/${n}/notices/revocation`)), 'CASE_NOTICE_UNAVAILABLE');
  const after = (await checks()).counts;
  assert.deepEqual([after.kept, after.revoked, after.records], [before.kept + 1, before.revoked, before.records + 1]);
});

test('the supervisor reads the counts of its scope, per department: proofs that accept pledges, pledges, checks due, done, overdue, false, revoked', async () => {
  const res = await (await as('supervisor')).call('GET', '/api/pledge-checks/summary');
  assert.equal(res.statusCode, 200, res.body);
  const summary = res.json() as { counts: Checks['counts'] & Record<string, number>; departments: ({ department: string } & Record<string, number>)[] };
  const market = summary.departments.find((d) => d.department === '淮北市市场监督管理局')!;
  const reviewerCounts = (await checks()).counts as Record<string, number>;
  // The market department's row is what its reviewer sees; the total adds every department of the city.
  for (const k of ['pledgedMaterials', 'checks', 'due', 'overdue', 'done', 'false', 'revoked', 'kept', 'records', 'pledgeableProofs'])
    assert.equal(market[k], reviewerCounts[k], k);
  assert.ok(summary.counts.pledgeableProofs > market.pledgeableProofs, 'other departments accept pledges too');
  assert.ok(market.revoked >= 1 && market.kept >= 1 && market.records === market.revoked + market.kept);
  assert.equal(summary.counts.due + summary.counts.overdue, summary.counts.open);
  assert.equal(summary.counts.done, summary.counts.verified + summary.counts.false);
  // A pledge past its period counts as overdue.
  pinToday('2025-07-30');
  try {
    const later = (await (await as('supervisor')).call('GET', '/api/pledge-checks/summary')).json() as typeof summary;
    assert.equal(later.counts.overdue, summary.counts.open);
  } finally {
    pinToday('2025-06-03');
  }
});
