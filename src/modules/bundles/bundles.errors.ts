import { defineErrors } from '../../platform/errors.ts';

/** Errors of the bundles module (一件事): stable codes, zh and en messages (style.md §6). */
export const bundleErrors = defineErrors({
  BUNDLE_NOT_FOUND: { status: 404, zh: '一件事不存在', en: 'Unknown bundle' },
  BUNDLE_CODE_INVALID: { status: 400, zh: '一件事编码只能由字母、数字和连字符组成（1–36 位）', en: 'A bundle code is 1–36 letters, digits or hyphens' },
  BUNDLE_CODE_TAKEN: { status: 409, zh: '该一件事编码已被使用', en: 'This bundle code is taken' },
  BUNDLE_TEMPLATE_INVALID: {
    status: 400,
    zh: '模板须为上级区划已发布的一件事，且本身不是对其他模板的采用',
    en: 'A template must be a published bundle of a region above, itself adopting none',
  },
  BUNDLE_TEMPLATE_CURRENT: {
    status: 409,
    zh: '该一件事已采用模板的最新版本，没有需要纳入的变化',
    en: 'This bundle follows its template’s latest version: there is no change to take',
  },
  BUNDLE_DEFINITION_INVALID: { status: 400, zh: '一件事定义填写有误', en: 'The bundle definition is not valid' },
  BUNDLE_MEMBER_DUPLICATE: { status: 400, zh: '同一成员标识或同一事项不能重复加入', en: 'A member key or item appears twice' },
  BUNDLE_MEMBER_UNKNOWN: { status: 400, zh: '成员事项不存在', en: 'A member item does not exist' },
  BUNDLE_MEMBER_NOT_PUBLISHED: {
    status: 409,
    zh: '成员事项未发布（或已暂停、废止），不能组成一件事',
    en: 'A member item is not published (or is suspended or abolished)',
  },
  BUNDLE_MEMBER_OUT_OF_REGION: {
    status: 400,
    zh: '成员事项须在一件事所属区划或其上级区划实施',
    en: 'A member item must be carried out in the bundle’s region or a region above it',
  },
  BUNDLE_DEPENDENCY_UNKNOWN: { status: 400, zh: '前置事项须为本一件事的成员', en: 'A dependency must be a member of the bundle' },
  BUNDLE_DEPENDENCY_CYCLE: { status: 400, zh: '成员之间的前后置关系不能成环', en: 'The dependencies between members form a cycle' },
  BUNDLE_FIELD_UNKNOWN: { status: 400, zh: '合并表单项对应的成员表单项不存在', en: 'A merged field maps to a member field that does not exist' },
  BUNDLE_FIELD_CONFLICT: {
    status: 400,
    zh: '同一合并表单项对应的各成员表单项类型或格式不一致',
    en: 'A merged field maps to member fields of different types or formats',
  },
  BUNDLE_FIELD_MAPPED_TWICE: {
    status: 400,
    zh: '一个成员表单项只能由一个合并表单项回答',
    en: 'A member field is answered by more than one merged field',
  },
  BUNDLE_CONDITION_INVALID: {
    status: 400,
    zh: '成员的办理条件须引用合并表单项',
    en: 'A member’s condition must name a field of the merged form',
  },
  BUNDLE_PROMISE_INVALID: {
    status: 400,
    zh: '一件事承诺时限、跑动次数和环节数不能多于各成员之和，承诺时限也不能短于最长前后置链条',
    en: 'The bundle’s promised days, visits and steps cannot exceed the members’ sums, nor its days be fewer than the longest dependency path',
  },
  BUNDLE_PUBLISHED_IMMUTABLE: { status: 409, zh: '已发布的版本不能修改，请创建新版本', en: 'A published version never changes; start a new version' },
  BUNDLE_ILLEGAL_TRANSITION: { status: 409, zh: '一件事当前状态下不能执行此操作', en: 'This action is not allowed in the bundle’s current status' },
  BUNDLE_REASON_REQUIRED: { status: 400, zh: '须填写理由', en: 'A reason is required' },
  BUNDLE_NOT_APPLICABLE: {
    status: 409,
    zh: '该一件事未发布（或已暂停），不能申请',
    en: 'This bundle is not published (or is suspended): it cannot be applied for',
  },
  BUNDLE_ANSWERS_INVALID: { status: 400, zh: '一件事申请表填写有误', en: 'The answers of the bundle’s form are not valid' },
  BUNDLE_MATERIAL_UNKNOWN: { status: 400, zh: '该一件事没有此材料', en: 'This bundle asks for no such material' },
  BUNDLE_CASE_NOT_FOUND: { status: 404, zh: '一件事办件不存在', en: 'Unknown bundle case' },
  BUNDLE_CASE_NOT_YOURS: { status: 403, zh: '只能查看本人（或受托）的一件事办件', en: 'This is not your bundle case' },
  BUNDLE_CASE_VERSION_CONFLICT: { status: 409, zh: '一件事办件已变化，请刷新后重试', en: 'The bundle case has changed; reload and try again' },
  BUNDLE_CORRECTION_EMPTY: { status: 400, zh: '补正告知须至少列出一项内容', en: 'A correction notice lists at least one item' },
  BUNDLE_CORRECTION_MEMBER: {
    status: 400,
    zh: '补正内容须针对本一件事中待受理的事项',
    en: 'A correction item must name a member of this bundle case that awaits acceptance',
  },
  BUNDLE_CORRECTION_ITEM: { status: 400, zh: '补正答复对应的告知项不存在', en: 'The answer names no item of the correction notice' },
  BUNDLE_TRACKING_REQUIRED: { status: 400, zh: '邮寄送达须填写快递单号', en: 'A delivery by post needs its tracking number' },
  BUNDLE_ALREADY_RATED: { status: 409, zh: '该一件事已评价', en: 'This bundle case has been rated already' },
  BUNDLE_CASE_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '一件事办件当前状态下不能执行此操作',
    en: 'This action is not allowed in the bundle case’s current status',
  },
});
