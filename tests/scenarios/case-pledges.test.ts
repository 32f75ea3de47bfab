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
// period; a false pledge revokes the licence the decision issued, through the licences' revocation, and is recorded.
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
  items: { id: number; caseNumber: string; materialKey: string; dueOn: string; status: string; version: number; revoked: string[] }[];
  counts: { pledgedMaterials: number; checks: number; open: number; verified: number; false: number; overdue: number };
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

test('a false pledge revokes the licence the decision issued and records it on the case', async () => {
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
  const result = res.json() as { status: string; revoked: string[] };
  assert.equal(result.status, 'false');
  assert.equal(result.revoked.length, 1, 'the issued licence is revoked');
  const c = await (await as('company')).get(n);
  const event = c.timeline.find((e) => e.type === 'pledge_found_false');
  assert.ok(event, 'recorded on the case');
  const lic = await reviewer.call('GET', `/api/licenses/${result.revoked[0]}`);
  assert.equal((lic.json() as { status: string }).status, 'revoked');
  assert.equal((await checks('reviewer', '?status=false')).counts.false >= 1, true);
  assert.equal((await verifyAuditChain(t.database.db)).ok, true);
});
