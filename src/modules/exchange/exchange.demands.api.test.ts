import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { addWorkingDaysFrom } from '../../platform/calendar/calendar.service.ts';
import { pinToday, today } from '../../platform/clock.ts';
import { resourceInput } from '../../../tests/support/exchange.ts';
import type { DemandView, ResourceView } from './exchange.types.ts';

// 数据需求 through the HTTP API on the full demo: the market department (reviewer) asks the police for data the
// catalogue lacks; the police (police.reviewer) or the data office answer within ten working days; an accepted demand
// is fulfilled when its resource is published; the figures count filed, answered on time and fulfilled demands.

let t: TestApp;
let officer: string;
let market: string;
let police: string;
let hrss: string;
let ids: Record<'police' | 'market' | 'hrss', number>;
let n = 0;
const key = () => ({ 'idempotency-key': `exchange-demand-${process.pid}-${n++}` });

before(async () => {
  t = await testApp({ demo: 'full' });
  officer = await t.login('dataofficer');
  market = await t.login('reviewer');
  police = await t.login('police.reviewer');
  hrss = await t.login('hrss.reviewer');
  const rows = await queryRows<{ id: number; name: string }>(t.database.db, sql`SELECT id::int AS id, name FROM department`);
  const id = (name: string) => Number(rows.find((r) => r.name === name)!.id);
  ids = { police: id('淮北市公安局'), market: id('淮北市市场监督管理局'), hrss: id('淮北市人力资源和社会保障局') };
});
after(() => {
  pinToday(null);
  return t.close();
});

const as = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as never, headers: { ...bearer(token), ...headers } });

const demandBody = (over: Record<string, unknown> = {}) => ({
  title: '流动人口居住登记信息',
  purpose: '个体工商户登记时核验经营场所的居住登记',
  legalBasis: '《市场主体登记管理条例》第十六条',
  wantedFields: ['公民身份号码', '居住地址', '登记日期'],
  providerDepartmentId: ids.police,
  ...over,
});

async function file(over: Record<string, unknown> = {}): Promise<DemandView> {
  const res = await as(market, 'POST', '/api/exchange/demands', demandBody(over), key());
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as DemandView;
}

/** A resource of the police catalogued by the data office: a draft, or published. */
async function policeResource(published: boolean, departmentId = ids.police): Promise<ResourceView> {
  const c = await as(
    officer,
    'POST',
    '/api/exchange/resources',
    resourceInput(departmentId, 500 + n++, {
      classification: '101005',
      name: '流动人口居住登记',
      summary: '居住登记',
      fields: [
        { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
        { key: 'address', name: '居住地址', type: 'string' },
      ],
    }),
    key(),
  );
  assert.equal(c.statusCode, 201, c.body);
  let r = c.json() as ResourceView;
  if (published) r = await publish(r);
  return r;
}

async function publish(r: ResourceView): Promise<ResourceView> {
  const s = await as(officer, 'POST', `/api/exchange/resources/${r.id}/transitions`, { action: 'submit', version: r.version });
  const p = await as(officer, 'POST', `/api/exchange/resources/${r.id}/transitions`, { action: 'publish', version: (s.json() as ResourceView).version });
  assert.equal(p.statusCode, 200, p.body);
  return p.json() as ResourceView;
}

const auditOf = async (id: number) =>
  (
    await queryRows<{ action: string }>(
      t.database.db,
      sql`SELECT action FROM audit_log WHERE target_type = 'exchange_demand' AND target_id = ${String(id)} ORDER BY id`,
    )
  ).map((a) => a.action);

test('a department files a demand due in ten working days; a repeat of the same key is the same demand; bad demands are refused with a code', async () => {
  const k = key();
  const res = await as(market, 'POST', '/api/exchange/demands', demandBody(), k);
  assert.equal(res.statusCode, 201, res.body);
  const d = res.json() as DemandView;
  assert.equal(d.status, 'filed');
  assert.equal(d.timing, 'open');
  assert.equal(d.consumerDepartmentId, ids.market);
  assert.equal(d.providerDepartmentName, '淮北市公安局');
  assert.equal(d.dueDate, await addWorkingDaysFrom(t.database.db, today(), 10));
  const again = await as(market, 'POST', '/api/exchange/demands', demandBody(), k);
  assert.equal((again.json() as DemandView).id, d.id);
  assert.deepEqual(await auditOf(d.id), ['exchange.demand.file']);

  const self = await as(market, 'POST', '/api/exchange/demands', demandBody({ providerDepartmentId: ids.market }), key());
  assert.equal(errorCode(self), 'EXCHANGE_DEMAND_INVALID');
  const nobody = await as(market, 'POST', '/api/exchange/demands', demandBody({ providerDepartmentId: 999_999 }), key());
  assert.equal(errorCode(nobody), 'EXCHANGE_DEPARTMENT_INVALID');
  const noFields = await as(market, 'POST', '/api/exchange/demands', demandBody({ wantedFields: [] }), key());
  assert.equal(errorCode(noFields), 'VALIDATION_FAILED');
  const blank = await as(market, 'POST', '/api/exchange/demands', demandBody({ wantedFields: ['  '] }), key());
  assert.equal(errorCode(blank), 'EXCHANGE_DEMAND_INVALID');

  // Each side sees it on its list; another department neither sees nor answers it; the consumer does not answer its own.
  const mine = (await as(market, 'GET', '/api/exchange/demands?side=consumer')).json() as { items: DemandView[] };
  const theirs = (await as(police, 'GET', '/api/exchange/demands?side=provider&status=filed')).json() as { items: DemandView[] };
  assert.ok(mine.items.some((x) => x.id === d.id) && theirs.items.some((x) => x.id === d.id));
  assert.equal((await as(hrss, 'GET', `/api/exchange/demands/${d.id}`)).statusCode, 404);
  assert.equal((await as(hrss, 'POST', `/api/exchange/demands/${d.id}/refuse`, { version: d.version, reasons: 'x' })).statusCode, 403);
  assert.equal((await as(market, 'POST', `/api/exchange/demands/${d.id}/accept`, { version: d.version, answer: 'x' })).statusCode, 403);
});

test('the provider accepts naming a new resource; the demand is fulfilled when the data office publishes it', async () => {
  const d = await file();
  const draft = await policeResource(false);
  const other = await policeResource(false, ids.hrss);
  const wrong = await as(police, 'POST', `/api/exchange/demands/${d.id}/accept`, { version: d.version, answer: '将新建资源', resourceId: other.id });
  assert.equal(errorCode(wrong), 'EXCHANGE_DEMAND_RESOURCE_INVALID');
  const stale = await as(police, 'POST', `/api/exchange/demands/${d.id}/accept`, { version: d.version + 1, answer: '将新建资源' });
  assert.equal(errorCode(stale), 'EXCHANGE_VERSION_CONFLICT');
  const accepted = await as(police, 'POST', `/api/exchange/demands/${d.id}/accept`, {
    version: d.version,
    answer: '已编目，审核发布后可申请共享',
    resourceId: draft.id,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const a = accepted.json() as DemandView;
  assert.deepEqual([a.status, a.timing, a.resourceCode, a.answeredBy, a.answeredOn], ['accepted', 'on_time', draft.code, 'police.reviewer', today()]);
  const twice = await as(police, 'POST', `/api/exchange/demands/${d.id}/refuse`, { version: a.version, reasons: 'x' });
  assert.equal(errorCode(twice), 'EXCHANGE_DEMAND_ILLEGAL_TRANSITION');

  await publish(draft);
  const after = (await as(market, 'GET', `/api/exchange/demands/${d.id}`)).json() as DemandView;
  assert.equal(after.status, 'fulfilled');
  assert.ok(after.fulfilledAt);
  assert.deepEqual(await auditOf(d.id), ['exchange.demand.file', 'exchange.demand.accept', 'exchange.demand.fulfil']);
});

test('accepting with a published resource, or linking one later, fulfils at once; a refusal states its reasons and is final', async () => {
  const published = await policeResource(true);
  const d1 = await file();
  const now = await as(officer, 'POST', `/api/exchange/demands/${d1.id}/accept`, { version: d1.version, answer: '已有资源', resourceId: published.id });
  assert.equal(now.statusCode, 200, now.body);
  assert.equal((now.json() as DemandView).status, 'fulfilled', 'the data office answers for the provider too');

  const d2 = await file();
  const later = (await as(police, 'POST', `/api/exchange/demands/${d2.id}/accept`, { version: d2.version, answer: '稍后提供' })).json() as DemandView;
  assert.equal(later.status, 'accepted');
  const linked = await as(police, 'POST', `/api/exchange/demands/${d2.id}/link`, { version: later.version, resourceId: published.id });
  assert.equal((linked.json() as DemandView).status, 'fulfilled');
  assert.deepEqual(await auditOf(d2.id), ['exchange.demand.file', 'exchange.demand.accept', 'exchange.demand.link']);

  const d3 = await file();
  const noReason = await as(police, 'POST', `/api/exchange/demands/${d3.id}/refuse`, { version: d3.version, reasons: '' });
  assert.equal(errorCode(noReason), 'VALIDATION_FAILED');
  const refused = (
    await as(police, 'POST', `/api/exchange/demands/${d3.id}/refuse`, { version: d3.version, reasons: '涉及侦查信息，依法不予提供' })
  ).json() as DemandView;
  assert.deepEqual([refused.status, refused.answer], ['refused', '涉及侦查信息，依法不予提供']);
  const link = await as(police, 'POST', `/api/exchange/demands/${d3.id}/link`, { version: refused.version, resourceId: published.id });
  assert.equal(errorCode(link), 'EXCHANGE_DEMAND_ILLEGAL_TRANSITION');
  assert.equal(errorCode(await as(police, 'GET', '/api/exchange/demands/999999')), 'EXCHANGE_DEMAND_NOT_FOUND');
});

test('the figures: a demand answered after its due date is late, one unanswered past it overdue; fulfilled ones are counted', async () => {
  const before = (await as(officer, 'GET', '/api/exchange/demands/statistics')).json() as {
    total: { filed: number; answered: number; answeredOnTime: number; fulfilled: number; overdue: number };
    byProvider: { departmentId: number; filed: number }[];
  };
  const late = await file();
  const open = await file();
  // Three days past the due date (working days were counted from today; calendar days suffice to pass it).
  const past = new Date(Date.parse(`${late.dueDate}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  pinToday(past);
  try {
    const refused = (await as(police, 'POST', `/api/exchange/demands/${late.id}/refuse`, { version: late.version, reasons: '无此数据' })).json() as DemandView;
    assert.equal(refused.timing, 'late');
    assert.equal(((await as(market, 'GET', `/api/exchange/demands/${open.id}`)).json() as DemandView).timing, 'overdue');
    const stats = (await as(officer, 'GET', '/api/exchange/demands/statistics')).json() as typeof before;
    assert.equal(stats.total.filed, before.total.filed + 2);
    assert.equal(stats.total.answered, before.total.answered + 1);
    assert.equal(stats.total.answeredOnTime, before.total.answeredOnTime, 'the late answer is not on time');
    assert.ok(stats.total.overdue >= before.total.overdue + 1);
    assert.ok(stats.total.fulfilled >= 3, 'the demands fulfilled above');
    const policeRow = stats.byProvider.find((p) => p.departmentId === ids.police)!;
    assert.equal(policeRow.filed, stats.total.filed, 'every demand here went to the police');
    // A period in which none was filed holds none.
    const none = (await as(officer, 'GET', `/api/exchange/demands/statistics?from=2099-01-01`)).json() as typeof before;
    assert.equal(none.total.filed, 0);
  } finally {
    pinToday(null);
  }
});
