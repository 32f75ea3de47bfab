import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, type TestApp } from './app.ts';
import { caseContentFixture } from './catalog-fixtures.ts';
import type { ContentInput } from '../../src/modules/catalog/index.ts';
import type { CaseView } from '../../src/modules/cases/index.ts';

let keys = 0;
export const idem = () => ({ 'idempotency-key': `case-test-${process.pid}-${keys++}` });

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Publishes an implementation of 淮北市市场监督管理局 for case journeys; returns its code. */
export async function publishedItem(t: TestApp, code: string, overrides: Partial<ContentInput> = {}, itemType = '01'): Promise<string> {
  const admin = await t.login('itemadmin');
  const market = ((await t.app.inject({ method: 'GET', url: '/api/departments?q=淮北市市场监督管理局' })).json() as { items: { id: number }[] }).items[0].id;
  const base = await t.app.inject({
    method: 'POST',
    url: '/api/catalog/base-items',
    headers: { ...bearer(admin), ...idem() },
    payload: { code: code.replace(/-/g, '').slice(0, 12), name: '食品经营许可', itemType, useLevel: '3' },
  });
  assert.equal(base.statusCode, 201, base.body);
  const impl = await t.app.inject({
    method: 'POST',
    url: '/api/catalog/implementations',
    headers: { ...bearer(admin), ...idem() },
    payload: { code, baseItemId: (base.json() as { id: number }).id, regionCode: '340600', departmentId: market, content: caseContentFixture(overrides) },
  });
  assert.equal(impl.statusCode, 201, impl.body);
  const id = (impl.json() as { id: number }).id;
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${id}`, headers: bearer(admin) })).json() as {
    versions: { version: number }[];
  };
  const v = detail.versions[0].version;
  assert.equal(
    (await t.app.inject({ method: 'POST', url: `/api/catalog/implementations/${id}/submit`, headers: bearer(admin), payload: { version: v } })).statusCode,
    200,
  );
  assert.equal(
    (await t.app.inject({ method: 'POST', url: `/api/catalog/implementations/${id}/approve`, headers: bearer(admin), payload: { version: v + 1 } })).statusCode,
    200,
  );
  return code;
}

/** The case as GET /api/cases/:number answers: the server's own zod-inferred view. */
export type { CaseView };

/** A small client for one user: every call returns the parsed body and asserts nothing unless asked. */
export function caseClient(t: TestApp, token: string) {
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload: payload as never, headers: { ...bearer(token), ...headers } });
  return {
    call,
    async get(number: string): Promise<CaseView> {
      const res = await call('GET', `/api/cases/${number}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as CaseView;
    },
    /** POSTs an action with the case's current version and expects success. */
    async act(number: string, action: string, body: Record<string, unknown> = {}): Promise<CaseView> {
      const current = await this.get(number);
      const res = await call('POST', `/api/cases/${number}/${action}`, { version: current.version, ...body });
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
      return res.json() as CaseView;
    },
    async tryAct(number: string, action: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
      const current = await this.get(number).catch(() => ({ version: 0 }));
      return call('POST', `/api/cases/${number}/${action}`, { version: current.version, ...body });
    },
    upload(number: string, key: string, data: Buffer, fileName = 'file.pdf') {
      return call('PUT', `/api/cases/${number}/materials/${key}?fileName=${encodeURIComponent(fileName)}`, data, {
        'content-type': 'application/octet-stream',
      });
    },
  };
}
