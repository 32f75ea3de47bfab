import { defineErrors } from '../../platform/errors.ts';

export const ratingErrors = defineErrors({
  RATING_NOT_ALLOWED: {
    status: 403,
    zh: '只有该办件的申请人（或为其办理的窗口）可以评价',
    en: 'Only the applicant of the case (or the window that served it) may rate it',
  },
  RATING_COUNTER_CLOSED: {
    status: 409,
    zh: '窗口评价须在窗口办理后及时进行，已超过时限',
    en: 'A counter rating is given right after the service at the window; that time has passed',
  },
  RATING_CASE_NOT_CLOSED: { status: 409, zh: '办件办结后才能进行"一事一评"', en: 'An online rating comes after the case is closed' },
  RATING_ALREADY_GIVEN: {
    status: 409,
    zh: '该办件已评价过（每件一次首评、一次追评）',
    en: 'This case has its rating already (one first and one follow-up rating)',
  },
  RATING_FIRST_MISSING: { status: 409, zh: '追评须在首评之后', en: 'A follow-up rating comes after the first one' },
  RATING_LEVEL_UNKNOWN: { status: 400, zh: '评价等级不正确', en: 'Unknown rating level' },
  RATING_CHANNEL_UNKNOWN: { status: 400, zh: '评价渠道不正确', en: 'Unknown rating channel' },
  RATING_INDICATOR_UNKNOWN: { status: 400, zh: '测评指标不属于该评价渠道', en: 'An indicator does not belong to this channel' },
  RATING_INDICATOR_REQUIRED: {
    status: 400,
    zh: '选择“非常不满意”时，请至少选择一项不满意的测评指标',
    en: 'A “very dissatisfied” rating names at least one indicator',
  },
  REMEDY_FOLLOW_UP_ANONYMOUS: {
    status: 400,
    zh: '匿名评价无法回访，回访结果只能记为“无法回访”',
    en: 'An anonymous rater cannot be called: record the follow-up as unreachable',
  },
  RATING_NOT_FOUND: { status: 404, zh: '评价不存在', en: 'Unknown rating' },
  REMEDY_NOT_FOUND: { status: 404, zh: '整改记录不存在', en: 'Unknown remedy' },
  REMEDY_CLOSED: { status: 409, zh: '整改已办结，不能再操作', en: 'The remedy is closed' },
  REMEDY_INCOMPLETE: { status: 409, zh: '须先分类、答复并回访才能办结', en: 'Classify, reply and record the follow-up before closing' },
  REMEDY_OWN_ACT: {
    status: 403,
    zh: '被评价的办理人员不能处理针对本人办理行为的差评整改或申诉，请由本部门其他人员处理',
    en: 'Whoever handled the rated case cannot handle the remedy or appeal of its rating; a colleague of the department does',
  },
  REMEDY_VERSION_CONFLICT: { status: 409, zh: '整改记录已被他人修改，请刷新', en: 'Someone else changed the remedy; reload' },
  APPEAL_EXISTS: { status: 409, zh: '该评价已提出申诉', en: 'This rating has been appealed already' },
  APPEAL_NOT_FOUND: { status: 404, zh: '申诉不存在', en: 'Unknown appeal' },
  APPEAL_DECIDED: { status: 409, zh: '申诉已处理', en: 'The appeal has been decided' },
  RATING_IMPORT_INVALID: { status: 400, zh: '导入数据有错误，未做任何修改', en: 'The records have errors; nothing was imported' },
});
