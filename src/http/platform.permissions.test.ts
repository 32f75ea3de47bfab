import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../tests/support/permissions.ts';
import { PDF } from '../../tests/support/cases.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../platform/db/db.ts';

// The platform's own routes (operations, calendar, audit, checks, code lists, public files): role × route × region.
let cast: Cast;
let publicDigest: string;
let failedJob: { id: number; version: number };
before(async () => {
  cast = await castApp({ demo: true });
  const upload = await cast.t.app.inject({
    method: 'POST',
    url: '/api/files?name=blank.pdf',
    headers: { ...bearer(cast.token('itemadmin')), 'idempotency-key': 'blank', 'content-type': 'application/octet-stream' },
    payload: PDF,
  });
  assert.equal(upload.statusCode, 201, upload.body);
  publicDigest = (upload.json() as { digest: string }).digest;
  // A failed event for the jobs page to retry.
  [failedJob] = await queryRows<{ id: number; version: number }>(
    cast.t.database.db,
    sql`INSERT INTO outbox_event (name, payload, status, attempts, max_attempts, last_error) VALUES ('test.failed', '{}', 'failed', 1, 1, 'Error: refused') RETURNING id::int AS id, version`,
  );
});
after(() => cast?.t.close());

const admins = ['admin'];
const itemAdmins = ['admin', 'admin.xs', 'admin.sx', 'itemadmin', 'itemadmin.sx'];
const auditReaders = ['admin', 'admin.xs', 'admin.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'];

permissionMatrix(
  'platform',
  [
    { route: 'GET /api/health', allowed: 'public' },
    { route: 'GET /api/ready', allowed: 'public' },
    { route: 'GET /api/calendar/add', allowed: 'public', request: { url: '/api/calendar/add?from=2026-03-02&days=3' } },
    { route: 'GET /api/calendar/years', allowed: 'public' },
    { route: 'GET /api/calendar/days', allowed: 'public', request: { url: '/api/calendar/days?from=2026-03-02&days=3' } },
    // The calendar is the State Council's for the whole platform: a county or city admin does not edit it.
    {
      route: 'PUT /api/calendar/days/:date',
      allowed: admins,
      request: { url: '/api/calendar/days/2026-03-07', payload: { isWorkday: false, name: null, version: 1 } },
      allowedStatus: [200, 409],
    },
    {
      route: 'POST /api/calendar/import',
      allowed: admins,
      request: { payload: { format: 'csv', content: 'date,isWorkday,name\n2026-03-08,false,\n' } },
      allowedStatus: [200, 400, 422],
    },
    { route: 'GET /api/audit', allowed: auditReaders },
    { route: 'GET /api/audit/verify', allowed: auditReaders },
    { route: 'GET /api/audit/checkpoints', allowed: auditReaders },
    // The jobs page is the whole platform's: a national admin's alone.
    { route: 'GET /api/jobs', allowed: admins },
    {
      route: 'POST /api/jobs/:id/retry',
      allowed: admins,
      request: () => ({ url: `/api/jobs/${failedJob.id}/retry`, payload: { version: failedJob.version } }),
      allowedStatus: [200],
    },
    { route: 'GET /api/check/id/:value', allowed: 'public', request: { url: '/api/check/id/11010519491231002X' } },
    { route: 'GET /api/check/uscc/:value', allowed: 'public', request: { url: '/api/check/uscc/91340603MA2T00010X' } },
    { route: 'GET /api/code-lists/:list', allowed: 'public', request: { url: '/api/code-lists/item_type' } },
    {
      route: 'POST /api/files',
      allowed: itemAdmins,
      request: { url: '/api/files?name=x.pdf', payload: PDF, headers: { 'content-type': 'application/octet-stream' } },
    },
    { route: 'GET /api/files/:digest', allowed: 'public', request: () => ({ url: `/api/files/${publicDigest}` }) },
  ],
  () => cast,
);

test('a supervisor scoped to a county reads the entries acted in its county, not the city’s or the nation’s', async () => {
  // An act of the county's admin, under its county grant.
  const changed = await cast.t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(cast.token('admin.sx')),
    payload: { currentPassword: 'Demo@2026', newPassword: 'County2026x' },
  });
  assert.equal(changed.statusCode, 204, changed.body);
  const county = (await cast.t.app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: bearer(cast.token('supervisor.sx')) })).json() as {
    total: number;
    items: { regionCode: string | null; actorUsername: string }[];
  };
  assert.ok(county.total >= 1);
  assert.ok(
    county.items.every((e) => e.regionCode?.startsWith('340621')),
    JSON.stringify(county.items.slice(0, 3)),
  );
  const all = (await cast.t.app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: bearer(cast.token('admin')) })).json() as { total: number };
  assert.ok(all.total > county.total);
  const city = (await cast.t.app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: bearer(cast.token('supervisor')) })).json() as {
    items: { regionCode: string | null }[];
  };
  assert.ok(city.items.every((e) => e.regionCode?.startsWith('3406')));
});
