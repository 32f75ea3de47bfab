import { defineErrors } from '../../platform/errors.ts';

export const regionErrors = defineErrors({
  REGION_NOT_FOUND: { status: 404, zh: '行政区划代码不存在', en: 'Unknown region code' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'Unknown department' },
  DEPARTMENT_USCC_INVALID: { status: 400, zh: '统一社会信用代码不正确', en: 'The USCC is not valid' },
  DEPARTMENT_USCC_TAKEN: { status: 409, zh: '该统一社会信用代码已登记', en: 'A department with this USCC exists already' },
  DEPARTMENT_PARENT_CYCLE: { status: 400, zh: '上级部门不能是其自身或下级', en: 'A department cannot be its own ancestor' },
});
