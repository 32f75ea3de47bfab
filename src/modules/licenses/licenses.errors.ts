import { defineErrors } from '../../platform/errors.ts';

export const licenseErrors = defineErrors({
  LICENSE_TYPE_NOT_FOUND: { status: 404, zh: '证照类型不存在', en: 'Unknown licence type' },
  LICENSE_TYPE_CODE_INVALID: {
    status: 400,
    zh: '证照类型代码应为定义机构统一社会信用代码加 3 位数字',
    en: "A licence type code is the defining body's USCC followed by 3 digits",
  },
  LICENSE_TYPE_CODE_TAKEN: { status: 409, zh: '证照类型代码已存在', en: 'This licence type code exists already' },
});
