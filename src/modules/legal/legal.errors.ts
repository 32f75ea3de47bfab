import { defineErrors } from '../../platform/errors.ts';

/** Errors of the rule-of-law module (法治): stable codes, zh and en messages (style.md §6). */
export const legalErrors = defineErrors({
  LEGAL_DOCUMENT_NOT_FOUND: { status: 404, zh: '规范性文件不存在', en: 'Unknown normative document' },
  LEGAL_VERSION_NOT_FOUND: { status: 404, zh: '文件版本不存在', en: 'Unknown version of the document' },
  LEGAL_COMMENT_NOT_FOUND: { status: 404, zh: '意见不存在', en: 'Unknown comment' },
  LEGAL_DECISION_NOT_FOUND: { status: 404, zh: '重大行政决策事项不存在', en: 'Unknown major decision' },
  LEGAL_DEPARTMENT_INVALID: { status: 400, zh: '起草部门不存在', en: 'The drafting department does not exist' },
  LEGAL_ILLEGAL_TRANSITION: { status: 409, zh: '文件当前状态不允许该操作', en: 'The document’s status does not allow this' },
  LEGAL_VERSION_FROZEN: {
    status: 409,
    zh: '文件已进入征求意见或后续程序，文本不能再修改',
    en: 'The text is frozen once the document left drafting (comment, review, publication)',
  },
  LEGAL_REVIEW_NOT_PASSED: {
    status: 409,
    zh: '未经合法性审核或审核未通过的文件，不得提交集体审议、登记编号或公布（国办发〔2018〕115号）',
    en: 'A document whose legality review has not passed is not deliberated, numbered or published (国办发〔2018〕115号)',
  },
  LEGAL_REVIEW_DAYS_INVALID: {
    status: 400,
    zh: '合法性审核期限应为5至15个工作日',
    en: 'The legality review takes 5 to 15 working days',
  },
  LEGAL_ARTICLES_INVALID: { status: 400, zh: '条文须从第一条起连续编号且不能为空', en: 'Articles are numbered from 1 without gaps, each with text' },
  LEGAL_COMMENT_PERIOD_TOO_SHORT: {
    status: 400,
    zh: '征求意见期不得少于7个工作日，涉及市场主体的不少于30日',
    en: 'Public comment lasts at least 7 working days, 30 days for documents bearing on market players',
  },
  LEGAL_COMMENT_PERIOD_CLOSED: { status: 409, zh: '该文件不在征求意见期内，意见未收录', en: 'The document is not open to comment: the comment was not taken' },
  LEGAL_COMMENT_PERIOD_OPEN: { status: 409, zh: '征求意见期尚未届满，不能结束征求意见', en: 'The comment period has not ended yet' },
  LEGAL_COMMENT_ARTICLE_UNKNOWN: { status: 400, zh: '文件没有该条款', en: 'The document has no such article' },
  LEGAL_COMMENT_ALREADY_MODERATED: { status: 409, zh: '该意见已处理', en: 'This comment has been moderated already' },
  LEGAL_NUMBER_OUT_OF_SEQUENCE: {
    status: 409,
    zh: '文号须按年度连续编号，不能跳号或重号',
    en: 'Numbers run without gaps per issuer and year: only the next one may be taken',
  },
  LEGAL_NUMBER_FORMAT_INVALID: { status: 400, zh: '文号格式须包含序号 {seq}', en: 'The number format must contain {seq}' },
  LEGAL_STEP_INVALID: {
    status: 400,
    zh: '该决策程序记录不符合《重大行政决策程序暂行条例》，详见 details',
    en: 'The step’s record does not meet 国务院令第713号: see details',
  },
  LEGAL_DECISION_STEPS_MISSING: {
    status: 409,
    zh: '重大行政决策须依次完成公众参与、专家论证、风险评估、合法性审查、集体讨论决定，缺少的程序见 details',
    en: 'A major decision needs its five statutory steps; the missing ones are in details',
  },
  LEGAL_CLEANUP_NOT_FOUND: { status: 404, zh: '清理活动不存在', en: 'Unknown clean-up campaign' },
  LEGAL_CLEANUP_ITEM_UNKNOWN: { status: 400, zh: '该文件不在本次清理范围内', en: 'The document is not in this campaign' },
  LEGAL_CLEANUP_INCOMPLETE: {
    status: 409,
    zh: '清理范围内的每个文件都须有处理建议和理由后，方可批量审定',
    en: 'Every document of the campaign needs a proposal with a reason before the batch is approved',
  },
  LEGAL_CLEANUP_APPROVED: { status: 409, zh: '清理结果已审定，不能再修改', en: 'The campaign has been approved and no longer changes' },
  LEGAL_REVIEW_NOT_FOUND: { status: 404, zh: '法制审核事项不存在', en: 'Unknown legality review' },
  LEGAL_REVIEW_DONE: { status: 409, zh: '该事项已出具审核意见', en: 'The matter has its review opinion already' },
  LEGAL_ADVISER_NOT_FOUND: { status: 400, zh: '法律顾问不存在或不在本区划', en: 'Unknown legal adviser, or one of another region' },
  LEGAL_ADVISER_NOT_ENGAGED: { status: 409, zh: '该法律顾问当日不在聘期内', en: 'The adviser is not engaged on that day' },
  LEGAL_DECISION_DECIDED: { status: 409, zh: '该决策已作出，不能再修改', en: 'The decision has been made and no longer changes' },
  LEGAL_HEARING_NOTICE_TOO_SHORT: {
    status: 400,
    zh: '听证会应提前公告（《重大行政决策程序暂行条例》第十八条），公告之日至听证之日不少于10日（地方听证规定）',
    en: 'A hearing is announced in advance (国务院令第713号 art. 18): at least 10 days before it is held, as local hearing rules set',
  },
  LEGAL_DECISION_NOT_EXECUTED: {
    status: 409,
    zh: '决策尚未作出并公布执行，不能开展决策后评估',
    en: 'A decision is evaluated only once it has been made, published and put into execution',
  },
  LEGAL_DECISION_ILLEGAL_TRANSITION: { status: 409, zh: '决策当前状态不允许该操作', en: 'The decision’s status does not allow this' },
  LEGAL_DATE_INVALID: { status: 400, zh: '日期不在允许的范围内，详见 details', en: 'The date is outside what is allowed: see details' },
  LEGAL_MEETING_NOT_FOUND: { status: 404, zh: '“三重一大”决策记录不存在', en: 'Unknown 三重一大 meeting record' },
  LEGAL_MEETING_INVALID: {
    status: 400,
    zh: '会议记录有误：实到人数不能多于应到人数，会议日期不能晚于今天',
    en: 'The meeting record is wrong: more present than members, or a day to come',
  },
  LEGAL_MEETING_QUORUM: {
    status: 400,
    zh: '“三重一大”事项须集体决策：到会人数须超过应到人数的一半，干部任免须达到三分之二以上',
    en: 'A 三重一大 matter is decided by a meeting of more than half its members, two thirds for appointments',
  },
  LEGAL_TRAINING_INVALID: {
    status: 400,
    zh: '学法记录有误：考试须填写合格人数且不多于参加人数，其他形式不填合格人数，日期不能晚于今天',
    en: 'The session’s record is wrong: an exam has passes (no more than attended), other kinds none, and the day is not to come',
  },
  LEGAL_DUTY_EXISTS: { status: 409, zh: '该部门本年度的普法责任清单已登记', en: 'The department has its 普法 duty list for that year already' },
  LEGAL_FILE_INVALID: {
    status: 400,
    zh: '附件无效：须为本人或本部门人员上传的文件',
    en: 'The file is not one you or someone of your department uploaded',
  },
});
