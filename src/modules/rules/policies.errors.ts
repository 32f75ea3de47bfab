import { defineErrors } from '../../platform/errors.ts';

/** Errors of 惠企政策 and 免申即享 (ADR 0038): stable codes, zh and en messages. */
export const policyErrors = defineErrors({
  POLICY_NOT_FOUND: { status: 404, zh: '政策不存在', en: 'Unknown policy' },
  POLICY_CODE_TAKEN: { status: 409, zh: '该政策编码已被使用', en: 'This policy code is taken' },
  POLICY_OWNER_INVALID: { status: 400, zh: '政策须属于一个区划及该区划内的部门', en: 'A policy belongs to a region and a department of that region' },
  POLICY_DEFINITION_INVALID: {
    status: 400,
    zh: '政策条件有误（如引用了不存在的证照类型、不适用于该对象的主体信息或无法解析的条件），详见 details',
    en: 'The policy’s conditions are not valid (an unknown licence type, a profile fact the target lacks, a test that does not parse…): see details',
  },
  POLICY_NOT_DRAFT: { status: 409, zh: '已发布或已废止的政策不能修改', en: 'A published or retired policy never changes' },
  POLICY_ILLEGAL_TRANSITION: { status: 409, zh: '政策当前状态不允许该操作', en: 'The policy’s state does not allow this' },
  POLICY_GOLDEN_MISSING: { status: 409, zh: '发布前须至少有一个测试用例', en: 'A policy needs at least one golden case before it is published' },
  POLICY_GOLDEN_FAILED: { status: 409, zh: '有测试用例未通过，不能发布', en: 'Some golden cases fail: the policy cannot be published' },
  POLICY_IMPORT_INVALID: {
    status: 400,
    zh: '政策清单有误，未导入任何一行，逐行问题见 details',
    en: 'The policy list has errors; no row was imported: see details for each row',
  },
  POLICY_IMPORT_FILE_INVALID: { status: 400, zh: '无法读取该 Excel 文件（须为 .xlsx）', en: 'The file is not a readable .xlsx workbook' },
  PROFILE_NOT_FOUND: { status: 404, zh: '未找到该主体的画像', en: 'No profile of this subject' },
  PROFILE_SUBJECT_INVALID: {
    status: 400,
    zh: '主体标识应为 organisation:统一社会信用代码 或 person:公民身份号码',
    en: 'A subject is organisation:<USCC> or person:<ID number>',
  },
  PROFILE_NOT_APPLICANT: { status: 403, zh: '只有企业或个人申请人账号有画像', en: 'Only an applicant account (organisation or person) has a profile' },
  BENEFIT_NOT_FOUND: { status: 404, zh: '待遇记录不存在', en: 'Unknown benefit' },
  BENEFIT_ILLEGAL_TRANSITION: { status: 409, zh: '该待遇当前状态不允许此操作', en: 'The benefit’s state does not allow this' },
});
