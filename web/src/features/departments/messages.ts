// The messages of departments: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.departments': { zh: '部门管理', en: 'Departments' },

  // ---- workbench ----
  'module.departments.desc': { zh: '部门、统一社会信用代码与上下级', en: 'Departments, their USCC and hierarchy' },

  // ---- departments ----
  'departments.searchPlaceholder': { zh: '搜索部门名称或代码', en: 'Search name or USCC' },
  'departments.filterRegion': { zh: '按区划筛选', en: 'Filter by region' },
  'departments.create': { zh: '新建部门', en: 'New department' },
  'departments.edit': { zh: '编辑部门', en: 'Edit department' },
  'departments.name': { zh: '部门名称', en: 'Name' },
  'departments.uscc': { zh: '统一社会信用代码', en: 'USCC' },
  'departments.usccLength': { zh: '统一社会信用代码为 18 位', en: 'A USCC has 18 characters' },
  'departments.usccInvalid': { zh: '统一社会信用代码无效', en: 'This USCC is not valid' },
  'departments.usccFixed': { zh: '统一社会信用代码创建后不可修改', en: 'The USCC cannot be changed once created' },
  'departments.region': { zh: '所属区划', en: 'Region' },
  'departments.parent': { zh: '上级部门', en: 'Parent department' },
  'departments.noParent': { zh: '无上级部门', en: 'No parent' },
} satisfies Messages;
