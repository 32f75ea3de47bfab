/**
 * Errors are values with stable codes (style.md §6). Every module declares its own in `<module>.errors.ts`
 * with `defineErrors`; the HTTP layer turns an AppError into `{code, message: {zh, en}, details}`.
 */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  readonly details: unknown;

  constructor(code: string, spec: ErrorSpec, details?: unknown) {
    super(`${code}: ${spec.en}`);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.zh = spec.zh;
    this.en = spec.en;
    this.details = details;
  }

  toJSON() {
    return { code: this.code, message: { zh: this.zh, en: this.en }, details: this.details ?? null };
  }
}

export type ErrorFactory = (details?: unknown) => AppError;

/** Turns a table of specs into factories: `errors.NOT_FOUND({ id })` returns an AppError. */
export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): Record<K, ErrorFactory> {
  const out = {} as Record<K, ErrorFactory>;
  for (const code of Object.keys(specs) as K[]) {
    out[code] = (details?: unknown) => new AppError(code, specs[code], details);
  }
  return out;
}

export const platformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  INPUT_MALFORMED: {
    status: 400,
    zh: '请求含有无法处理的内容（空字符、不成对的代理字符或过深的嵌套）',
    en: 'The request holds what cannot be processed (a NUL character, a lone surrogate or too deep nesting)',
  },
  VALUE_REJECTED: {
    status: 400,
    zh: '请求中的某个值无效（如不存在的日期或超出范围的数字）',
    en: 'A value in the request is not valid (such as a date that does not exist or a number out of range)',
  },
  BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  NOT_FOUND: { status: 404, zh: '未找到所请求的资源', en: 'The requested resource was not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    zh: '创建请求须携带 Idempotency-Key 请求头',
    en: 'A create request needs an Idempotency-Key header',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该 Idempotency-Key 已用于另一请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  METRICS_TOKEN_REQUIRED: { status: 401, zh: '读取监控指标需要令牌', en: 'Reading the metrics needs the metrics token' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INVALID_DATE: { status: 400, zh: '日期格式不正确，应为 YYYY-MM-DD', en: 'The date must be a valid YYYY-MM-DD' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
});
