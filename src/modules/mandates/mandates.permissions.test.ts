import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer } from '../../../tests/support/app.ts';
import { idem, PDF } from '../../../tests/support/cases.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';

/**
 * Role × route × scope for every route of the mandates module. Principals (person, company) grant, list and revoke
 * their own mandates — the person's mandate is another principal's to the company (404); the agent lists what it
 * received; nobody else, not even an admin (who holds cases.apply but is no applicant). Clerks record a 委托书 at a
 * window of their region: 340600 is the city clerk's and the national admin's, not clerk.sx's (濉溪县) or admin.xs's
 * (相山区) nor admin.sx's.
 */
let cast: Cast;
let mandateId: number;
let digest: string;
let companyUscc: string;
const until = () => new Date(Date.parse(`${today()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  cast = await castApp();
  const granted = await cast.t.app.inject({
    method: 'POST',
    url: '/api/mandates',
    headers: { ...bearer(cast.token('person')), ...idem() },
    payload: { agentUsername: 'agent', allItems: true, validUntil: until() },
  });
  assert.equal(granted.statusCode, 201, granted.body);
  mandateId = (granted.json() as { id: number }).id;
  const upload = await cast.t.app.inject({
    method: 'POST',
    url: '/api/mandates/documents?name=wts.pdf',
    payload: PDF,
    headers: { ...bearer(cast.token('clerk')), 'content-type': 'application/octet-stream' },
  });
  assert.equal(upload.statusCode, 201, upload.body);
  digest = (upload.json() as { digest: string }).digest;
  const [company] = await queryRows<{ idNumber: string }>(cast.t.database.db, sql`SELECT id_number AS "idNumber" FROM app_user WHERE username = 'company'`);
  companyUscc = company.idNumber;
});
after(() => cast.t.close());

const PRINCIPALS = ['person', 'company'];

permissionMatrix(
  'mandates',
  [
    {
      route: 'POST /api/mandates',
      allowed: PRINCIPALS,
      request: () => ({ url: '/api/mandates', payload: { agentUsername: 'agent', allItems: true, validUntil: until() } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/mandates/granted', allowed: PRINCIPALS },
    { route: 'GET /api/mandates/received', allowed: ['agent'] },
    {
      route: 'POST /api/mandates/:id/revoke',
      allowed: ['person'],
      request: () => ({ url: `/api/mandates/${mandateId}/revoke`, payload: { version: 1 } }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/mandates/documents',
      allowed: ['admin', 'clerk', 'admin.xs', 'admin.sx', 'clerk.sx'],
      request: { url: '/api/mandates/documents?name=wts.pdf', payload: PDF, headers: { 'content-type': 'application/octet-stream' } },
      allowedStatus: [201],
    },
    {
      route: 'POST /api/mandates/recorded',
      allowed: ['admin', 'clerk'],
      request: () => ({
        url: '/api/mandates/recorded',
        payload: {
          principalIdNumber: companyUscc,
          principalName: '淮北市相山区味道餐饮有限公司',
          agentUsername: 'agent',
          allItems: true,
          validUntil: until(),
          documentDigest: digest,
          regionCode: '340600',
        },
      }),
      allowedStatus: [201],
    },
  ],
  () => cast,
);
