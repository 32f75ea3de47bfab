/**
 * What the item type (事项类型, GB/T 39046-2020 A: standards.md §1) decides about a case, in one table: the procedural
 * law and articles its notices cite, whether 行政许可法 art. 32's deemed acceptance applies, the words of its outcomes,
 * and the titles of its notices. Only 行政许可 has a national procedural law (行政许可法); the other types cite the
 * item's own 设定依据 (its legal basis, an element of the guide) and never 行政许可法.
 */

export interface Words {
  zh: string;
  en: string;
}

/** The families of item types that are handled alike. */
export const ITEM_FAMILIES = ['licensing', 'confirmation', 'payment', 'award', 'adjudication', 'public_service', 'other_power'] as const;
export type ItemFamily = (typeof ITEM_FAMILIES)[number];

export interface ItemTypeRules {
  family: ItemFamily;
  /** The procedural law the notices cite by article, or null: they cite the item's own legal basis. */
  law: string | null;
  /** 行政许可法 art. 32: no word on acceptance within 5 working days of receipt makes the case accepted. */
  deemedAcceptance: boolean;
  /** Articles of `law` (empty when `law` is null). */
  articles: { acceptance: string; correction: string; grant: string; deny: string; revoke: string };
  /** The outcome of a decision: code 0 (granted) and code 1 (denied) of the exchange table. */
  outcome: { granted: Words; denied: Words };
  /** The titles of the notices (the decision's: granted and denied). */
  titles: { receipt: string; acceptance: string; refusal: string; correction: string; decisionGranted: string; decisionDenied: string };
  /** The decision's operative sentence: "决定{…}". */
  decided: { granted: string; denied: string };
  /** What a refusal or denial tells the applicant about their remedies. */
  rights: string;
  /**
   * Revoking a grant obtained by a false pledge (告知承诺不实): the notice's title and what it revokes ("决定撤销…").
   * 行政许可法 art. 69 ¶2 for 行政许可; the item's own 设定依据 for the others; 国办发〔2020〕42号 for all.
   */
  revocation: { title: string; revoked: string };
}

const LICENSING_LAW = '《中华人民共和国行政许可法》';
// 行政复议法 (2023) art. 20: 60 days; 行政诉讼法 art. 46: 6 months.
const REVIEW_RIGHTS = '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';
const NO_ARTICLES = { acceptance: '', correction: '', grant: '', deny: '', revoke: '' };
/** 证明事项告知承诺制: a false pledge is dealt with by law (revocation of the decision) and entered in the credit record. */
export const PLEDGE_GUIDELINE = '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）';

function family(
  f: ItemFamily,
  granted: [string, string],
  denied: [string, string],
  titles: [string, string],
  decided: [string, string],
  revocation: [title: string, revoked: string],
): ItemTypeRules {
  return {
    family: f,
    law: null,
    deemedAcceptance: false,
    articles: NO_ARTICLES,
    outcome: { granted: { zh: granted[0], en: granted[1] }, denied: { zh: denied[0], en: denied[1] } },
    titles: {
      receipt: '申请材料接收回执',
      acceptance: '受理通知书',
      refusal: '不予受理通知书',
      correction: '补正材料通知书',
      decisionGranted: titles[0],
      decisionDenied: titles[1],
    },
    decided: { granted: decided[0], denied: decided[1] },
    rights: REVIEW_RIGHTS,
    revocation: { title: revocation[0], revoked: revocation[1] },
  };
}

export const FAMILY_RULES: Record<ItemFamily, ItemTypeRules> = {
  licensing: {
    family: 'licensing',
    law: LICENSING_LAW,
    deemedAcceptance: true,
    articles: {
      acceptance: '第三十二条第一款第（五）项',
      correction: '第三十二条第一款第（四）项',
      grant: '第三十八条第一款',
      deny: '第三十八条第二款',
      // 被许可人以欺骗、贿赂等不正当手段取得行政许可的，应当予以撤销。
      revoke: '第六十九条第二款',
    },
    outcome: { granted: { zh: '准予许可', en: 'Licence granted' }, denied: { zh: '不予许可', en: 'Licence denied' } },
    titles: {
      receipt: '申请材料接收回执',
      acceptance: '受理通知书',
      refusal: '不予受理决定书',
      correction: '补正材料通知书',
      decisionGranted: '准予行政许可决定书',
      decisionDenied: '不予行政许可决定书',
    },
    decided: { granted: '准予行政许可', denied: '不予行政许可' },
    rights: REVIEW_RIGHTS,
    revocation: { title: '撤销行政许可决定书', revoked: '准予行政许可决定' },
  },
  confirmation: family(
    'confirmation',
    ['予以确认', 'Confirmed'],
    ['不予确认', 'Not confirmed'],
    ['行政确认决定书', '不予确认决定书'],
    ['予以确认', '不予确认'],
    ['撤销行政确认决定书', '行政确认决定'],
  ),
  payment: family(
    'payment',
    ['予以给付', 'Payment granted'],
    ['不予给付', 'Payment refused'],
    ['行政给付决定书', '不予给付决定书'],
    ['予以给付', '不予给付'],
    ['撤销行政给付决定书', '行政给付决定'],
  ),
  award: family(
    'award',
    ['予以奖励', 'Award granted'],
    ['不予奖励', 'Award refused'],
    ['行政奖励决定书', '不予奖励决定书'],
    ['予以奖励', '不予奖励'],
    ['撤销行政奖励决定书', '行政奖励决定'],
  ),
  adjudication: family(
    'adjudication',
    ['作出裁决', 'Adjudicated'],
    ['驳回申请', 'Application dismissed'],
    ['行政裁决书', '驳回申请决定书'],
    ['作出裁决', '驳回申请'],
    ['撤销行政裁决决定书', '行政裁决'],
  ),
  public_service: {
    ...family(
      'public_service',
      ['办结', 'Completed'],
      ['不予办理', 'Not provided'],
      ['办结通知书', '不予办理通知书'],
      ['予以办理', '不予办理'],
      ['撤销办理结果通知书', '办理结果'],
    ),
    // A public service is not always an administrative act; the applicant is told where to turn either way.
    rights: '如对办理结果有异议，可以向本机关提出，或者拨打12345政务服务便民热线反映；依法属于行政行为的，可以依法申请行政复议或者提起行政诉讼。',
  },
  other_power: family(
    'other_power',
    ['准予办理', 'Approved'],
    ['不予办理', 'Refused'],
    ['准予办理决定书', '不予办理决定书'],
    ['准予办理', '不予办理'],
    ['撤销决定书', '准予办理决定'],
  ),
};

/** 事项类型代码 (GB/T 39046-2020 A) → family. 02/03/04/06 are acts on the office's own motion: handled as other powers. */
export const ITEM_TYPE_FAMILY: Record<string, ItemFamily> = {
  '00': 'other_power',
  '01': 'licensing',
  '02': 'other_power',
  '03': 'other_power',
  '04': 'other_power',
  '05': 'payment',
  '06': 'other_power',
  '07': 'confirmation',
  '08': 'award',
  '09': 'adjudication',
  '10': 'other_power',
  '11': 'other_power',
  '20': 'public_service',
};

/** The rules of an item type; an unknown or extended code (21…) is handled by its range: 2x public service, else other. */
export function itemTypeRules(itemType: string): ItemTypeRules {
  const f = ITEM_TYPE_FAMILY[itemType] ?? (itemType.startsWith('2') ? 'public_service' : 'other_power');
  return FAMILY_RULES[f];
}

/**
 * The legal basis a notice cites for `act`: the law's article for 行政许可, else the item's own 设定依据 (or, when the
 * guide left it empty, the words "本事项的设定依据" rather than a law that does not apply).
 */
export function basisOf(rules: ItemTypeRules, act: keyof ItemTypeRules['articles'], itemLegalBasis: string): string {
  if (rules.law) return `${rules.law}${rules.articles[act]}`;
  const own = itemLegalBasis.trim().replace(/[。；;]+$/u, '');
  return own || '本事项的设定依据';
}

/** The words the web shows for the outcome codes of the exchange table, given the item type's words for 0 and 1. */
export function outcomeWords(rules: ItemTypeRules, outcome: string): Words | null {
  if (outcome === '0') return rules.outcome.granted;
  if (outcome === '1') return rules.outcome.denied;
  return null;
}
