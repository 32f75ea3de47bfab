import { defineErrors } from '../../platform/errors.ts';

/** Errors of the rules module (秒批秒报, 免申即享): stable codes, zh and en messages (style.md §6). */
export const ruleErrors = defineErrors({
  RULE_SET_NOT_FOUND: { status: 404, zh: '规则集不存在', en: 'Unknown rule set' },
  RULE_VERSION_NOT_FOUND: { status: 404, zh: '规则版本不存在', en: 'Unknown rule set version' },
  RULE_SET_CODE_TAKEN: { status: 409, zh: '该规则集编码已被使用', en: 'This rule set code is taken' },
  RULE_SET_OWNER_INVALID: {
    status: 400,
    zh: '规则集须属于一个事项的实施清单，或指定所属区划和该区划的部门',
    en: 'A rule set belongs to an implementation, or names a region and a department of that region',
  },
  RULE_IMPLEMENTATION_NOT_FOUND: { status: 400, zh: '规则集所针对的实施清单不存在', en: 'The implementation the rule set decides does not exist' },
  RULE_DEFINITION_INVALID: {
    status: 400,
    zh: '规则定义有误（如引用了表单中没有的字段、不存在的证照类型或无法解析的条件），详见 details',
    en: 'The rule definition is not valid (a form field the form lacks, an unknown licence type, a test that does not parse…): see details',
  },
  RULE_GOLDEN_MISSING: { status: 409, zh: '发布前须至少有一个测试用例（黄金用例）', en: 'A rule set needs at least one golden case before it is published' },
  RULE_GOLDEN_FAILED: {
    status: 409,
    zh: '有测试用例（黄金用例）未通过，不能发布',
    en: 'Some golden cases do not give their expected outcome: the rule set cannot be published',
  },
  RULE_NOT_DRAFT: {
    status: 409,
    zh: '已发布或已废止的规则版本不能修改，请新建版本',
    en: 'A published or retired version never changes: start a new version',
  },
  RULE_ILLEGAL_TRANSITION: { status: 409, zh: '规则集当前状态不允许该操作', en: 'The rule set’s state does not allow this' },
  RULE_INSTANT_NOT_READY: {
    status: 409,
    zh: '只有已发布版本的审批规则集才能设为秒批',
    en: 'Only an approval rule set with a published version can be set to instant approval',
  },
  RULE_REPLAY_UNCONFIRMED: {
    status: 409,
    zh: '新版本在历史申请上重放会改变部分结果，请先查看重放差异并确认后再发布',
    en: 'Replayed over the historic applications, the new version changes some outcomes: review the replay and confirm it to publish',
  },
  RULE_INSTANT_TAKEN: { status: 409, zh: '该实施清单已有另一个规则集设为秒批', en: 'Another rule set already decides this implementation instantly' },
});
