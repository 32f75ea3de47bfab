// The data-exchange API tests' common ground: the app with its data officer and consumer signed in, the demo's
// departments, a resource catalogued and published, a consumer's request, the provider's masked grant and a token.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { bearer, testApp, type TestApp } from './app.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import type { ResourceView } from '../../src/modules/exchange/index.ts';

/** A request as a signed-in user (their bearer token) or as nobody (null). */
export type Requester = (
  token: string | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

export type DemoDepartment = 'police' | 'market' | 'hrss' | 'medical';

const departmentNames: Record<DemoDepartment, string> = {
  police: '淮北市公安局',
  market: '淮北市市场监督管理局',
  hrss: '淮北市人力资源和社会保障局',
  medical: '淮北市医疗保障局',
};

export interface ExchangeApp {
  t: TestApp;
  as: Requester;
  /** The data officer (dataofficer), who keeps the catalogue and the endpoints. */
  officer: string;
  /** The market department's reviewer (reviewer), the consumer. */
  market: string;
  departments: Record<DemoDepartment, number>;
}

/** The app on the demo (`'full'`: with its catalogue), the data officer and the market reviewer signed in. */
export async function exchangeApp(demo: true | 'full'): Promise<ExchangeApp> {
  const t = await testApp({ demo });
  try {
    const as: Requester = (token, method, url, payload, headers = {}) =>
      t.app.inject({ method, url, payload: payload as never, headers: { ...(token ? bearer(token) : {}), ...headers } });
    const officer = await t.login('dataofficer');
    const market = await t.login('reviewer');
    const rows = await queryRows<{ id: number; name: string }>(t.database.db, sql`SELECT id::int AS id, name FROM department`);
    const id = (name: string) => Number(rows.find((r) => r.name === name)!.id);
    const departments = Object.fromEntries(Object.entries(departmentNames).map(([k, name]) => [k, id(name)])) as Record<DemoDepartment, number>;
    return { t, as, officer, market, departments };
  } catch (err) {
    // The test's own after() never sees this app: close it here so the process can end.
    await t.close().catch(() => undefined);
    throw err;
  }
}

/** The fields every test resource about people starts with: the ID number (its key), the name and the phone. */
export const personFields = [
  { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
  { key: 'name', name: '姓名', type: 'string', required: true },
  { key: 'phone', name: '联系电话', type: 'string' },
];

/** A conditionally shared table of the police (居住证信息), keyed by the ID number; `over` replaces any element. */
export const resourceInput = (departmentId: number, sequence: number, over: Record<string, unknown> = {}) => ({
  classification: '101001',
  sequence: String(sequence),
  name: '居住证信息',
  departmentId,
  summary: '居住证持有人信息',
  format: '数据库',
  fields: [...personFields, { key: 'valid_to', name: '有效期至', type: 'date' }],
  keyField: 'id_number',
  sharing: 'conditional',
  sharingBasis: '国发〔2016〕51号',
  sharingMethod: 'interface',
  openAttribute: 'closed',
  updateCycle: '每日',
  ...over,
});

/** Catalogues a resource as the data officer, submits and publishes it; every step must succeed. */
export async function publishResource(as: Requester, officer: string, body: object, headers: Record<string, string>): Promise<ResourceView> {
  const c = await as(officer, 'POST', '/api/exchange/resources', body, headers);
  assert.equal(c.statusCode, 201, c.body);
  let r = c.json() as ResourceView;
  for (const action of ['submit', 'publish']) {
    const s = await as(officer, 'POST', `/api/exchange/resources/${r.id}/transitions`, { action, version: r.version });
    assert.equal(s.statusCode, 200, s.body);
    r = s.json() as ResourceView;
  }
  return r;
}

/** The market department's request for `fields` of a resource, to check a business's owner in 2026–2027. */
export const grantRequest = (resourceId: number, fields: string[]) => ({
  resourceId,
  purpose: '核验经营者身份',
  legalBasis: '《市场主体登记管理条例》',
  fields,
  periodFrom: '2026-01-01',
  periodTo: '2027-12-31',
  expectedVolume: 100,
});

/** The provider's grant of the ID number, the name and the phone, the ID number and the phone masked. */
export const maskedGrant = (version: number, over: Record<string, unknown> = {}) => ({
  version,
  allowedFields: ['id_number', 'name', 'phone'],
  masks: [
    { field: 'id_number', mask: 'id_number' },
    { field: 'phone', mask: 'phone' },
  ],
  ...over,
});

/** The consumer makes a machine token of its grant; the answer as it came, for the test to judge. */
export const makeToken = (as: Requester, consumer: string, grantId: number, name: string, headers: Record<string, string>) =>
  as(consumer, 'POST', '/api/exchange/tokens', { grantId, name }, headers);
