import { defineErrors } from '../../platform/errors.ts';

/** Errors of the exchange module (数据共享交换, 归集): stable codes, zh and en messages (style.md §6). */
export const exchangeErrors = defineErrors({
  EXCHANGE_RESOURCE_NOT_FOUND: { status: 404, zh: '信息资源不存在', en: 'Unknown resource' },
  EXCHANGE_RESOURCE_CODE_TAKEN: { status: 409, zh: '该信息资源代码已被使用', en: 'This resource code is taken' },
  EXCHANGE_RESOURCE_INVALID: {
    status: 400,
    zh: '信息资源的元数据有误（信息项、主键字段、共享依据等），详见 details',
    en: 'The resource’s metadata is not valid (fields, key field, sharing basis…): see details',
  },
  EXCHANGE_DEPARTMENT_INVALID: { status: 400, zh: '提供部门不存在或不在所选区划内', en: 'The provider department does not exist or is outside the region' },
  EXCHANGE_ILLEGAL_TRANSITION: { status: 409, zh: '信息资源当前状态不允许该操作', en: 'The resource’s state does not allow this' },
  EXCHANGE_VERSION_CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'Someone changed this record first: reload and try again' },
  EXCHANGE_IMPORT_INVALID: {
    status: 400,
    zh: '目录文件有误，未导入任何一行；每行的问题见 details',
    en: 'The catalogue file has errors; nothing was imported. The problems of each row are in details',
  },
  EXCHANGE_NOT_PUBLISHED: { status: 409, zh: '只能申请已发布的信息资源', en: 'Only a published resource can be requested' },
  EXCHANGE_RESOURCE_CLOSED: {
    status: 409,
    zh: '该信息资源不予共享（依据见资源的共享依据）',
    en: 'This resource is not shared (its sharing basis gives the ground)',
  },
  EXCHANGE_FIELDS_INVALID: { status: 400, zh: '申请或授权的信息项不属于该资源', en: 'A requested or granted field is not one of the resource’s' },
  EXCHANGE_GRANT_NOT_FOUND: { status: 404, zh: '共享申请不存在', en: 'Unknown sharing request' },
  EXCHANGE_GRANT_NOT_PENDING: { status: 409, zh: '该共享申请已处理', en: 'This sharing request has been decided already' },
  EXCHANGE_GRANT_NOT_ACTIVE: { status: 409, zh: '该共享授权不在有效状态', en: 'This grant is not in force' },
  EXCHANGE_TOKEN_REQUIRED: { status: 401, zh: '调用须提供机器令牌（X-Exchange-Token）', en: 'A call needs a machine token (X-Exchange-Token)' },
  EXCHANGE_TOKEN_INVALID: { status: 401, zh: '机器令牌无效、已过期或已撤销', en: 'The machine token is unknown, expired or revoked' },
  EXCHANGE_CALL_OUTSIDE_GRANT: { status: 403, zh: '该调用超出共享授权范围', en: 'The call is outside its grant' },
  EXCHANGE_GRANT_REVOKED: { status: 403, zh: '共享授权已撤销', en: 'The grant has been revoked' },
  EXCHANGE_GRANT_EXPIRED: { status: 403, zh: '共享授权不在有效期内', en: 'The grant is outside its validity period' },
  EXCHANGE_RATE_LIMITED: { status: 429, zh: '调用频率超过授权的限制', en: 'Calls exceed the grant’s rate limit' },
  EXCHANGE_KEY_REQUIRED: { status: 400, zh: '调用须提供查询键（key）', en: 'A call needs the query key (key)' },
  EXCHANGE_LOAD_INVALID: {
    status: 400,
    zh: '归集文件有误：按“全部或不导入”方式未导入任何一行，问题见 details',
    en: 'The load has bad rows: in all-or-nothing mode nothing was loaded. The problems are in details',
  },
  EXCHANGE_LOAD_EMPTY: { status: 400, zh: '归集文件没有数据行', en: 'The load holds no rows' },
  EXCHANGE_LOAD_UNREADABLE: {
    status: 400,
    zh: '归集文件无法读取（格式与所选不符，或 Excel 文件已损坏）',
    en: 'The load cannot be read (not the format chosen, or a damaged workbook)',
  },
  EXCHANGE_ENDPOINT_NOT_FOUND: { status: 404, zh: '前置接口不存在', en: 'Unknown endpoint' },
  EXCHANGE_ENDPOINT_INVALID: {
    status: 400,
    zh: '前置接口登记有误（地址须为 http/https，且不含用户名、密码或片段），详见 details',
    en: 'The endpoint is not valid (an http or https address without user, password or fragment): see details',
  },
  EXCHANGE_MOUNT_INVALID: {
    status: 400,
    zh: '只能挂载到该资源提供部门已登记且启用的前置接口',
    en: 'A resource is mounted only to an active endpoint registered by its provider department',
  },
  EXCHANGE_ENDPOINT_DISABLED: {
    status: 503,
    zh: '该资源挂载的前置接口已停用，暂不能调用',
    en: 'The endpoint this resource is mounted to is disabled: calls cannot be served',
  },
  EXCHANGE_PROVIDER_TIMEOUT: { status: 504, zh: '提供部门接口未在时限内应答', en: 'The provider’s endpoint did not answer in time' },
  EXCHANGE_PROVIDER_FAILED: {
    status: 502,
    zh: '提供部门接口调用失败（无法连接、返回错误或应答格式不符）',
    en: 'The provider’s endpoint failed (unreachable, an error status, or an answer that is not JSON objects)',
  },
  EXCHANGE_DEMAND_NOT_FOUND: { status: 404, zh: '数据需求不存在', en: 'Unknown data demand' },
  EXCHANGE_DEMAND_ILLEGAL_TRANSITION: { status: 409, zh: '数据需求当前状态不允许该操作', en: 'The demand’s state does not allow this' },
  EXCHANGE_DEMAND_INVALID: {
    status: 400,
    zh: '数据需求有误：提供部门不能是本部门，且须存在',
    en: 'The demand is not valid: the provider must exist and be another department',
  },
  EXCHANGE_DEMAND_RESOURCE_INVALID: {
    status: 400,
    zh: '关联的信息资源须由该需求的提供部门编目且未停用',
    en: 'The linked resource must be one of the provider department’s, and not retired',
  },
});
