import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { queryRows } from '../../platform/db/db.ts';
import type { RequestContext } from '../../platform/context.ts';
import { pinnedToday, pinToday, today } from '../../platform/clock.ts';
import { shiftDate } from '../../platform/calendar/working-days.ts';
import {
  closeComment,
  createDecision,
  createDocument,
  deliberate,
  fileDocument,
  lapseExpired,
  moderateComment,
  openComment,
  publishDocument,
  recordDecisionStep,
  registerDocument,
  reviewDocument,
  submitComment,
} from './legal.service.ts';
import { approveCleanup, createCleanup, proposeCleanup } from './legal.cleanup.ts';
import { createAdviser, createReview, recordAdviserOpinion, recordReviewOpinion } from './legal.reviews.ts';
import type { Article } from './legal.core.ts';

const arts = (...texts: string[]): Article[] => texts.map((text, i) => ({ no: i + 1, text }));

/** Demo documents of 淮北市司法局 (the legal officer's): one in force, one lapsed, one open to comment, one in drafting. */
export const DEMO_DOCUMENTS = {
  inForce: {
    title: '淮北市行政规范性文件管理办法',
    articles: arts(
      '为加强行政规范性文件管理，推进依法行政，根据有关法律法规和国务院办公厅有关规定，结合本市实际，制定本办法。',
      '本办法所称行政规范性文件，是指除政府规章外，由行政机关依照法定权限、程序制定并公开发布，涉及公民、法人和其他组织权利义务，具有普遍约束力，在一定期限内反复适用的公文。',
      '行政规范性文件实行统一登记、统一编号、统一印发制度。',
      '起草行政规范性文件应当向社会公开征求意见，征求意见期限一般不少于7个工作日；涉及市场主体的，不少于30日。',
      '本办法自公布之日起施行，有效期5年。',
    ),
  },
  lapsed: {
    title: '淮北市城市道路临时占用管理暂行规定',
    articles: arts('为规范城市道路临时占用行为，制定本规定。', '临时占用城市道路须经市政主管部门批准。', '本规定有效期5年。'),
  },
  commenting: {
    title: '淮北市优化营商环境若干措施（征求意见稿）',
    articles: arts(
      '为持续优化营商环境，激发市场主体活力，制定本措施。',
      '推行涉企经营许可事项告知承诺制，承诺即入。',
      '政务服务事项实行一窗受理、一网通办，企业开办一个工作日内办结。',
      '建立涉企政策公平竞争审查机制，不得排除、限制竞争。',
    ),
  },
  repealed: {
    title: '淮北市机动车停放管理暂行办法',
    articles: arts('为加强机动车停放管理，制定本办法。', '停车场收费实行政府定价。', '本办法自公布之日起施行。'),
  },
  drafting: {
    title: '淮北市公共法律服务体系建设实施办法',
    articles: arts('为健全公共法律服务体系，制定本办法。', '市、县区设立公共法律服务中心。'),
  },
} as const;

/**
 * The module's demo seed, done through its services as the legal officer would: a document taken through its
 * whole life and in force, one that lapsed (done five years back), one open to comment with comments, one in
 * drafting, and this year's decision catalogue with one decision at every stage. Runs once on an empty database.
 */
export async function seedDemoLegal(db: Db): Promise<void> {
  const [done] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM legal_document`);
  if (Number(done.n) > 0) return;
  const [dept] = await queryRows<{ id: number; region_code: string }>(
    db,
    sql`SELECT id::int AS id, region_code FROM pub_regions_department WHERE name = '淮北市司法局'`,
  );
  const [user] = await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM pub_accounts_user WHERE username = 'legalofficer'`);
  if (!dept || !user) return;
  const owner = { regionCode: dept.region_code, departmentId: Number(dept.id) };
  const ctx: RequestContext = {
    actor: { id: Number(user.id), username: 'legalofficer', role: 'legal_officer', regionCode: owner.regionCode },
    requestId: null,
  };
  const realToday = today();
  const pinnedBefore = pinnedToday();
  const base = { departmentId: owner.departmentId, issuerPrefix: '淮司规', marketRelated: false, reviewDays: 15, validityYears: 5 };

  const create = (title: string, articles: Article[], over: Partial<typeof base> = {}) =>
    db.transaction((tx) => createDocument(tx, ctx, { ...base, ...over, title, articles: [...articles] }, owner));

  /** The whole life of a document, from drafting to filing, starting on `from`. */
  const throughLife = async (title: string, articles: Article[], from: string, validityYears: number) => {
    try {
      pinToday(from);
      let d = await create(title, articles, { validityYears });
      d = await openComment(db, ctx, d.id, { version: d.version });
      await submitComment(db, d.id, { articleNo: 1, body: '建议进一步明确适用范围。', authorName: '市民张先生' }, 'demo');
      const [c] = await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM legal_comment WHERE document_id = ${d.id}`);
      await moderateComment(db, ctx, Number(c.id), { approve: true, answer: '已采纳，第二条已作相应修改。', adopted: true });
      pinToday(shiftDate(d.commentClosesOn!, 1));
      d = await closeComment(db, ctx, d.id, { adoptionSummary: '共收到意见1条，采纳1条。', version: d.version });
      pinToday(shiftDate(today(), 5));
      d = await reviewDocument(db, ctx, d.id, {
        opinion: 'pass',
        reasons: '制定主体、权限、程序、内容合法，未增设许可、处罚、强制，未减损权益。',
        version: d.version,
      });
      d = await deliberate(db, ctx, d.id, { meeting: '市政府常务会议', meetingOn: today(), minutes: '会议审议通过。', version: d.version });
      d = await registerDocument(db, ctx, d.id, { version: d.version });
      d = await publishDocument(db, ctx, d.id, { interpretation: '本文件明确了规范性文件的制定程序和管理要求。', version: d.version });
      pinToday(shiftDate(today(), 10));
      await fileDocument(db, ctx, d.id, { filedWith: '安徽省人民政府', filedOn: today(), version: d.version });
    } finally {
      pinToday(pinnedBefore);
    }
  };

  await throughLife(DEMO_DOCUMENTS.lapsed.title, [...DEMO_DOCUMENTS.lapsed.articles], shiftDate(realToday, -5 * 365 - 40), 5);
  await lapseExpired(db, ctx);
  await throughLife(DEMO_DOCUMENTS.inForce.title, [...DEMO_DOCUMENTS.inForce.articles], shiftDate(realToday, -60), 5);
  await throughLife(DEMO_DOCUMENTS.repealed.title, [...DEMO_DOCUMENTS.repealed.articles], shiftDate(realToday, -90), 5);

  // A clean-up campaign, approved: one kept, one repealed (停车收费 no longer government-priced); then this year's, open.
  const done2 = await db.transaction((tx) => createCleanup(tx, ctx, { title: '规范性文件集中清理（第一批）' }, owner));
  let c = done2;
  for (const item of done2.items) {
    const repeal = item.title === DEMO_DOCUMENTS.repealed.title;
    c = await proposeCleanup(db, ctx, c.id, {
      documentId: item.documentId,
      proposal: repeal ? 'repeal' : 'keep',
      reason: repeal ? '停车收费已改为市场调节价，与现行规定不一致。' : '符合上位法规定，继续有效。',
    });
  }
  await approveCleanup(db, ctx, c.id, { version: c.version });
  await db.transaction((tx) => createCleanup(tx, ctx, { title: `${realToday.slice(0, 4)}年度规范性文件清理` }, owner));

  // Legal advisers and legality reviews of other matters.
  const year0 = `${realToday.slice(0, 4)}-01-01`;
  const yearEnd = `${realToday.slice(0, 4)}-12-31`;
  const adviser = await db.transaction((tx) =>
    createAdviser(tx, ctx, { name: '赵律师', kind: 'adviser', organisation: '安徽淮海律师事务所', engagedFrom: year0, engagedUntil: yearEnd }, owner),
  );
  await db.transaction((tx) =>
    createAdviser(tx, ctx, { name: '钱公职律师', kind: 'public_lawyer', organisation: '淮北市司法局', engagedFrom: year0, engagedUntil: yearEnd }, owner),
  );
  const r1 = await db.transaction((tx) => createReview(tx, ctx, { matterKind: 'contract', title: '市政府与某公司城市更新合作协议' }, owner));
  const r1b = await recordAdviserOpinion(db, ctx, r1.id, { adviserId: adviser.id, opinion: '建议补充违约责任和争议解决条款。', version: r1.version });
  await recordReviewOpinion(db, ctx, r1.id, { opinion: '经审核，修改后可以签订。', version: r1b.version });
  const r2 = await db.transaction((tx) => createReview(tx, ctx, { matterKind: 'project', title: '淮北市智慧停车建设项目招标文件' }, owner));
  await recordReviewOpinion(db, ctx, r2.id, { opinion: '招标程序合法。', version: r2.version });
  await db.transaction((tx) => createReview(tx, ctx, { matterKind: 'decision', title: '淮北市公共交通票价调整方案' }, owner));

  const open = await create(DEMO_DOCUMENTS.commenting.title, [...DEMO_DOCUMENTS.commenting.articles], { marketRelated: true });
  await openComment(db, ctx, open.id, { version: open.version });
  await submitComment(db, open.id, { articleNo: 3, body: '建议将企业开办时限进一步压缩至半个工作日。', authorName: '某科技公司' }, 'demo');
  await submitComment(db, open.id, { articleNo: 2, body: '告知承诺制应明确事后核查的时限。', authorName: null }, 'demo');
  await create(DEMO_DOCUMENTS.drafting.title, [...DEMO_DOCUMENTS.drafting.articles]);

  const year = Number(realToday.slice(0, 4));
  const d1 = await db.transaction((tx) => createDecision(tx, ctx, { title: '淮北市城市总体规划（2026—2035年）修编', year }, owner));
  await recordDecisionStep(db, ctx, d1.id, {
    step: 'public_participation',
    opensOn: shiftDate(realToday, -90),
    closesOn: shiftDate(realToday, -55),
    summary: '公开征求意见35日，收到意见42条。',
  });
  await recordDecisionStep(db, ctx, d1.id, { step: 'expert_argument', experts: ['王教授', '李研究员', '陈律师'], opinion: '规划总体可行，建议加强生态保护。' });
  await db.transaction((tx) => createDecision(tx, ctx, { title: '淮北市公共交通票价调整方案', year }, owner));
}
