import { defineErrors } from '../../platform/errors.ts';

export const catalogErrors = defineErrors({
  BASE_ITEM_NOT_FOUND: { status: 404, zh: '基本目录事项不存在', en: 'Unknown base item' },
  BASE_ITEM_CODE_TAKEN: { status: 409, zh: '基本编码已存在', en: 'This base code exists already' },
  BASE_ITEM_CODE_INVALID: { status: 400, zh: '基本编码格式不正确（1–12 位字母或数字）', en: 'A base code is 1–12 letters or digits' },
  BASE_ITEM_NOT_IN_REGION: {
    status: 400,
    zh: '该基本目录事项由其他区划制定，不能在此区划实施',
    en: 'This base item was defined by another region and cannot be carried out here',
  },
  ITEM_TYPE_UNKNOWN: { status: 400, zh: '事项类型代码不存在', en: 'Unknown item type code' },
  USE_LEVEL_UNKNOWN: { status: 400, zh: '行使层级代码不存在', en: 'Unknown level code' },
  IMPLEMENTATION_NOT_FOUND: { status: 404, zh: '实施清单事项不存在或未发布', en: 'Unknown or unpublished implementation' },
  IMPLEMENTATION_CODE_TAKEN: { status: 409, zh: '实施编码已存在', en: 'This implementation code exists already' },
  IMPLEMENTATION_CODE_INVALID: {
    status: 400,
    zh: '实施编码格式不正确（1–36 位字母、数字或短横线）',
    en: 'An implementation code is 1–36 letters, digits or hyphens',
  },
  IMPLEMENTATION_DUPLICATE: {
    status: 409,
    zh: '该部门在该区划已有此事项的实施清单',
    en: 'This department already carries out this item in this region',
  },
  VERSION_NOT_FOUND: { status: 404, zh: '版本不存在', en: 'Unknown version' },
  CATALOG_ILLEGAL_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not allowed in the current status' },
  CATALOG_PUBLISHED_IMMUTABLE: { status: 409, zh: '已发布版本不可修改，请新建版本', en: 'A published version cannot change; start a new version' },
  PROMISED_LIMIT_EXCEEDS_LEGAL: { status: 400, zh: '承诺时限不得长于法定时限', en: 'The promised limit cannot be longer than the legal limit' },
  LICENSE_TYPE_UNKNOWN: { status: 400, zh: '引用的证照类型不存在', en: 'A referenced licence type does not exist' },
  FORM_PATTERN_UNSUPPORTED: {
    status: 400,
    zh: '表单字段的格式规则（正则表达式）不受支持：不能使用反向引用、环视等写法，长度不超过 500 个字符',
    en: 'A form field pattern is not supported: no back-references or look-around, at most 500 characters',
  },
  FORM_SCHEMA_INVALID: { status: 400, zh: '申请表单定义不正确', en: 'The application form schema is not valid' },
  CONTENT_INVALID: { status: 400, zh: '事项要素不完整或不正确', en: 'The item elements are incomplete or invalid' },
  MATERIAL_KEY_DUPLICATE: { status: 400, zh: '材料或环节标识重复', en: 'A material or step key appears twice' },
  IMPORT_INVALID: { status: 400, zh: '导入文件有错误，未做任何修改', en: 'The import file has errors; nothing was changed' },
  IMPORT_NOT_FOUND: { status: 404, zh: '导入任务不存在', en: 'Unknown import' },
  SEARCH_QUERY_INVALID: { status: 400, zh: '请输入有效的检索词', en: 'Enter a search term' },
});
