import { defineErrors } from '../../platform/errors.ts';

export const licenseErrors = defineErrors({
  LICENSE_MASTER_KEY_MISSING: {
    status: 503,
    zh: '印章私钥由本服务未配置的主密钥加密，暂不能签章：请将原主密钥配置到 TONGBAN_MASTER_KEY_PREVIOUS 后运行 tongban rotate-master-key',
    en: 'A seal key is sealed under a master key this server does not have: list that key in TONGBAN_MASTER_KEY_PREVIOUS and run tongban rotate-master-key',
  },
  LICENSE_TYPE_NOT_FOUND: { status: 404, zh: '证照类型不存在', en: 'Unknown licence type' },
  LICENSE_TYPE_CODE_INVALID: {
    status: 400,
    zh: '证照类型代码应为定义机构统一社会信用代码加 3 位数字',
    en: "A licence type code is the defining body's USCC followed by 3 digits",
  },
  LICENSE_TYPE_CODE_TAKEN: { status: 409, zh: '证照类型代码已存在', en: 'This licence type code exists already' },
  LICENSE_TYPE_VERSION_CONFLICT: { status: 409, zh: '证照类型已被他人修改，请刷新后重试', en: 'The licence type was changed meanwhile; reload and try again' },
  LICENSE_TYPE_NATIONAL_ONLY: {
    status: 403,
    zh: '该证照类型由本辖区以外的机关（如国家部委）制定，只能由不限区域的管理员登记或修改，包括其发证部门',
    en: 'This licence type is defined by a body outside your scope (such as a national ministry): only an administrator without a region registers or changes it, its issuing departments included',
  },
  LICENSE_ISSUER_OUT_OF_SCOPE: { status: 403, zh: '只能指定本辖区的部门为发证部门', en: 'Only departments within your scope may be named as issuers' },
  LICENSE_ISSUER_NOT_LISTED: { status: 403, zh: '该部门不是此类证照的发证部门，不能签发', en: 'This department is not an issuer of this licence type' },
  LICENSE_VALIDITY_INVALID: {
    status: 400,
    zh: '有效期截止日期不正确：须为真实日期且晚于签发日期',
    en: 'The validity end date must be a real date after the issue date',
  },
  LICENSE_DATA_DATE_INVALID: {
    status: 400,
    zh: '证照数据中的日期不存在（如 2026-02-30）',
    en: 'A date in the licence data does not exist (such as 2026-02-30)',
  },
  LICENSE_DATA_UNDECLARED: { status: 400, zh: '证照数据含有该证照类型未定义的数据项', en: 'The licence data has fields its type does not declare' },
  LICENSE_FIELD_CONTACT_SEALED: {
    status: 400,
    zh: '联系电话等联系方式不得盖章或打印在证照上',
    en: 'A contact phone (or other contact detail) may be neither sealed nor printed on a licence',
  },
  LICENSE_FIELD_PRINTED_UNSEALED: {
    status: 400,
    zh: '打印在证照上的数据项必须盖章（纳入签章数据）',
    en: 'A field printed on the licence must be sealed too',
  },
  LICENSE_REGISTER_TOO_LARGE: {
    status: 400,
    zh: '导出的证照超过 50000 条，请缩小筛选范围',
    en: 'More than 50,000 licences to export; narrow the filters',
  },
  LICENSE_NOT_FOUND: { status: 404, zh: '证照不存在', en: 'Unknown licence' },
  LICENSE_IDENTIFIER_INVALID: { status: 400, zh: '证照标识不正确', en: 'The licence identifier is not valid' },
  LICENSE_NOT_YOURS: { status: 403, zh: '只能查看本人持有的证照', en: 'This is not your licence' },
  LICENSE_HOLDER_INVALID: { status: 400, zh: '持证主体信息不正确', en: 'The holder details are not valid' },
  LICENSE_ILLEGAL_TRANSITION: { status: 409, zh: '证照当前状态下不能执行此操作', en: 'Not allowed in the licence’s current status' },
  LICENSE_REASON_REQUIRED: { status: 400, zh: '须填写理由', en: 'A reason is required' },
  LICENSE_KEY_INVALID: { status: 400, zh: '不是有效的 SM2 公钥（PEM）', en: 'Not an SM2 public key in PEM' },
  LICENSE_NOT_NEEDED: { status: 403, zh: '该办件不需要此证照，不能调取', en: 'This case does not need the licence; it cannot be fetched' },
  LICENSE_IMPORT_INVALID: { status: 400, zh: '导入文件有错误，未做任何修改', en: 'The import file has errors; nothing was changed' },
});
