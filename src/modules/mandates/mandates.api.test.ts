import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, DEMO_PASSWORD, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { pinToday, today } from '../../platform/clock.ts';

let t: TestApp;
let item: string;
let otherItem: string;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const idNumbers: Record<string, string> = {};

/** A day `n` days after `day`. */
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9201');
  otherItem = await publishedItem(t, '340600-XK-9202');
  for (const u of ['admin', 'person', 'company', 'clerk']) tokens[u] = await t.login(u);
  // Agents of their own, so that the demo agent's mandates (seeded on the day the template was made) play no part.
  for (const username of ['agent.a', 'agent.b', 'agent.c']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(tokens.admin), ...idem() },
      payload: { username, displayName: `代办 ${username}`, password: DEMO_PASSWORD, roles: [{ role: 'agent', regionCode: null, departmentId: null }] },
    });
    assert.equal(res.statusCode, 201, res.body);
    tokens[username] = await t.login(username);
  }
  const rows = await queryRows<{ username: string; id: number; idNumber: string | null }>(
    t.database.db,
    sql`SELECT username, id::int AS id, id_number AS "idNumber" FROM app_user`,
  );
  for (const r of rows) {
    ids[r.username] = Number(r.id);
    if (r.idNumber) idNumbers[r.username] = r.idNumber;
  }
});
after(async () => {
  pinToday(null);
  await t?.close();
});
afterEach(() => pinToday(null));

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as never, headers: { ...bearer(tokens[user]), ...(method === 'POST' ? idem() : {}) } });

interface Mandate {
  id: number;
  version: number;
  status: string;
  origin: string;
  principal: { userId: number; name: string; idNumberMasked: string | null };
  agent: { username: string };
}

async function grant(
  principal: string,
  agent: string,
  scope: { allItems?: boolean; itemCodes?: string[] } = { allItems: true },
  validUntil = plus(today(), 30),
): Promise<Mandate> {
  const res = await call(principal, 'POST', '/api/mandates', { agentUsername: agent, ...scope, validUntil });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Mandate;
}

/** The agent applies for the principal; the applicant it sends is a stranger, which must not matter. */
const applyAs = (agent: string, principalUserId: number | undefined, code = item) =>
  call(agent, 'POST', '/api/cases', {
    implementationCode: code,
    formData: { shopName: '代办小馆' },
    principalUserId,
    applicant: { kind: 'person', name: '冒名者', idNumber: '11010519491231002X', contactPhone: '13905610000' },
  });

test('an agent without a mandate cannot apply for anyone, whatever it names', async () => {
  const none = await applyAs('agent.a', undefined);
  assert.equal(none.statusCode, 400);
  assert.equal(errorCode(none), 'MANDATE_PRINCIPAL_REQUIRED');
  const res = await applyAs('agent.a', ids.person);
  assert.equal(res.statusCode, 403);
  assert.equal(errorCode(res), 'MANDATE_NOT_GRANTED');
  const rows = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM service_case WHERE agent_user_id = ${ids['agent.a']}`);
  assert.equal(Number(rows[0].n), 0, 'nothing is stored');
});

test('with a mandate the case is the principal’s: its name and ID number, in its list and the agent’s', async () => {
  await grant('person', 'agent.a', { itemCodes: [item] });
  const res = await applyAs('agent.a', ids.person);
  assert.equal(res.statusCode, 201, res.body);
  const { number } = res.json() as { number: string };
  const [row] = await queryRows<{ name: string; idNumber: string; owner: number; agent: number; mandate: number | null; channel: string }>(
    t.database.db,
    sql`SELECT applicant_name AS name, applicant_id_number AS "idNumber", owner_user_id::int AS owner, agent_user_id::int AS agent, mandate_id::int AS mandate, channel FROM service_case WHERE number = ${number}`,
  );
  assert.equal(row.name, '周小明');
  assert.equal(row.idNumber, idNumbers.person);
  assert.equal(Number(row.owner), ids.person);
  assert.equal(Number(row.agent), ids['agent.a']);
  assert.ok(row.mandate, 'the mandate is recorded on the case');
  assert.equal(row.channel, 'agent');
  for (const who of ['person', 'agent.a']) {
    const mine = (await call(who, 'GET', '/api/cases/mine')).json() as { items: { number: string }[] };
    assert.ok(
      mine.items.some((c) => c.number === number),
      `${who} sees the case`,
    );
  }
  const company = (await call('company', 'GET', '/api/cases/mine')).json() as { items: { number: string }[] };
  assert.ok(!company.items.some((c) => c.number === number));
});

test('a mandate for another item does not cover this one, nor another principal', async () => {
  await grant('company', 'agent.b', { itemCodes: [otherItem] });
  const res = await applyAs('agent.b', ids.company, item);
  assert.equal(errorCode(res), 'MANDATE_NOT_GRANTED');
  assert.equal((await applyAs('agent.b', ids.company, otherItem)).statusCode, 201);
  assert.equal(errorCode(await applyAs('agent.b', ids.person, otherItem)), 'MANDATE_NOT_GRANTED', 'the person granted agent.b nothing');
});

test('after the principal revokes the mandate the agent is refused; only the principal can revoke, once', async () => {
  const m = await grant('person', 'agent.c');
  assert.equal((await applyAs('agent.c', ids.person)).statusCode, 201);
  assert.equal((await call('company', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version })).statusCode, 404, 'another principal does not see it');
  assert.equal((await call('agent.c', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version })).statusCode, 403);
  assert.equal(errorCode(await call('person', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version + 5 })), 'MANDATE_VERSION_CONFLICT');
  const revoked = await call('person', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal((revoked.json() as Mandate).status, 'revoked');
  assert.equal(errorCode(await applyAs('agent.c', ids.person)), 'MANDATE_NOT_GRANTED');
  assert.equal(errorCode(await call('person', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version + 1 })), 'MANDATE_NOT_ACTIVE');
  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'mandate' AND target_id = ${String(m.id)} ORDER BY id`,
  );
  assert.deepEqual(
    audit.map((a) => a.action),
    ['mandate.grant', 'mandate.revoke'],
  );
});

test('after its last day the mandate has expired and the agent is refused', async () => {
  const day = today();
  const m = await grant('company', 'agent.c', { allItems: true }, plus(day, 2));
  assert.equal((await applyAs('agent.c', ids.company)).statusCode, 201);
  pinToday(plus(day, 3));
  assert.equal(errorCode(await applyAs('agent.c', ids.company)), 'MANDATE_NOT_GRANTED');
  const received = (await call('agent.c', 'GET', '/api/mandates/received')).json() as { items: Mandate[] };
  assert.equal(received.items.find((x) => x.id === m.id)?.status, 'expired');
  assert.equal(errorCode(await call('company', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version })), 'MANDATE_NOT_ACTIVE');
});

test('a mandate lasts at most a year, starts today or later, names an agent account and existing items', async () => {
  const day = today();
  const bad = async (payload: Record<string, unknown>, code: string) => {
    const res = await call('person', 'POST', '/api/mandates', { agentUsername: 'agent.a', allItems: true, validUntil: plus(day, 30), ...payload });
    assert.equal(errorCode(res), code, JSON.stringify(payload));
  };
  await bad({ validUntil: plus(day, 366) }, 'MANDATE_PERIOD_INVALID');
  await bad({ validFrom: plus(day, -1) }, 'MANDATE_PERIOD_INVALID');
  await bad({ validUntil: '2026-02-30' }, 'INVALID_DATE');
  await bad({ agentUsername: 'company' }, 'MANDATE_AGENT_INVALID');
  await bad({ agentUsername: 'nobody-here' }, 'MANDATE_AGENT_INVALID');
  await bad({ allItems: false, itemCodes: ['340600-XK-0000'] }, 'MANDATE_ITEM_UNKNOWN');
  await bad({ allItems: false, itemCodes: [] }, 'VALIDATION_FAILED');
  assert.equal(
    (await call('person', 'POST', '/api/mandates', { agentUsername: 'agent.a', allItems: true, validUntil: plus(day, 365) })).statusCode,
    201,
    'a year to the day',
  );
});

test('the agent sees whom it may act for with masked ID numbers; the principal sees what it granted', async () => {
  const received = (await call('agent.a', 'GET', '/api/mandates/received')).json() as { items: Mandate[] };
  const mine = received.items.filter((m) => m.principal.userId === ids.person);
  assert.ok(mine.length > 0);
  assert.equal(mine[0].principal.name, '周小明');
  assert.equal(mine[0].principal.idNumberMasked, `${idNumbers.person.slice(0, 6)}********${idNumbers.person.slice(-4)}`);
  assert.ok(!JSON.stringify(received).includes(idNumbers.person), 'the full ID number is not sent');
  const granted = (await call('person', 'GET', '/api/mandates/granted')).json() as { items: Mandate[] };
  assert.ok(granted.items.every((m) => m.principal.userId === ids.person));
  assert.ok(granted.items.some((m) => m.agent.username === 'agent.a'));
});

test('a clerk records a signed 委托书 after checking identity, and the agent can then apply', async () => {
  const upload = await t.app.inject({
    method: 'POST',
    url: '/api/mandates/documents?name=委托书.pdf',
    payload: PDF,
    headers: { ...bearer(tokens.clerk), 'content-type': 'application/octet-stream' },
  });
  assert.equal(upload.statusCode, 201, upload.body);
  const { digest } = upload.json() as { digest: string };
  const body = {
    principalIdNumber: idNumbers.company,
    principalName: '淮北市相山区味道餐饮有限公司',
    agentUsername: 'agent.a',
    allItems: false,
    itemCodes: [otherItem],
    validUntil: plus(today(), 90),
    documentDigest: digest,
    regionCode: '340600',
  };
  assert.equal(errorCode(await applyAs('agent.a', ids.company, otherItem)), 'MANDATE_NOT_GRANTED');
  assert.equal(
    errorCode(await call('clerk', 'POST', '/api/mandates/recorded', { ...body, principalName: '别的公司' })),
    'MANDATE_PRINCIPAL_INVALID',
    'the name must match the account',
  );
  assert.equal(errorCode(await call('clerk', 'POST', '/api/mandates/recorded', { ...body, documentDigest: 'a'.repeat(64) })), 'MANDATE_DOCUMENT_MISSING');
  // Bytes someone else uploaded are not this clerk's scan of the document.
  const others = await t.app.inject({
    method: 'POST',
    url: '/api/mandates/documents?name=别人的.pdf',
    payload: Buffer.concat([PDF, Buffer.from('% other\n')]),
    headers: { ...bearer(tokens.admin), 'content-type': 'application/octet-stream' },
  });
  assert.equal(others.statusCode, 201, others.body);
  assert.equal(
    errorCode(await call('clerk', 'POST', '/api/mandates/recorded', { ...body, documentDigest: (others.json() as { digest: string }).digest })),
    'MANDATE_DOCUMENT_MISSING',
  );
  const res = await call('clerk', 'POST', '/api/mandates/recorded', body);
  assert.equal(res.statusCode, 201, res.body);
  const m = res.json() as Mandate;
  assert.equal(m.origin, 'recorded');
  const applied = await applyAs('agent.a', ids.company, otherItem);
  assert.equal(applied.statusCode, 201, applied.body);
  const granted = (await call('company', 'GET', '/api/mandates/granted')).json() as { items: Mandate[] };
  assert.ok(
    granted.items.some((x) => x.id === m.id),
    'the principal sees it and may revoke it',
  );
  const [audit] = await queryRows<{ actor: string }>(
    t.database.db,
    sql`SELECT actor_username AS actor FROM audit_log WHERE action = 'mandate.record' AND target_id = ${String(m.id)}`,
  );
  assert.equal(audit.actor, 'clerk');
});

test('window clerks keep naming the applicant they checked in person', async () => {
  const res = await call('clerk', 'POST', '/api/cases', {
    implementationCode: item,
    formData: { shopName: '窗口' },
    applicant: { kind: 'person', name: '某人', idNumber: '11010519491231002X' },
  });
  assert.equal(res.statusCode, 201, res.body);
});

// ── Cases an agent filed, after its mandate ends ──────────────────────────────────────────────────────────────

/** A fresh agent account, so that no mandate of another test covers it. */
async function newAgent(username: string): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(tokens.admin), ...idem() },
    payload: { username, displayName: `代办 ${username}`, password: DEMO_PASSWORD, roles: [{ role: 'agent', regionCode: null, departmentId: null }] },
  });
  assert.equal(res.statusCode, 201, res.body);
  ids[username] = (res.json() as { id: number }).id;
  tokens[username] = await t.login(username);
}

const put = (user: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'PUT', url, payload: payload as never, headers: { ...bearer(tokens[user]), ...headers } });
const versionOf = async (number: string) =>
  Number((await queryRows<{ v: number }>(t.database.db, sql`SELECT version AS v FROM service_case WHERE number = ${number}`))[0].v);
const onCase = async (user: string, number: string, action: string, body: Record<string, unknown> = {}) =>
  call(user, 'POST', `/api/cases/${number}/${action}`, { version: await versionOf(number), ...body });
const mine = async (user: string) => ((await call(user, 'GET', '/api/cases/mine')).json() as { items: { number: string }[] }).items.map((c) => c.number);

/** A draft the agent files for the principal, with its application uploaded by the agent. */
async function agentDraft(agent: string, principal: string): Promise<string> {
  const res = await applyAs(agent, ids[principal]);
  assert.equal(res.statusCode, 201, res.body);
  const { number } = res.json() as { number: string };
  const up = await put(agent, `/api/cases/${number}/materials/application?fileName=a.pdf`, PDF, { 'content-type': 'application/octet-stream' });
  assert.equal(up.statusCode, 200, up.body);
  return number;
}

/** A case the agent filed and submitted, to which the window has sent a correction notice. */
async function agentCaseAwaitingCorrection(agent: string, principal: string): Promise<string> {
  const number = await agentDraft(agent, principal);
  assert.equal((await call(agent, 'POST', `/api/cases/${number}/materials/premises/pledge`)).statusCode, 200);
  assert.equal((await onCase(agent, number, 'submit')).statusCode, 200);
  const notice = await onCase('clerk', number, 'request-correction', { items: [{ note: '申请书缺签字' }] });
  assert.equal(notice.statusCode, 200, notice.body);
  return number;
}

const answer = { answers: [{ item: 0, kind: 'note', note: '已补签' }], confirmed: true };
const rating = { level: '1', channel: '1', indicators: [] };

test('from the revocation the agent no longer reads or acts on the cases it filed; they go on for the principal', async () => {
  await newAgent('agent.r');
  const m = await grant('person', 'agent.r');
  const draft = await agentDraft('agent.r', 'person');
  const correction = await agentCaseAwaitingCorrection('agent.r', 'person');
  const closed = await agentDraft('agent.r', 'person');
  assert.equal((await onCase('agent.r', closed, 'withdraw', { reason: '不再需要' })).statusCode, 200);
  // While the mandate is in force the agent reads them.
  assert.equal((await call('agent.r', 'GET', `/api/cases/${draft}`)).statusCode, 200);
  assert.ok((await mine('agent.r')).includes(draft));

  assert.equal((await call('person', 'POST', `/api/mandates/${m.id}/revoke`, { version: m.version })).statusCode, 200);

  const refused = async (res: { statusCode: number; body: string }, what: string) => {
    assert.equal(res.statusCode, 403, `${what}: ${res.body}`);
    assert.equal(errorCode(res as never), 'CASE_MANDATE_ENDED', what);
  };
  await refused(await call('agent.r', 'GET', `/api/cases/${draft}`), 'view');
  await refused(await call('agent.r', 'GET', `/api/cases/${draft}/materials/application/file`), 'download a material');
  await refused(await call('agent.r', 'GET', `/api/cases/${correction}/notices/receipt`), 'download the receipt');
  await refused(await put('agent.r', `/api/cases/${draft}/draft`, { version: await versionOf(draft), formData: { shopName: '改名' } }), 'edit the draft');
  await refused(await onCase('agent.r', draft, 'submit'), 'submit');
  await refused(await onCase('agent.r', correction, 'answer-correction', answer), 'answer a correction');
  await refused(await onCase('agent.r', draft, 'withdraw', { reason: '代理人撤回' }), 'withdraw');
  const rated = await call('agent.r', 'POST', `/api/cases/${closed}/ratings`, rating);
  assert.equal(rated.statusCode, 403, rated.body);
  assert.equal(errorCode(rated), 'RATING_NOT_ALLOWED', 'rate');
  assert.deepEqual(
    (await mine('agent.r')).filter((n) => [draft, correction, closed].includes(n)),
    [],
    'gone from the agent’s list',
  );

  // The cases stay valid and go on for the principal, who sees and acts on them.
  const [row] = await queryRows<{ agent: number; mandate: number }>(
    t.database.db,
    sql`SELECT agent_user_id::int AS agent, mandate_id::int AS mandate FROM service_case WHERE number = ${draft}`,
  );
  assert.deepEqual([Number(row.agent), Number(row.mandate)], [ids['agent.r'], m.id], 'who filed it, under which mandate, is kept');
  for (const n of [draft, correction, closed]) assert.ok((await mine('person')).includes(n), `the principal lists ${n}`);
  assert.equal((await call('person', 'GET', `/api/cases/${draft}`)).statusCode, 200);
  const answered = await onCase('person', correction, 'answer-correction', answer);
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal((await call('person', 'POST', `/api/cases/${closed}/ratings`, rating)).statusCode, 201);
  assert.equal((await onCase('person', draft, 'withdraw', { reason: '不再需要' })).statusCode, 200);
  // Nobody tells the former agent of the case's progress any more.
  assert.equal((await onCase('clerk', correction, 'accept')).statusCode, 200);
  const told = await queryRows<{ user: number }>(
    t.database.db,
    sql`SELECT n.user_id::int AS user FROM notification n JOIN service_case c ON c.id = n.case_id WHERE c.number = ${correction} AND n.kind = 'accepted'`,
  );
  assert.deepEqual(
    told.map((r) => Number(r.user)),
    [ids.person],
  );
});

test('an expired mandate ends the agent’s access the same way; a mandate granted again restores it', async () => {
  await newAgent('agent.e');
  const day = today();
  await grant('company', 'agent.e', { allItems: true }, plus(day, 2));
  const number = await agentDraft('agent.e', 'company');
  assert.equal((await call('agent.e', 'GET', `/api/cases/${number}`)).statusCode, 200, 'on its last day');
  pinToday(plus(day, 2));
  assert.equal((await call('agent.e', 'GET', `/api/cases/${number}`)).statusCode, 200, 'on its last day');
  pinToday(plus(day, 3));
  const res = await call('agent.e', 'GET', `/api/cases/${number}`);
  assert.equal(res.statusCode, 403, res.body);
  assert.equal(errorCode(res), 'CASE_MANDATE_ENDED');
  assert.ok(!(await mine('agent.e')).includes(number));
  assert.equal((await call('company', 'GET', `/api/cases/${number}`)).statusCode, 200, 'the principal still has it');
  // A renewal covering the item lets the agent carry on with the case.
  await grant('company', 'agent.e', { itemCodes: [item] }, plus(today(), 30));
  assert.equal((await call('agent.e', 'GET', `/api/cases/${number}`)).statusCode, 200);
  assert.ok((await mine('agent.e')).includes(number));
});
