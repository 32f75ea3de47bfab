// 秒批 end to end on the full demo (issue 22): 失业登记 of 淮北市 (340600-GG-0004) is decided at submission by the demo's
// published rule set. An applicant who meets every condition is accepted, granted and closed in the same request,
// with the 就业创业证 issued and sealed; one who does not (holds the card already) goes to the window and the reviewer
// as usual, with the failed condition on the case; a rule that throws sends the case to people, the error recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, type CaseView } from '../support/cases.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { demoIdentity } from '../../src/bootstrap/demo.ts';
import { RULE_SETS } from '../../src/bootstrap/demo-catalog/index.ts';
import { findLicense, sealValid } from '../../src/modules/licenses/index.ts';
import { zenEngine } from '../../src/modules/rules/index.ts';

const ITEM = '340600-GG-0004';
let t: TestApp;
const tokens: Record<string, string> = {};

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['person', 'clerk', 'hrss.reviewer', 'supervisor', 'itemadmin']) tokens[u] = await t.login(u);
});
after(() => t?.close());

const as = (u: string) => caseClient(t, tokens[u]);
const MEETS = { unemployedSince: '2026-11-02', education: '本科', phone: demoIdentity('person').phone };

/** A draft of the person with every required material supplied (the ID card, uploaded), ready to submit. */
async function draft(formData: Record<string, unknown>): Promise<string> {
  const res = await as('person').call('POST', '/api/cases', { implementationCode: ITEM, formData }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const { number } = res.json() as { number: string };
  assert.equal((await as('person').upload(number, 'id_card', PDF)).statusCode, 200);
  return number;
}

async function submit(number: string): Promise<CaseView> {
  const c = await as('person').get(number);
  const res = await as('person').call('POST', `/api/cases/${number}/submit`, { version: c.version });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as CaseView;
}

const decisions = (caseNumber: string) =>
  queryRows<{
    outcome: string;
    version_hash: string;
    inputs: Record<string, unknown>;
    trace: { condition: string; result: string }[];
    error: unknown;
    decided_by: string;
  }>(
    t.database.db,
    sql`SELECT d.outcome, d.version_hash, d.inputs, d.trace, d.error, d.decided_by FROM rule_decision d JOIN service_case c ON c.id = d.case_id
        WHERE c.number = ${caseNumber} ORDER BY d.id`,
  );

const auditOf = (caseNumber: string) =>
  queryRows<{ action: string; actor_username: string; region_code: string | null }>(
    t.database.db,
    sql`SELECT action, actor_username, region_code FROM audit_log WHERE target_type = 'case' AND target_id = ${caseNumber} ORDER BY id`,
  );

async function publishedHash(): Promise<string> {
  const [row] = await queryRows<{ hash: string }>(
    t.database.db,
    sql`SELECT v.hash FROM rule_set s JOIN rule_set_version v ON v.id = s.published_version_id WHERE s.code = ${RULE_SETS[0].code} AND s.instant_approval`,
  );
  assert.ok(row, 'the demo rule set is published and set to instant approval');
  return row.hash;
}

test('an applicant who meets every condition is granted, closed and given the sealed licence in the same request', async () => {
  const hash = await publishedHash();
  const number = await draft(MEETS);
  const c = await submit(number);
  assert.equal(c.status, 'decided', 'closed by the submission itself');
  assert.equal(c.outcome, '0');
  assert.ok(c.license, 'the 就业创业证 issued with the decision');
  // The clock: received, accepted and stopped on the same day — 0 working days.
  assert.equal(c.clock.acceptedOn, c.receivedOn);
  assert.equal(c.clock.stoppedOn, c.receivedOn);
  assert.equal(c.decidedOn, c.receivedOn);
  assert.deepEqual(c.timeline.map((e) => e.type).slice(-4), ['submitted', 'accepted', 'decided', 'license_issued']);
  // Why, for the applicant: every condition with its article, and the version that decided.
  const [d] = c.ruleDecisions;
  assert.equal(c.ruleDecisions.length, 1);
  assert.equal(d.outcome, 'grant');
  assert.equal(d.versionHash, hash);
  assert.equal(d.trace.length, 4);
  assert.ok(d.trace.every((x) => x.result === 'pass'));
  assert.match(d.explanationZh, /符合全部 4 项条件/);
  assert.match(d.explanationZh, /《中华人民共和国劳动法》第十五条/);
  assert.equal(d.inputs.age, 36, 'the age read from the ID number');
  assert.equal(d.inputs.region, '340603');
  assert.equal(d.inputs.holdsCard, false);

  // Stored: the version's hash, the inputs and the trace, decided by the rules.
  const [row] = await decisions(number);
  assert.equal(row.outcome, 'grant');
  assert.equal(row.version_hash, hash);
  assert.equal(row.inputs.applicantType, 'person');
  assert.equal(row.trace.length, 4);
  assert.match(row.decided_by, new RegExp(`^rules:${RULE_SETS[0].code} v1 ${hash.slice(0, 16)}$`));

  // Sealed, valid, the applicant's.
  const license = await findLicense(t.database.db, c.license!.identifier);
  assert.ok(license);
  assert.equal(license.holderIdNumber, demoIdentity('person').idNumber);
  assert.equal(license.caseNumber, number);
  assert.equal(await sealValid(t.database.db, license), true);

  // The audit log names the rule version; the city's supervisor reads those entries (the case's region).
  const audit = await auditOf(number);
  const instant = audit.find((a) => a.action === 'case.instant-approve');
  const decided = audit.find((a) => a.action === 'rules.decide');
  assert.ok(instant && decided, JSON.stringify(audit));
  assert.equal(instant.actor_username, row.decided_by);
  assert.equal(instant.region_code, '340600');
  const seen = await t.app.inject({ method: 'GET', url: `/api/audit?targetType=case&targetId=${number}&pageSize=50`, headers: bearer(tokens.supervisor) });
  assert.equal(seen.statusCode, 200, seen.body);
  assert.ok(JSON.stringify(seen.json()).includes('case.instant-approve'), 'the supervisor sees the entry');
  // The supervisor's view of the case shows the decision too.
  assert.equal((await as('supervisor').get(number)).ruleDecisions[0].versionHash, hash);

  // Nothing left for the window.
  assert.equal(errorCode(await as('clerk').tryAct(number, 'accept')), 'CASE_ILLEGAL_TRANSITION');
});

test('one who does not meet a condition goes to the window and the reviewer, who see which condition failed', async () => {
  // The person holds a 就业创业证 since the first test: 每人限持一张, a person looks at it.
  const number = await draft(MEETS);
  const c = await submit(number);
  assert.equal(c.status, 'submitted', 'never denied by the rules: to people');
  assert.equal(c.outcome, null);
  assert.equal(c.license, null);
  const [d] = c.ruleDecisions;
  assert.equal(d.outcome, 'refuse');
  const failed = d.trace.filter((x) => x.result === 'fail').map((x) => x.condition);
  assert.deepEqual(failed, ['firstCard']);
  assert.match(d.explanationZh, /“申请人未持有就业创业证（首次登记发证）”不符合：已持有就业创业证为 是/);
  assert.match(d.explanationZh, /转人工审核/);
  const referred = c.timeline.find((e) => e.type === 'rules_referred');
  assert.ok(referred, 'the applicant reads why on the timeline');
  assert.match(String(referred.data.reason), /就业创业证/);
  assert.equal((await decisions(number))[0].outcome, 'refuse');

  // As usual: the window accepts, the department's reviewer sees the failed condition and decides.
  await as('clerk').act(number, 'accept');
  const seen = await as('hrss.reviewer').get(number);
  assert.equal(seen.status, 'in_review');
  assert.equal(seen.ruleDecisions[0].trace.find((x) => x.condition === 'firstCard')!.result, 'fail');
  assert.ok(!(await auditOf(number)).some((a) => a.action === 'case.instant-approve'));
});

test('a rule that throws sends the case to people and the error is recorded', async () => {
  const number = await draft(MEETS);
  const original = zenEngine.test;
  zenEngine.test = () => {
    throw new Error('{"type":"evaluationError","source":"boom in the engine"}');
  };
  let c: CaseView;
  try {
    c = await submit(number);
  } finally {
    zenEngine.test = original;
  }
  assert.equal(c.status, 'submitted');
  const [d] = c.ruleDecisions;
  assert.equal(d.outcome, 'undecidable');
  assert.ok(d.trace.every((x) => x.result === 'error' || x.result === 'pass'));
  assert.deepEqual(d.error, { type: 'evaluationError', message: 'boom in the engine' });
  const [row] = await decisions(number);
  assert.equal(row.outcome, 'undecidable');
  assert.deepEqual(row.error, { type: 'evaluationError', message: 'boom in the engine' });
  assert.match(d.explanationZh, /规则运行出错（boom in the engine），已记录/);
});

test('applying and submitting at once: granted by the rules, but the window still needs the materials', async () => {
  const key = idem();
  const body = { implementationCode: ITEM, formData: MEETS, submit: true };
  const res = await as('person').call('POST', '/api/cases', body, key);
  assert.equal(res.statusCode, 201, res.body);
  const reply = res.json() as { number: string; status: string; instantApproval?: { outcome: string; closed: boolean; explanationZh: string } };
  // The person holds a 就业创业证 by now (the first test), and no ID card is supplied: not closed.
  assert.equal(reply.status, 'submitted');
  assert.ok(reply.instantApproval);
  assert.equal(reply.instantApproval.closed, false);
  // A repeated key replays the reply as finally given.
  const again = await as('person').call('POST', '/api/cases', body, key);
  assert.deepEqual(again.json(), reply);
  assert.equal((await decisions(reply.number)).length, 1, 'decided once');
});

test('switching instant approval: item admins only, on needs a published version, one per implementation', async () => {
  const [row] = await queryRows<{ id: number; version: number }>(
    t.database.db,
    sql`SELECT id::int AS id, version FROM rule_set WHERE code = ${RULE_SETS[0].code}`,
  );
  const put = (token: string, body: object) => t.app.inject({ method: 'PUT', url: `/api/rule-sets/${row.id}/instant`, payload: body, headers: bearer(token) });
  assert.equal((await put(tokens['hrss.reviewer'], { instantApproval: false, version: row.version })).statusCode, 403);
  const off = await put(tokens.itemadmin, { instantApproval: false, version: row.version });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal((off.json() as { instantApproval: boolean }).instantApproval, false);
  // Off: the next submission is not decided by the rules at all.
  const c = await submit(await draft(MEETS));
  assert.equal(c.status, 'submitted');
  assert.deepEqual(c.ruleDecisions, []);
  assert.equal(errorCode(await put(tokens.itemadmin, { instantApproval: true, version: row.version })), 'VERSION_CONFLICT');
  const on = await put(tokens.itemadmin, { instantApproval: true, version: row.version + 1 });
  assert.equal(on.statusCode, 200, on.body);
  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'rule_set' AND target_id = ${String(row.id)} AND action = 'rules.instant'`,
  );
  assert.equal(audit.length, 3, 'on by the demo seed, then off and on here');
});
