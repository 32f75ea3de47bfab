import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { PDF } from '../../../tests/support/cases.ts';

/**
 * Normative documents and decisions of 淮北市司法局 (the city, 340600): read by legal officers and supervisors whose
 * region holds the city (region-wide: whatever department their grant names), changed by legal officers only. The
 * 濉溪县 and 相山区 staff are outside the city's records. The library, the consultations, comments and the catalogue
 * are public.
 */
let cast: Cast;
let justice: number;
let n = 0;

const articles = [
  { no: 1, text: '为规范管理，制定本办法。' },
  { no: 2, text: '本办法自公布之日起施行。' },
];

async function call(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await cast.t.app.inject({ method, url, payload, headers: { ...bearer(cast.token('admin')), 'idempotency-key': `perm-legal-${n++}` } });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number; commentClosesOn: string };
}
/** A fresh document of the city's 司法局, made by the national admin, taken to `stage`. */
async function doc(stage: 'drafting' | 'commenting' = 'drafting') {
  let d = await call('POST', '/api/legal/documents', { title: '权限测试文件', departmentId: justice, issuerPrefix: `权规${n}`, articles });
  if (stage === 'commenting') d = await call('POST', `/api/legal/documents/${d.id}/comment-period`, { version: d.version });
  return d;
}

let shared: { id: number; version: number };
let open: { id: number; version: number };
let decision: { id: number; version: number };
let campaign: { id: number; version: number };
let adviser: { id: number };
let meeting: { id: number };
/** A file the admin uploaded and kept as the minutes of a meeting of the city's 司法局. */
let keptFile: number;

before(async () => {
  cast = await castApp();
  justice = await cast.department('淮北市司法局');
  MEETING.departmentId = justice;
  shared = await doc();
  open = await doc('commenting');
  decision = await call('POST', '/api/legal/decisions', { title: '权限测试决策', departmentId: justice, year: 2026 });
  campaign = await call('POST', '/api/legal/cleanups', { title: '权限测试清理', departmentId: justice });
  adviser = await call('POST', '/api/legal/advisers', {
    name: '权限律师',
    kind: 'adviser',
    departmentId: justice,
    engagedFrom: '2020-01-01',
    engagedUntil: '2099-12-31',
  });
  meeting = await call('POST', '/api/legal/meetings', MEETING);
  const uploaded = await cast.t.app.inject({
    method: 'POST',
    url: '/api/legal/files?name=会议纪要.pdf',
    payload: PDF,
    headers: { ...bearer(cast.token('admin')), 'content-type': 'application/octet-stream' },
  });
  keptFile = (uploaded.json() as { id: number }).id;
  await call('POST', '/api/legal/meetings', { ...MEETING, fileId: keptFile });
});
const MEETING = {
  departmentId: 0,
  category: 'project',
  subject: '权限测试项目',
  meetingName: '局务会议',
  meetingOn: '2026-01-05',
  members: 5,
  attendees: 4,
  minutes: '纪要',
  decision: '同意',
};
after(() => cast.t.close());

const READ = ['admin', 'legalofficer', 'supervisor'];
const EDIT = ['admin', 'legalofficer'];
const READ_HOLDERS = ['admin', 'admin.xs', 'admin.sx', 'legalofficer', 'legalofficer.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'];
/** An upload names no record yet: anyone who edits rule-of-law records somewhere; the record it is attached to is scoped. */
const EDIT_HOLDERS = ['admin', 'admin.xs', 'admin.sx', 'legalofficer', 'legalofficer.sx'];

const transition = (
  route: `POST /api/legal/documents/:id/${string}`,
  payload: (d: { id: number; version: number }) => object,
  stage: 'drafting' | 'commenting' = 'drafting',
) => ({
  route,
  allowed: EDIT,
  request: async () => {
    const d = await doc(stage);
    return { url: route.slice('POST '.length).replace(':id', String(d.id)), payload: payload(d) };
  },
  // Allowed actors get past the access check; the state table may still refuse the step (409) on this fresh record.
  allowedStatus: [200, 409],
});

// Before the matrix, which makes hundreds of documents (a fresh one per actor and row).
test('the list of documents holds only those within the reader’s region', async () => {
  const list = async (actor: string) => {
    const res = await cast.t.app.inject({ method: 'GET', url: '/api/legal/documents?pageSize=200', headers: bearer(cast.token(actor)) });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: number }[] }).items;
  };
  for (const actor of ['legalofficer', 'supervisor'])
    assert.ok(
      (await list(actor)).some((d) => d.id === shared.id),
      actor,
    );
  for (const actor of ['legalofficer.sx', 'supervisor.sx', 'supervisor.xs']) assert.deepEqual(await list(actor), [], actor);
});

permissionMatrix(
  'legal',
  [
    { route: 'GET /api/public/legal/documents', allowed: 'public' },
    { route: 'GET /api/public/legal/consultations', allowed: 'public' },
    {
      route: 'GET /api/public/legal/documents/:id',
      allowed: 'public',
      request: () => ({ url: `/api/public/legal/documents/${open.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/public/legal/documents/:id/comments',
      allowed: 'public',
      request: () => ({ url: `/api/public/legal/documents/${open.id}/comments`, payload: { articleNo: 1, body: '意见' } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/public/legal/decisions', allowed: 'public' },
    { route: 'GET /api/legal/documents', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/documents',
      allowed: EDIT,
      request: () => ({ payload: { title: '新文件', departmentId: justice, issuerPrefix: '新规', articles } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/legal/documents/:id', allowed: READ, request: () => ({ url: `/api/legal/documents/${shared.id}` }), allowedStatus: [200] },
    {
      route: 'GET /api/legal/documents/:id/diff',
      allowed: READ,
      request: () => ({ url: `/api/legal/documents/${shared.id}/diff?from=1&to=1` }),
      allowedStatus: [200],
    },
    {
      route: 'GET /api/legal/documents/:id/comments',
      allowed: READ,
      request: () => ({ url: `/api/legal/documents/${open.id}/comments` }),
      allowedStatus: [200],
    },
    transition('POST /api/legal/documents/:id/versions', (d) => ({ articles, version: d.version })),
    transition('POST /api/legal/documents/:id/comment-period', (d) => ({ version: d.version })),
    transition('POST /api/legal/documents/:id/comment-close', (d) => ({ adoptionSummary: '无', version: d.version }), 'commenting'),
    transition('POST /api/legal/documents/:id/review', (d) => ({ opinion: 'pass', reasons: '合法', version: d.version })),
    transition('POST /api/legal/documents/:id/deliberation', (d) => ({ meeting: '会议', meetingOn: '2026-03-02', minutes: '通过', version: d.version })),
    transition('POST /api/legal/documents/:id/registration', (d) => ({ version: d.version })),
    transition('POST /api/legal/documents/:id/publication', (d) => ({ version: d.version })),
    transition('POST /api/legal/documents/:id/filing', (d) => ({ filedWith: '省政府', filedOn: '2026-03-02', version: d.version })),
    transition('POST /api/legal/documents/:id/renewal', (d) => ({ version: d.version })),
    transition('POST /api/legal/documents/:id/repeal', (d) => ({ reason: '清理', version: d.version })),
    {
      route: 'POST /api/legal/comments/:id/moderation',
      allowed: EDIT,
      request: async () => {
        const res = await cast.t.app.inject({
          method: 'POST',
          url: `/api/public/legal/documents/${open.id}/comments`,
          payload: { articleNo: 2, body: '待审意见' },
        });
        return { url: `/api/legal/comments/${(res.json() as { id: number }).id}/moderation`, payload: { approve: true } };
      },
      allowedStatus: [200],
    },
    { route: 'GET /api/legal/decisions', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/decisions',
      allowed: EDIT,
      request: () => ({ payload: { title: '决策', departmentId: justice, year: 2026 } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/legal/decisions/:id', allowed: READ, request: () => ({ url: `/api/legal/decisions/${decision.id}` }), allowedStatus: [200] },
    {
      route: 'POST /api/legal/decisions/:id/steps',
      allowed: EDIT,
      request: () => ({ url: `/api/legal/decisions/${decision.id}/steps`, payload: { step: 'risk_assessment', level: 'low', report: '低' } }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/legal/decisions/:id/decision',
      allowed: EDIT,
      request: () => ({ url: `/api/legal/decisions/${decision.id}/decision`, payload: { decision: '同意', version: 1 } }),
      allowedStatus: [409],
    },
    {
      route: 'GET /api/legal/documents/:id/record.docx',
      allowed: READ,
      request: () => ({ url: `/api/legal/documents/${shared.id}/record.docx` }),
      allowedStatus: [200],
    },
    { route: 'GET /api/public/legal/cleanups', allowed: 'public' },
    { route: 'GET /api/legal/cleanups', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/cleanups',
      allowed: EDIT,
      request: () => ({ payload: { title: '清理', departmentId: justice } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/legal/cleanups/:id', allowed: READ, request: () => ({ url: `/api/legal/cleanups/${campaign.id}` }), allowedStatus: [200] },
    {
      route: 'POST /api/legal/cleanups/:id/proposals',
      allowed: EDIT,
      // A document not in the campaign: allowed actors get past the access check to the campaign's own refusal.
      request: () => ({ url: `/api/legal/cleanups/${campaign.id}/proposals`, payload: { documentId: shared.id, proposal: 'keep', reason: '继续有效' } }),
      allowedStatus: [200, 400],
    },
    {
      route: 'POST /api/legal/cleanups/:id/approval',
      allowed: EDIT,
      request: async () => {
        const c = await call('POST', '/api/legal/cleanups', { title: '批量审定', departmentId: justice });
        return { url: `/api/legal/cleanups/${c.id}/approval`, payload: { version: c.version } };
      },
      allowedStatus: [200, 409],
    },
    { route: 'GET /api/legal/advisers', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/advisers',
      allowed: EDIT,
      request: () => ({ payload: { name: '律师', kind: 'public_lawyer', departmentId: justice, engagedFrom: '2026-01-01', engagedUntil: '2026-12-31' } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/legal/reviews', allowed: READ_HOLDERS },
    { route: 'GET /api/legal/reviews/counts', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/reviews',
      allowed: EDIT,
      request: () => ({ payload: { matterKind: 'project', title: '项目', departmentId: justice } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/legal/reviews/:id/opinion',
      allowed: EDIT,
      request: async () => {
        const r = await call('POST', '/api/legal/reviews', { matterKind: 'document', title: '文件', departmentId: justice });
        return { url: `/api/legal/reviews/${r.id}/opinion`, payload: { opinion: '合法', version: r.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/legal/reviews/:id/adviser-opinion',
      allowed: EDIT,
      request: async () => {
        const r = await call('POST', '/api/legal/reviews', { matterKind: 'decision', title: '决策', departmentId: justice });
        return { url: `/api/legal/reviews/${r.id}/adviser-opinion`, payload: { adviserId: adviser.id, opinion: '可行', version: r.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/legal/decisions/:id/execution',
      allowed: EDIT,
      // Not decided yet: allowed actors get past the access check to the state table's refusal.
      request: () => ({ url: `/api/legal/decisions/${decision.id}/execution`, payload: { publishedOn: '2026-01-05', executedFrom: '2026-01-05', version: 1 } }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/legal/decisions/:id/evaluations',
      allowed: EDIT,
      request: () => ({
        url: `/api/legal/decisions/${decision.id}/evaluations`,
        payload: { evaluatedOn: '2026-01-05', evaluator: '第三方', findings: '良好', conclusion: 'continue', version: 1 },
      }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/legal/files',
      allowed: EDIT_HOLDERS,
      request: () => ({ url: '/api/legal/files?name=意见书.pdf', payload: PDF, headers: { 'content-type': 'application/octet-stream' } }),
      allowedStatus: [201],
    },
    // Whoever reads the record that keeps the file (region-wide, like the records); 濉溪县 and 相山区 staff are refused.
    { route: 'GET /api/legal/files/:id', allowed: READ, request: () => ({ url: `/api/legal/files/${keptFile}` }), allowedStatus: [200] },
    { route: 'GET /api/legal/meetings', allowed: READ_HOLDERS },
    { route: 'POST /api/legal/meetings', allowed: EDIT, request: () => ({ payload: MEETING }), allowedStatus: [201] },
    { route: 'GET /api/legal/meetings/:id', allowed: READ, request: () => ({ url: `/api/legal/meetings/${meeting.id}` }), allowedStatus: [200] },
    { route: 'GET /api/legal/trainings', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/trainings',
      allowed: EDIT,
      request: () => ({ payload: { departmentId: justice, heldOn: '2026-01-05', topic: '宪法', kind: 'lecture', attendance: 30 } }),
      allowedStatus: [201],
    },
    { route: 'GET /api/legal/duties', allowed: READ_HOLDERS },
    {
      route: 'POST /api/legal/duties',
      allowed: EDIT,
      // One list per department and year: the first allowed actor publishes it, the next are told it exists.
      request: () => ({ payload: { departmentId: justice, year: 2030, responsibilities: '普法', audiences: '群众', measures: '宣传' } }),
      allowedStatus: [201, 409],
    },
    { route: 'GET /api/public/legal/duties', allowed: 'public' },
  ],
  () => cast,
);
