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
  decide,
  deliberate,
  evaluateDecision,
  executeDecision,
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
import { createDuty, createMeeting, createTraining } from './legal.records.ts';
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
 * drafting, and this year's decision catalogue with one decision at every stage (one decided after a hearing, executed
 * and evaluated); 三重一大 records, 学法用法 sessions and this year's 普法责任清单. Runs once on an empty database.
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
  await seedDecisionLife(db, ctx, owner, year, realToday, pinnedBefore);
  await seedRecords(db, ctx, owner, realToday);
}

type Owner = { regionCode: string; departmentId: number };

/** A decision of the catalogue through its five steps (with a hearing), decided, published, executed and evaluated. */
async function seedDecisionLife(db: Db, ctx: RequestContext, owner: Owner, year: number, realToday: string, pinnedBefore: string | null) {
  const on = (days: number) => shiftDate(realToday, days);
  let d = await db.transaction((tx) => createDecision(tx, ctx, { title: '淮北市城区供热价格调整方案', year }, owner));
  await recordDecisionStep(db, ctx, d.id, {
    step: 'public_participation',
    opensOn: on(-160),
    closesOn: on(-125),
    summary: '公开征求意见35日，收到意见27条，采纳9条。',
    hearing: {
      noticeOn: on(-140),
      heldOn: on(-125),
      place: '淮北市发展和改革委员会听证室',
      participants: 21,
      summary: '听证参加人多数同意调整方案，建议对低保户减免。',
    },
  });
  await recordDecisionStep(db, ctx, d.id, { step: 'expert_argument', experts: ['周教授', '吴高级工程师'], opinion: '成本监审结论可信，调整幅度适当。' });
  await recordDecisionStep(db, ctx, d.id, { step: 'risk_assessment', level: 'medium', report: '社会稳定风险中等，已制定低保户减免和宣传解释预案。' });
  await recordDecisionStep(db, ctx, d.id, {
    step: 'legality_review',
    startedOn: on(-120),
    finishedOn: on(-100),
    opinion: '程序合法，内容符合《价格法》和定价目录。',
  });
  d = await recordDecisionStep(db, ctx, d.id, {
    step: 'collective_discussion',
    meeting: '市政府常务会议',
    meetingOn: on(-95),
    minutes: '会议讨论同意调整方案，对低保户实行减免。',
    headDecision: '同意',
    differsFromMajority: false,
  });
  try {
    pinToday(on(-95));
    d = await decide(db, ctx, d.id, { decision: '同意调整城区供热价格，自下一供暖季起执行，低保户减免。', version: d.version });
    pinToday(on(-80));
    d = await executeDecision(db, ctx, d.id, { publishedOn: on(-90), executedFrom: on(-80), version: d.version });
  } finally {
    pinToday(pinnedBefore);
  }
  await evaluateDecision(db, ctx, d.id, {
    evaluatedOn: on(-5),
    evaluator: '安徽大学公共政策评估中心（第三方）',
    findings: '调价后供热企业亏损收窄，投诉量下降12%，低保户减免落实到位。',
    conclusion: 'continue',
    version: d.version,
  });
}

/** 三重一大 decisions of each kind, 学法用法 sessions, and this year's 普法责任清单 of two departments. */
async function seedRecords(db: Db, ctx: RequestContext, owner: Owner, realToday: string) {
  const on = (days: number) => shiftDate(realToday, days);
  const meetings = [
    {
      category: 'major_matter' as const,
      subject: '淮北市司法局法治政府建设年度工作要点',
      meetingName: '局党组会议',
      meetingOn: on(-70),
      members: 7,
      attendees: 7,
      minutes: '会议审议年度工作要点，逐项讨论分工和时限。',
      decision: '原则通过，按讨论意见修改后印发。',
    },
    {
      category: 'personnel' as const,
      subject: '行政复议科科长任职',
      meetingName: '局党组会议',
      meetingOn: on(-50),
      members: 7,
      attendees: 6,
      minutes: '会议听取组织考察情况汇报，进行表决。',
      decision: '同意任命，按程序公示。',
    },
    {
      category: 'project' as const,
      subject: '公共法律服务中心改造项目',
      meetingName: '局长办公会议',
      meetingOn: on(-30),
      members: 9,
      attendees: 7,
      minutes: '会议听取项目方案和预算汇报。',
      decision: '同意实施，按规定公开招标。',
      dissent: '一名成员建议分期实施以控制预算。',
    },
    {
      category: 'large_fund' as const,
      subject: '法律援助专项资金安排',
      meetingName: '局党组会议',
      meetingOn: on(-10),
      members: 7,
      attendees: 5,
      minutes: '会议听取资金使用计划汇报。',
      decision: '同意安排专项资金180万元。',
    },
  ];
  for (const m of meetings) await db.transaction((tx) => createMeeting(tx, ctx, m, owner));
  const sessions = [
    { heldOn: on(-60), topic: '《中华人民共和国行政复议法》（2023年修订）', kind: 'standing_meeting' as const, attendance: 15 },
    { heldOn: on(-40), topic: '民法典与政府依法行政专题讲座', kind: 'lecture' as const, attendance: 160 },
    { heldOn: on(-20), topic: '领导干部年度学法考试', kind: 'exam' as const, attendance: 48, examPassed: 47 },
  ];
  for (const s of sessions) await db.transaction((tx) => createTraining(tx, ctx, s, owner));
  const year = Number(realToday.slice(0, 4));
  await db.transaction((tx) =>
    createDuty(
      tx,
      ctx,
      {
        year,
        responsibilities: '宣传宪法、《法律援助法》《人民调解法》《行政复议法》；以案释法，发布典型案例。',
        audiences: '社会公众、基层调解员、行政执法人员',
        measures: '“八五”普法进社区、法律明白人培训、12348公共法律服务热线、宪法宣传周集中宣传。',
      },
      owner,
    ),
  );
  const [market] = await queryRows<{ id: number; region_code: string }>(
    db,
    sql`SELECT id::int AS id, region_code FROM pub_regions_department WHERE name = '淮北市市场监督管理局'`,
  );
  if (market)
    await db.transaction((tx) =>
      createDuty(
        tx,
        ctx,
        {
          year,
          responsibilities: '宣传《消费者权益保护法》《食品安全法》《反不正当竞争法》；在执法中实时普法。',
          audiences: '经营主体、消费者',
          measures: '3·15集中宣传、食品安全进校园、执法案例公开。',
        },
        { regionCode: market.region_code, departmentId: Number(market.id) },
      ),
    );
}
