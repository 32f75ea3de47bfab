import type { Db } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { findImplementationByCode } from '../../modules/catalog/index.ts';
import { createRuleSet, listRuleSets, ownerOf, publish, replay, ruleContent, setInstantApproval, type RuleContentInput } from '../../modules/rules/index.ts';
import { LT } from './kit.ts';

/**
 * The demo's instant-approval rule sets (秒批, issue 22): each on a demo implementation, published with its golden
 * cases and switched to decide that implementation's applications at submission.
 *
 * 失业登记 of 淮北市 (340600-GG-0004, yields the 就业创业证, held by the person): a person of working age who lives in the
 * city and holds no 就业创业证 yet → registered and the card issued at once; anyone else goes to the window as usual.
 * (个体工商户设立登记, the example, yields the 个体工商户营业执照, held by the operator, a person: an item admin
 * switches it to instant approval with `soleTraderRules` in the browser test tests/e2e/instant-sole-trader.e2e.test.ts.)
 */
export interface RuleSetSeed {
  code: string;
  name: string;
  implementationCode: string;
  validFrom: string;
  content: RuleContentInput;
}

/** The 失业登记 criteria: four conditions on the profile and the applicant's licences, with their articles. */
export function unemploymentRules(employmentCardTypeCode: string): RuleContentInput {
  const meets = { age: 36, applicantType: 'person', region: '340603', holdsCard: false };
  return {
    inputs: [
      { key: 'age', type: 'number', labelZh: '申请人年龄', labelEn: 'applicant’s age', source: { kind: 'profile', attribute: 'age' } },
      { key: 'applicantType', type: 'string', labelZh: '申请人类型', labelEn: 'applicant type', source: { kind: 'profile', attribute: 'applicantType' } },
      { key: 'region', type: 'string', labelZh: '申请人所在地区', labelEn: 'applicant’s region', source: { kind: 'profile', attribute: 'regionCode' } },
      {
        key: 'holdsCard',
        type: 'boolean',
        labelZh: '已持有就业创业证',
        labelEn: 'holds an employment card',
        source: { kind: 'license', typeCode: employmentCardTypeCode, attribute: 'held' },
      },
    ],
    conditions: [
      {
        key: 'workingAge',
        input: 'age',
        test: '[16..59]',
        labelZh: '申请人在法定劳动年龄内（十六至五十九周岁）',
        labelEn: 'The applicant is of working age (16 to 59)',
        article: '《中华人民共和国劳动法》第十五条；《就业服务与就业管理规定》第六十一条',
      },
      {
        key: 'person',
        input: 'applicantType',
        test: '"person"',
        labelZh: '申请人为劳动者本人',
        labelEn: 'The applicant is the worker',
        article: '《就业服务与就业管理规定》第六十一条',
      },
      {
        key: 'local',
        input: 'region',
        test: 'startsWith($, "3406")',
        labelZh: '申请人在本市常住或户籍在本市',
        labelEn: 'The applicant lives in the city',
        article: '《就业服务与就业管理规定》第六十三条',
      },
      {
        key: 'firstCard',
        input: 'holdsCard',
        test: 'false',
        labelZh: '申请人未持有就业创业证（首次登记发证）',
        labelEn: 'The applicant holds no employment card yet',
        article: '《就业服务与就业管理规定》第六十三条；《人力资源社会保障部关于印发就业创业证管理暂行办法的通知》',
      },
    ],
    goldenCases: [
      { name: '符合全部条件', inputs: meets, expected: 'grant' },
      { name: '未满十六周岁转人工', inputs: { ...meets, age: 15 }, expected: 'refuse' },
      { name: '已持证转人工', inputs: { ...meets, holdsCard: true }, expected: 'refuse' },
      { name: '缺少所在地区无法判断', inputs: { age: 36, applicantType: 'person', holdsCard: false }, expected: 'undecidable' },
    ],
  };
}

export const RULE_SETS: RuleSetSeed[] = [
  {
    code: '340600-GG-0004-MP',
    name: '失业登记秒批',
    implementationCode: '340600-GG-0004',
    validFrom: '2026-01-01',
    content: unemploymentRules(LT.employmentCard),
  },
];

/** Seeds the rule sets through the rules module's commands: created, published, set to instant approval. Idempotent. */
export async function seedDemoRules(db: Db): Promise<number> {
  const ctx = systemContext('demo-seed');
  let created = 0;
  for (const r of RULE_SETS) {
    const impl = await findImplementationByCode(db, r.implementationCode);
    if (!impl) continue;
    const existing = await listRuleSets(db, { within: { kind: 'all' }, implementationId: impl.id, page: 1, pageSize: 200 });
    if (existing.items.some((s) => s.code === r.code)) continue;
    const input = {
      code: r.code,
      name: r.name,
      purpose: 'approval' as const,
      implementationId: impl.id,
      validFrom: r.validFrom,
      validTo: null,
      content: ruleContent.parse(r.content),
    };
    const owner = await ownerOf(db, input);
    const set = await db.transaction((tx) => createRuleSet(tx, ctx, input, owner));
    // The demo confirms whatever the replay over the item's earlier applications shows (ADR 0041).
    const { digest } = await replay(db, set.id, {});
    const published = await publish(db, ctx, set.id, { version: set.versions[0].version, replayDigest: digest });
    await setInstantApproval(db, ctx, set.id, { instantApproval: true, version: published.version });
    created++;
  }
  return created;
}
