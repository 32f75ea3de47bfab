// The demo city at work: reviewers for every department that has items, and cases in every state with their
// licences, ratings, a remedy and an appeal, so that no role starts on an empty workbench (issue 20). Everything
// goes through the HTTP API as the demo users would act, so the activity obeys every rule a user meets.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/db.ts';
import { systemContext } from '../platform/context.ts';
import { today } from '../platform/clock.ts';
import { createUser, findUserByUsername, login } from '../modules/accounts/index.ts';
import { findDepartmentByUscc } from '../modules/regions/index.ts';
import { DEPARTMENTS, departmentUscc, type DeptKey } from './demo-catalog/kit.ts';
import { IMPLEMENTATIONS, LICENSE_TYPES } from './demo-catalog/index.ts';
import { DEMO_COMPANY_USCC, DEMO_PASSWORD, demoIdentity } from './demo.ts';

/**
 * The departments that publish items, each with a reviewer (审查) and a lead (决定: a second person, 审批分离); the
 * market department also has an officer who handles remedies and appeals of ratings of acts that were not theirs.
 */
export function demoStaff(): { dept: DeptKey; reviewer: string; lead: string; officer?: string }[] {
  const depts = [...new Set(IMPLEMENTATIONS.map((i) => i.dept))];
  return depts.map((dept) =>
    dept === 'market'
      ? { dept, reviewer: 'reviewer', lead: 'market.lead', officer: 'market.officer' }
      : { dept, reviewer: `${dept}.reviewer`, lead: `${dept}.lead` },
  );
}

/** Creates the department reviewers and leads that are missing (after the demo catalogue). Returns how many. */
export async function seedDemoStaff(db: Db): Promise<number> {
  const ctx = systemContext('demo-seed');
  let created = 0;
  for (const [i, s] of demoStaff().entries()) {
    const department = await findDepartmentByUscc(db, departmentUscc(s.dept));
    if (!department) throw new Error(`department ${s.dept} is missing: seed the demo catalogue first`);
    const short = DEPARTMENTS[s.dept].name.replace(/^淮北市|^国家税务总局淮北市/, '');
    const accounts: [string, string, number][] = [
      [s.reviewer, '审查', 0],
      [s.lead, '决定', 1],
    ];
    if (s.officer) accounts.push([s.officer, '综合科', 2]);
    for (const [username, title, n] of accounts) {
      if (await findUserByUsername(db, username)) continue;
      await db.transaction((tx) =>
        createUser(tx, ctx, {
          username,
          displayName: `${short} ${title}`,
          password: DEMO_PASSWORD,
          phone: `1390562${String(1000 + i * 3 + n).padStart(4, '0')}`,
          idNumber: null,
          roles: [{ role: 'reviewer', regionCode: DEPARTMENTS[s.dept].region, departmentId: department.id }],
        }),
      );
      created++;
    }
  }
  return created;
}

interface Reply {
  status: number;
  body: unknown;
}
type Json = Record<string, unknown>;
interface FieldView {
  type?: string;
  format?: string;
  enum?: string[];
  items?: { enum?: string[] };
  minimum?: number;
  maxLength?: number;
  'x-widget'?: string;
}
interface CaseSeen {
  number: string;
  status: string;
  version: number;
  form: { properties?: Record<string, FieldView>; required?: string[] } | null;
  materials: { key: string; required: boolean; pledgeAllowed: boolean }[];
  steps: { status: string }[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

class DemoActivityError extends Error {}

/** A signed-in demo user acting through the API (in-process). */
// Signs in through the service, not the route: the route's rate limit is for guessers, and the demo signs in ~40 users.
async function signIn(app: FastifyInstance, db: Db, username: string) {
  const { token } = await login(db, { username, password: DEMO_PASSWORD, ip: '127.0.0.1', requestId: null }, { sessionHours: 1, maxFailures: 5 });
  let keys = 0;
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, extra: Record<string, string> = {}): Promise<Reply> => {
    const res = await app.inject({
      method,
      url,
      payload: payload as never,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': `demo-${username}-${Date.now()}-${keys++}`, ...extra },
    });
    return { status: res.statusCode, body: res.body ? (res.json() as unknown) : undefined };
  };
  const must = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, extra?: Record<string, string>) => {
    const r = await call(method, url, payload, extra);
    if (r.status >= 300) throw new DemoActivityError(`demo activity: ${username} ${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Json;
  };
  const view = async (n: string) => (await must('GET', `/api/cases/${n}`)) as unknown as CaseSeen;
  return {
    username,
    call,
    must,
    view,
    /** A case action with the case's current version. */
    act: async (n: string, action: string, body: Json = {}) => must('POST', `/api/cases/${n}/${action}`, { version: (await view(n)).version, ...body }),
    tryAct: async (n: string, action: string, body: Json = {}) => call('POST', `/api/cases/${n}/${action}`, { version: (await view(n)).version, ...body }),
  };
}
type Actor = Awaited<ReturnType<typeof signIn>>;

/** Plausible answers to an item's form for the applicant (identity fields are the account's own). */
function answers(form: CaseSeen['form'], who: 'person' | 'company'): Json {
  const out: Json = {};
  const me = demoIdentity(who);
  for (const [key, field] of Object.entries(form?.properties ?? {})) {
    const widget = field['x-widget'];
    if (widget === 'id-number' || field.format === 'cn-id-number') out[key] = who === 'person' ? me.idNumber : demoIdentity('person').idNumber;
    else if (widget === 'uscc' || field.format === 'uscc') out[key] = DEMO_COMPANY_USCC;
    else if (widget === 'phone' || field.format === 'cn-mobile') out[key] = me.phone;
    else if (field.format === 'date') out[key] = '2026-01-05';
    else if (field.type === 'array') out[key] = field.items?.enum?.slice(0, 1) ?? [];
    else if (field.enum?.length) out[key] = field.enum[0];
    else if (field.type === 'number' || field.type === 'integer') out[key] = Math.max(field.minimum ?? 0, 1);
    else if (field.type === 'boolean') out[key] = true;
    else if (/name|Name/.test(key)) out[key] = who === 'company' ? '淮北市相山区味道餐饮有限公司' : '周小明';
    else out[key] = '淮北市相山区人民路 88 号'.slice(0, field.maxLength ?? 100);
  }
  return out;
}

/** Applies for an item with every material uploaded, and submits unless asked to keep the draft. */
async function apply(
  applicant: Actor,
  item: string,
  who: 'person' | 'company',
  opts: { submit?: boolean; formData?: Json; principalUserId?: number; pledge?: boolean } = {},
): Promise<string> {
  const { number } = (await applicant.must('POST', '/api/cases', { implementationCode: item, formData: {}, principalUserId: opts.principalUserId })) as {
    number: string;
  };
  const draft = await applicant.view(number);
  await applicant.must('PUT', `/api/cases/${number}/draft`, { version: draft.version, formData: { ...answers(draft.form, who), ...opts.formData } });
  for (const m of draft.materials)
    if (opts.pledge && m.pledgeAllowed) await applicant.must('POST', `/api/cases/${number}/materials/${m.key}/pledge`);
    else await applicant.must('PUT', `/api/cases/${number}/materials/${m.key}?fileName=${m.key}.pdf`, PDF, { 'content-type': 'application/octet-stream' });
  if (opts.submit !== false) await applicant.act(number, 'submit');
  return number;
}

/** Moves an accepted case through its steps: each open step is claimed and passed by the first of `staff` allowed. */
async function decide(n: string, staff: Actor[], result: 'pass' | 'deny' = 'pass'): Promise<void> {
  for (let round = 0; round < 12; round++) {
    const c = await staff[0].view(n);
    if (c.status !== 'in_review') return;
    let moved = false;
    const refusals: string[] = [];
    for (const who of staff) {
      const claimed = await who.tryAct(n, 'claim');
      if (claimed.status >= 300 && (await who.view(n)).steps.every((s) => s.status !== 'claimed')) continue;
      const last = c.steps.filter((s) => s.status !== 'done').length <= 1;
      const done = await who.tryAct(n, 'complete-step', {
        result: last ? result : 'pass',
        opinion: last ? (result === 'pass' ? '符合法定条件，同意' : '不符合法定条件') : '材料齐全，审查通过',
        ...(last && result === 'deny' ? { reason: '申请材料与实际情况不符', legalBasis: '依据该事项设定依据' } : {}),
      });
      if (done.status < 300) {
        moved = true;
        break;
      }
      refusals.push(`${who.username}: ${JSON.stringify(done.body).slice(0, 300)}`);
    }
    if (!moved) throw new DemoActivityError(`demo activity: nobody could move case ${n}: ${refusals.join('; ')}`);
  }
}

/** Items a person or a company can apply for, by department (the first of each). */
function itemsByDepartment(): Map<DeptKey, { code: string; who: 'person' | 'company' }> {
  const out = new Map<DeptKey, { code: string; who: 'person' | 'company' }>();
  for (const i of IMPLEMENTATIONS) {
    if (out.has(i.dept)) continue;
    const objects = (i.content.serviceObjects ?? []) as string[];
    // The licence it yields decides who may hold it (食品经营许可证: an organisation; 不动产权证书: a person);
    // otherwise a company where the item serves both.
    const holder = LICENSE_TYPES.find((t) => t.code === i.content.resultLicenseTypeCode)?.holderKind;
    const who =
      holder === 'organisation' ? 'company' : holder === 'person' ? 'person' : objects.includes('2') ? 'company' : objects.includes('1') ? 'person' : null;
    if (who) out.set(i.dept, { code: i.code, who });
  }
  return out;
}

/**
 * The demo's activity, on a database with the demo city and catalogue: per department a case waiting for its
 * reviewer; and for the 市场监管局 journey cases in every state — a draft, one waiting at the window, one sent back
 * for correction, one refused, one withdrawn, one in a hearing, granted ones with their licences, a good rating, a
 * bad one with its remedy, and a bad one under appeal. Run once, after seeding (idempotent only as a whole: it
 * skips when the demo applicant has cases already).
 */
export async function seedDemoActivity(app: FastifyInstance, db: Db): Promise<{ cases: number }> {
  // One after another: on the embedded database concurrent sign-in transactions can wait on each other.
  const person = await signIn(app, db, 'person');
  const company = await signIn(app, db, 'company');
  const agent = await signIn(app, db, 'agent');
  const clerk = await signIn(app, db, 'clerk');
  const mine = (await person.must('GET', '/api/cases/mine')) as { items: unknown[] };
  if (mine.items.length > 0) return { cases: 0 };
  const staff = new Map<DeptKey, Actor[]>();
  for (const s of demoStaff()) staff.set(s.dept, [await signIn(app, db, s.reviewer), await signIn(app, db, s.lead)]);
  const officer = await signIn(app, db, demoStaff().find((s) => s.officer)!.officer!);
  const numbers: string[] = [];
  const track = (n: string) => (numbers.push(n), n);

  // Every department's reviewer has a case to review, and its register a case it has decided (and the licence it
  // issued, where the item yields one).
  for (const [dept, item] of itemsByDepartment()) {
    const applicant = item.who === 'company' ? company : person;
    const decided = track(await apply(applicant, item.code, item.who));
    await clerk.act(decided, 'accept');
    await decide(decided, staff.get(dept)!);
    const waiting = track(await apply(applicant, item.code, item.who));
    await clerk.act(waiting, 'accept');
  }

  const market = staff.get('market')!;
  const COMPANY_ITEM = '340600-XK-0002'; // 企业设立登记: granting it issues a 营业执照
  const FOOD = '340600-XK-0001';
  // Granted: the company's licence in its wallet, rated 非常满意.
  const granted = track(await apply(company, COMPANY_ITEM, 'company', { formData: { companyName: '淮北市相山区味道餐饮有限公司' } }));
  await clerk.act(granted, 'accept');
  await decide(granted, market);
  await clerk.act(granted, 'deliver', { method: 'electronic' });
  await company.must('POST', `/api/cases/${granted}/ratings`, { level: '1', channel: '1', indicators: [], comment: '办事效率高，一次办成', anonymous: false });
  // Granted and rated 非常不满意: a remedy is open for the department.
  // Its 食品安全管理制度 is pledged (告知承诺): the department has the pledge to verify.
  const remedied = track(await apply(company, FOOD, 'company', { pledge: true }));
  await clerk.act(remedied, 'accept');
  await decide(remedied, market);
  await company.must('POST', `/api/cases/${remedied}/ratings`, { level: '5', channel: '1', indicators: ['101'], comment: '等待时间太长', anonymous: false });
  // A second bad rating that the department appeals; the supervisor decides the appeal.
  const appealed = track(await apply(company, FOOD, 'company'));
  await clerk.act(appealed, 'accept');
  await decide(appealed, market);
  await company.must('POST', `/api/cases/${appealed}/ratings`, {
    level: '4',
    channel: '1',
    indicators: ['102'],
    comment: '与本次办理无关的意见',
    anonymous: false,
  });
  const remedies = (await officer.must('GET', '/api/remedies')) as { items: { id: number; caseNumber: string }[] };
  const toAppeal = remedies.items.find((r) => r.caseNumber === appealed);
  if (toAppeal) await officer.must('POST', `/api/remedies/${toAppeal.id}/appeal`, { reason: '评价内容与本办件办理无关' });

  // 告知承诺 follow-up: three more food licences granted on a pledge. The reviewer verified one by data and found two
  // false; the lead revoked one (撤销行政许可决定书, the licence revoked, a 承诺不实记录); the other waits for the lead.
  const pledgedGrant = async () => {
    const n = track(await apply(company, FOOD, 'company', { pledge: true }));
    await clerk.act(n, 'accept');
    await decide(n, market);
    return n;
  };
  const pledgeTask = async (n: string) => {
    const { items } = (await market[0].must('GET', '/api/pledge-checks')) as { items: { id: number; caseNumber: string; version: number }[] };
    const task = items.find((i) => i.caseNumber === n);
    if (!task) throw new DemoActivityError(`demo activity: no pledge verification task for case ${n}`);
    return task;
  };
  const checkPledge = async (n: string, result: 'verified' | 'false', method: 'data' | 'document', note: string) => {
    const task = await pledgeTask(n);
    await market[0].must('POST', `/api/pledge-checks/${task.id}/result`, { version: task.version, result, method, note });
  };
  await checkPledge(await pledgedGrant(), 'verified', 'data', '经食品安全管理人员信息共享数据核查，与承诺一致');
  const falsePledge = await pledgedGrant();
  await checkPledge(falsePledge, 'false', 'document', '现场核查：未建立食品安全管理制度，所报食品安全管理人员未在岗');
  const toRevoke = await pledgeTask(falsePledge);
  await market[1].must('POST', `/api/pledge-checks/${toRevoke.id}/decision`, {
    version: toRevoke.version,
    decision: 'revoke',
    reason: '以不实承诺取得食品经营许可，依法撤销',
  });
  await checkPledge(await pledgedGrant(), 'false', 'data', '经共享数据核查：所报食品安全管理人员已在他处登记任职');

  // Waiting at the window, sent back for correction, refused, withdrawn, a draft, in a hearing.
  track(await apply(person, FOOD, 'person'));
  const correction = track(await apply(company, FOOD, 'company'));
  await clerk.act(correction, 'request-correction', {
    items: [{ materialKey: (await clerk.view(correction)).materials[0].key, note: '申请书缺少法定代表人签字' }],
  });
  const refused = track(await apply(person, FOOD, 'person'));
  await clerk.act(refused, 'refuse', { reason: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项' });
  const withdrawn = track(await apply(person, FOOD, 'person'));
  await person.act(withdrawn, 'withdraw', { reason: '信息填写有误，重新申请' });
  track(await apply(person, COMPANY_ITEM, 'person', { submit: false }));
  // The agent applies for the company under its mandate. The demo seeded one from its own day; where that day is
  // later than today (a database made before the clock was set back, as the browser tests do), the company grants one
  // from today, as it would on its mandates page.
  const me = (await company.must('GET', '/api/auth/me')) as { user: { id: number } };
  const applyForCompany = () => apply(agent, FOOD, 'company', { principalUserId: me.user.id });
  const forCompany = track(
    await applyForCompany().catch(async (e: unknown) => {
      if (!(e instanceof DemoActivityError) || !e.message.includes('MANDATE_NOT_GRANTED')) throw e;
      const from = today();
      const until = new Date(Date.parse(`${from}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10);
      await company.must('POST', '/api/mandates', { agentUsername: 'agent', allItems: true, itemCodes: [], validFrom: from, validUntil: until });
      return applyForCompany();
    }),
  );
  await clerk.act(forCompany, 'accept');
  const hearing = track(await apply(company, FOOD, 'company'));
  await clerk.act(hearing, 'accept');
  await market[0].act(hearing, 'claim');
  await market[0].act(hearing, 'start-special', { kind: 'hearing', reason: '涉及相邻权利人重大利益，依申请举行听证' });

  // 一件事一次办: the company's 开办餐饮店 and the person's 新生儿出生, applied once each and kept as drafts with their
  // member cases (my bundles), and one the agent applied for the company under its mandate.
  const applyBundle = async (who: Actor, code: string, kind: 'person' | 'company', extra: Json = {}) => {
    const guide = (await who.must('GET', `/api/bundles/${code}`)) as unknown as { evaluation: { form: { key: string; schema: FieldView }[] } };
    const form = { properties: Object.fromEntries(guide.evaluation.form.map((f) => [f.key, f.schema])) } as CaseSeen['form'];
    return who.must('POST', '/api/bundle-cases', {
      bundleCode: code,
      answers: { ...answers(form, kind), ...('hasSign' in (form?.properties ?? {}) ? { hasSign: false } : {}) },
      ...extra,
    });
  };
  await applyBundle(company, '340600-YJS-0001', 'company');
  // One more, its materials supplied once and submitted once: the window accepts it once (ADR 0037).
  const submitted = (await applyBundle(company, '340600-YJS-0001', 'company')) as unknown as { number: string };
  const bundleDraft = (await company.must('GET', `/api/bundle-cases/${submitted.number}`)) as unknown as {
    version: number;
    materials: { identity: string; exempt: string | null }[];
  };
  for (const m of bundleDraft.materials.filter((x) => x.exempt !== 'upstream'))
    await company.must('PUT', `/api/bundle-cases/${submitted.number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF, {
      'content-type': 'application/octet-stream',
    });
  const supplied = (await company.must('GET', `/api/bundle-cases/${submitted.number}`)) as unknown as { version: number };
  await company.must('POST', `/api/bundle-cases/${submitted.number}/submit`, { version: supplied.version });
  await applyBundle(person, '340600-YJS-0002', 'person');
  await applyBundle(agent, '340600-YJS-0001', 'company', { principalUserId: me.user.id });
  // 惠企政策 (ADR 0038): published, then one match round, which finds the company's business licence issued above.
  await (await import('./demo-policies.ts')).seedDemoPolicies(db);
  return { cases: numbers.length };
}
