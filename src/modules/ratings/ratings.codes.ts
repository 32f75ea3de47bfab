import { codeLists } from '../../platform/code-lists.ts';

/**
 * Levels, channels and indicators of 好差评 (standards.md §3), their mapping between interfaces, and the statistics
 * as pure formulas. Stored levels follow GB/T 39046-2020 A.8 (the national data standard): 1 非常满意 … 5 非常不满意.
 */
/** The five levels and the channels come from the code lists of the standards (platform/code-lists.ts). */
export const LEVELS = codeLists.rating_level;
export type Level = '1' | '2' | '3' | '4' | '5';

/** 不满意 and 非常不满意 are bad ratings (差评): each opens a remedy. */
export const isBad = (level: string) => level === '4' || level === '5';

/**
 * The interfaces number levels differently: the national data standard counts 非常满意 as 1, the national and
 * provincial evaluation interfaces count it as 5. Every import and export names its shape.
 */
export type LevelShape = 'national' | 'interface';
export function toShape(level: Level, shape: LevelShape): string {
  return shape === 'national' ? level : String(6 - Number(level));
}
export function fromShape(value: string | number, shape: LevelShape): Level | undefined {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5) return undefined;
  return String(shape === 'national' ? n : 6 - n) as Level;
}

/** Interface `pf` codes of the channel. */
export const CHANNELS = codeLists.rating_channel;
export const ONSITE_CHANNELS = new Set(['4', '5']);

/** 测评指标: the indicators of each kind of rating (multi-select). */
export const INDICATORS = {
  online: [
    { code: '101', zh: '办事效率', en: 'Efficiency' },
    { code: '102', zh: '办事指南精确度', en: 'Accuracy of the guide' },
    { code: '103', zh: '办事便捷度', en: 'Convenience' },
    { code: '104', zh: '平台操作性', en: 'Ease of use of the platform' },
  ],
  onsite: [
    { code: '201', zh: '服务效率', en: 'Service efficiency' },
    { code: '202', zh: '服务水平', en: 'Service competence' },
    { code: '203', zh: '服务态度', en: 'Service attitude' },
  ],
} as const;

/** Free text is kept as text: tags and control characters removed, whitespace folded, at most 500 characters. */
export function sanitiseComment(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

export interface RatingCounts {
  /** Ratings counted (excluded ones — upheld appeals — are not). */
  total: number;
  byLevel: Record<Level, number>;
  /** Bad ratings whose remedy was replied to the rater and closed. */
  remediedAndReplied: number;
  /** Bad ratings whose follow-up call (回访) reached the rater (satisfied or not). */
  followedUp: number;
  /** Bad ratings recorded as 无法回访: the rater could not be called (every anonymous one). Not counted as followed up. */
  unreachable: number;
  /** Ratings the applicant gave (not the default). */
  active: number;
  /** Ratings given or defaulted (the base of the active rating rate). */
  ratable: number;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);

/**
 * The published figures, in percent with two decimals (null when there is nothing to divide by):
 * - 满意率 satisfaction = (非常满意 + 满意 + 基本满意) ÷ ratings
 * - 好评率 good = (非常满意 + 满意) ÷ ratings;  差评率 bad = (不满意 + 非常不满意) ÷ ratings
 * - 差评整改率 remedy = bad ratings remedied and replied ÷ bad ratings
 * - 回访率 follow-up = bad ratings whose rater was reached ÷ bad ratings (无法回访 counted apart, never as reached)
 * - 主动评价率 active = ratings given by applicants ÷ all ratings, the defaults included
 */
export function figures(c: RatingCounts) {
  const good = c.byLevel['1'] + c.byLevel['2'];
  const satisfied = good + c.byLevel['3'];
  const bad = c.byLevel['4'] + c.byLevel['5'];
  return {
    ratings: c.total,
    badRatings: bad,
    satisfactionRate: rate(satisfied, c.total),
    goodRate: rate(good, c.total),
    badRate: rate(bad, c.total),
    remedyRate: rate(c.remediedAndReplied, bad),
    followUpRate: rate(c.followedUp, bad),
    followUpUnreachable: c.unreachable,
    activeRatingRate: rate(c.active, c.ratable),
  };
}
