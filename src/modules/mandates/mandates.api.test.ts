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
