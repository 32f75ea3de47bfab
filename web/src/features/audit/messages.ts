// The messages of the audit log: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.audit': { zh: '审计日志', en: 'Audit log' },

  // ---- workbench ----
  'module.audit.desc': { zh: '哈希链审计日志的查询与校验', en: 'Search and verify the hash-chained audit log' },

  // ---- audit ----
  'audit.targetType': { zh: '对象类型', en: 'Target type' },
  'audit.targetId': { zh: '对象标识', en: 'Target ID' },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.action': { zh: '操作', en: 'Action' },
  'audit.at': { zh: '时间', en: 'Time' },
  'audit.actorRole': { zh: '角色', en: 'Role' },
  'audit.requestId': { zh: '请求号', en: 'Request ID' },
  'audit.hash': { zh: '哈希', en: 'Hash' },
  'audit.pending': { zh: '待封存', en: 'Pending seal' },
  'audit.verify': { zh: '校验哈希链', en: 'Verify hash chain' },
  'audit.intact': { zh: '完整', en: 'Intact' },
  'audit.broken': { zh: '已断裂', en: 'Broken' },
  'audit.intactText': {
    zh: '哈希链完整，共校验 {count} 条记录、{checkpoints} 个签名检查点。',
    en: 'The hash chain is intact: {count} entries and {checkpoints} signed checkpoints checked.',
  },
  'audit.checkpoints': { zh: '导出签名检查点', en: 'Export signed checkpoints' },
  'audit.checkpointsHint': {
    zh: '下载链头的 SM2 签名检查点，请保存在数据库之外；tongban audit verify --checkpoints 文件 可据此发现被截断的日志',
    en: 'Download the SM2-signed checkpoints of the chain head and keep them outside the database; tongban audit verify --checkpoints FILE uses them to detect a cut log',
  },
  'audit.brokenText': {
    zh: '哈希链在第 {id} 号记录处断裂（共 {count} 条），历史记录可能被篡改。',
    en: 'The hash chain breaks at entry {id} ({count} entries): history may have been altered.',
  },
} satisfies Messages;
