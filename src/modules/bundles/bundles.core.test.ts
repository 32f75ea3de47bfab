import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.ts';
import {
  computeReductions,
  dependencyOrder,
  includedMembers,
  longestPath,
  mergeForm,
  mergeMaterials,
  overallReductions,
  reductionPercent,
  workingDays,
  type BundleDefinition,
  type MaterialFacts,
  type MemberFacts,
} from './bundles.core.ts';

// A hand-computed example (docs/modules/bundles.md, "A worked example"): a shop opening of four members.
// lic: 营业执照; food: 食品经营许可, waits for lic; fire: 消防安全检查, waits for lic; sign: 户外招牌, waits for lic,
// only when the shop has a sign.
const BL = 'LT-BUSINESS';
const ID = 'LT-ID';
const mat = (key: string, name: string, o: Partial<MaterialFacts> = {}): MaterialFacts => ({
  key,
  name,
  required: true,
  source: 'applicant',
  licenseTypeCode: null,
  acceptanceStandard: '',
  ...o,
});
const text = (title: string, format?: string) => ({ type: 'string', title, ...(format ? { format } : {}), 'x-widget': 'text' });
const num = (title: string) => ({ type: 'number', title, 'x-widget': 'number' });
const wd = (value: number) => ({ value, unit: 'working_day' as const });

const FACTS = new Map<string, MemberFacts>([
  [
    'lic',
    {
      name: '营业执照',
      promisedLimit: wd(0),
      visits: 0,
      steps: 3,
      materials: [
        mat('application', '设立登记申请书'),
        mat('id_card', '居民身份证', { source: 'license', licenseTypeCode: ID }),
        mat('premises', '经营场所使用证明', { acceptanceStandard: '载明地址' }),
      ],
      form: { properties: { name: text('名称'), shopAddress: text('住所'), phone: text('电话', 'cn-mobile') }, required: ['name', 'phone'] },
      resultLicenseTypeCode: BL,
    },
  ],
  [
    'food',
    {
      name: '食品经营许可',
      promisedLimit: wd(5),
      visits: 1,
      steps: 3,
      materials: [
        // Asked from the applicant, but the licence comes out of `lic`, which `food` waits for: 免提交 (upstream).
        mat('business_license', '营业执照', { licenseTypeCode: BL }),
        mat('application', '食品经营许可申请书'),
        mat('layout', '平面布局图'),
        mat('premises', '经营场所使用证明', { acceptanceStandard: '载明地址' }),
      ],
      form: { properties: { entityName: text('经营者名称'), shopAddress: text('经营场所'), seats: num('座位数') }, required: ['entityName'] },
      resultLicenseTypeCode: 'LT-FOOD',
    },
  ],
  [
    'fire',
    {
      name: '消防安全检查',
      promisedLimit: { value: 10, unit: 'natural_day' }, // ⌈10 × 5 ÷ 7⌉ = 8 working days
      visits: 1,
      steps: 4,
      materials: [mat('business_license', '营业执照', { source: 'license', licenseTypeCode: BL }), mat('plan', '消防设计审查意见', { source: 'department' })],
      form: { properties: { entityName: text('单位名称'), area: num('面积') }, required: [] },
      resultLicenseTypeCode: 'LT-FIRE',
    },
  ],
  [
    'sign',
    {
      name: '户外招牌设置',
      promisedLimit: wd(7),
      visits: 1,
      steps: 3,
      materials: [mat('design', '招牌设计效果图')],
      form: { properties: { signSize: num('招牌面积') }, required: ['signSize'] },
      resultLicenseTypeCode: null,
    },
  ],
]);

const DEF: BundleDefinition = {
  members: [
    { key: 'lic', implementationCode: 'X-1', dependsOn: [], condition: null },
    { key: 'food', implementationCode: 'X-2', dependsOn: ['lic'], condition: null },
    { key: 'fire', implementationCode: 'X-3', dependsOn: ['lic'], condition: null },
    { key: 'sign', implementationCode: 'X-4', dependsOn: ['lic'], condition: { field: 'hasSign', op: 'includeWhen', values: [true] } },
  ],
  fields: [
    {
      key: 'name',
      title: '名称',
      maps: [
        { member: 'lic', field: 'name' },
        { member: 'food', field: 'entityName' },
        { member: 'fire', field: 'entityName' },
      ],
    },
    {
      key: 'address',
      title: '经营场所',
      maps: [
        { member: 'lic', field: 'shopAddress' },
        { member: 'food', field: 'shopAddress' },
      ],
    },
    { key: 'hasSign', title: '是否设置户外招牌', maps: [], schema: { type: 'boolean', title: '是否设置户外招牌', 'x-widget': 'switch' } },
  ],
  promisedDays: null,
  visits: 1,
  steps: ['一窗受理', '并联审批', '一窗出件'],
};

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return { code: e.code, details: e.details as Record<string, unknown> };
  }
  assert.fail('expected an error');
};

test('reductionPercent: (before − after) ÷ before × 100 to 2 decimals, half away from zero, null without a before', () => {
  const rows: [number, number, number | null][] = [
    [10, 5, 50],
    [3, 1, 66.67], // 66.666…
    [13, 3, 76.92], // 76.923…
    [8000, 6910, 13.63], // exactly 13.625: up, never down by a floating error
    [1226, 1059, 13.62],
    [1532, 1092, 28.72],
    [4, 5, -25],
    [5, 5, 0],
    [0, 0, null],
  ];
  for (const [before, after, ratio] of rows) assert.equal(reductionPercent(before, after), ratio, `${before} → ${after}`);
});

test('workingDays: working days as they are, natural days five in seven rounded up', () => {
  assert.equal(workingDays(wd(20)), 20);
  assert.equal(workingDays({ value: 10, unit: 'natural_day' }), 8);
  assert.equal(workingDays({ value: 7, unit: 'natural_day' }), 5);
  assert.equal(workingDays({ value: 0, unit: 'natural_day' }), 0);
});

test('the dependency graph: an order where each member follows what it waits for; cycles and unknown members refused', () => {
  assert.deepEqual(
    dependencyOrder([
      { key: 'card', dependsOn: ['hukou'] },
      { key: 'hukou', dependsOn: ['birth'] },
      { key: 'birth', dependsOn: [] },
    ]),
    ['birth', 'hukou', 'card'],
  );
  const cycle = code(() =>
    dependencyOrder([
      { key: 'a', dependsOn: ['c'] },
      { key: 'b', dependsOn: ['a'] },
      { key: 'c', dependsOn: ['b'] },
    ]),
  );
  assert.equal(cycle.code, 'BUNDLE_DEPENDENCY_CYCLE');
  assert.deepEqual(cycle.details.cycle, ['a', 'c', 'b', 'a']);
  assert.deepEqual(code(() => dependencyOrder([{ key: 'a', dependsOn: ['a'] }])).details.cycle, ['a', 'a']);
  assert.equal(code(() => dependencyOrder([{ key: 'a', dependsOn: ['z'] }])).code, 'BUNDLE_DEPENDENCY_UNKNOWN');
  assert.equal(
    code(() =>
      dependencyOrder([
        { key: 'a', dependsOn: [] },
        { key: 'a', dependsOn: [] },
      ]),
    ).code,
    'BUNDLE_MEMBER_DUPLICATE',
  );
});

test('the longest path weighs members by working days: a chain adds up, parallel members take the longest', () => {
  // 新生儿出生: 出生医学证明 (0) → 户口登记 (0) → 医保参保 (0) / 社保卡 (10).
  const chain = [
    { key: 'birth', dependsOn: [] },
    { key: 'hukou', dependsOn: ['birth'] },
    { key: 'medical', dependsOn: ['hukou'] },
    { key: 'card', dependsOn: ['hukou'] },
  ];
  const days: Record<string, number> = { birth: 1, hukou: 2, medical: 3, card: 10 };
  assert.deepEqual(
    longestPath(chain, (k) => days[k]),
    { days: 13, path: ['birth', 'hukou', 'card'] },
  );
  // Without the card, the path ends at medical.
  assert.deepEqual(
    longestPath(chain, (k) => days[k], new Set(['birth', 'hukou', 'medical'])),
    { days: 6, path: ['birth', 'hukou', 'medical'] },
  );
  // Three parallel members: the longest alone.
  assert.deepEqual(
    longestPath(
      [
        { key: 'a', dependsOn: [] },
        { key: 'b', dependsOn: [] },
        { key: 'c', dependsOn: [] },
      ],
      (k) => ({ a: 5, b: 9, c: 9 })[k]!,
    ),
    { days: 9, path: ['b'] },
  );
  assert.deepEqual(
    longestPath([], () => 0),
    { days: 0, path: [] },
  );
});

test('conditions include or exclude a member on an answer of the merged form', () => {
  const members = [
    { key: 'a', condition: null },
    { key: 'sign', condition: { field: 'hasSign', op: 'includeWhen' as const, values: [true] } },
    { key: 'hygiene', condition: { field: 'kind', op: 'excludeWhen' as const, values: ['饭馆', '咖啡馆'] } },
  ];
  const rows: [Record<string, never> | Record<string, boolean | string | string[]> | undefined, string[]][] = [
    [undefined, ['a', 'sign', 'hygiene']], // a guide: every member
    [{}, ['a', 'hygiene']], // unanswered: includeWhen includes nothing, excludeWhen excludes nothing
    [{ hasSign: true, kind: '饭馆' }, ['a', 'sign']],
    [{ hasSign: false, kind: '宾馆' }, ['a', 'hygiene']],
    [{ hasSign: true, kind: ['宾馆', '咖啡馆'] }, ['a', 'sign']], // a checkbox matches on any choice
  ];
  for (const [answers, expected] of rows) assert.deepEqual([...includedMembers(members, answers)], expected, JSON.stringify(answers));
});

test('the merged form asks a fact once, keeps member fields no bundle field answers, and shows provenance', () => {
  const form = mergeForm(DEF, FACTS);
  assert.equal(form.before, 9); // 3 + 3 + 2 + 1
  assert.deepEqual(
    form.fields.map((f) => f.key),
    ['name', 'address', 'hasSign', 'lic__phone', 'food__seats', 'fire__area', 'sign__signSize'],
  );
  assert.equal(form.after, 7);
  const name = form.fields[0];
  assert.equal(name.required, true); // lic requires it
  assert.equal(name.schema.title, '名称');
  assert.deepEqual(name.maps, DEF.fields[0].maps);
  assert.equal(form.fields[1].required, false);
  assert.equal(form.fields.find((f) => f.key === 'lic__phone')!.schema.format, 'cn-mobile');
});

test('a merged field over member fields of different types or formats is refused at definition time', () => {
  const withField = (maps: { member: string; field: string }[]) => ({ ...DEF, fields: [{ key: 'x', title: 'x', maps }] });
  // A phone (string, cn-mobile) and a name (string, no format): formats differ.
  const format = code(() =>
    mergeForm(
      withField([
        { member: 'lic', field: 'phone' },
        { member: 'food', field: 'entityName' },
      ]),
      FACTS,
    ),
  );
  assert.equal(format.code, 'BUNDLE_FIELD_CONFLICT');
  assert.equal(format.details.memberField, 'food.entityName');
  // A text and a number: types differ.
  assert.equal(
    code(() =>
      mergeForm(
        withField([
          { member: 'food', field: 'shopAddress' },
          { member: 'fire', field: 'area' },
        ]),
        FACTS,
      ),
    ).code,
    'BUNDLE_FIELD_CONFLICT',
  );
  // Two numbers agree.
  assert.equal(
    mergeForm(
      {
        members: DEF.members.map((m) => ({ ...m, condition: null })),
        fields: [
          {
            key: 'x',
            title: 'x',
            maps: [
              { member: 'food', field: 'seats' },
              { member: 'fire', field: 'area' },
            ],
          },
        ],
      },
      FACTS,
    ).after,
    1 + 7, // one merged field, and the seven member fields it does not answer
  );
  assert.equal(code(() => mergeForm(withField([{ member: 'lic', field: 'nope' }]), FACTS)).code, 'BUNDLE_FIELD_UNKNOWN');
  assert.equal(
    code(() =>
      mergeForm(
        {
          ...DEF,
          fields: [
            { key: 'a', title: 'a', maps: [{ member: 'lic', field: 'name' }] },
            { key: 'b', title: 'b', maps: [{ member: 'lic', field: 'name' }] },
          ],
        },
        FACTS,
      ),
    ).code,
    'BUNDLE_FIELD_MAPPED_TWICE',
  );
  // A condition must name a field of the merged form.
  assert.equal(code(() => mergeForm({ ...DEF, fields: DEF.fields.slice(0, 2) }, FACTS)).code, 'BUNDLE_CONDITION_INVALID');
});

test('merged materials: one per licence type or name and standard; 免提交 from upstream, e-licences and shared data', () => {
  const merged = mergeMaterials(DEF.members, FACTS);
  const summary = merged.map((m) => [m.name, m.members.length, m.exempt]);
  assert.deepEqual(summary, [
    ['设立登记申请书', 1, null],
    ['居民身份证', 1, 'license'],
    ['经营场所使用证明', 2, null], // lic and food: same name and standard
    ['营业执照', 2, 'upstream'], // food asks it of the applicant, but lic produces it
    ['食品经营许可申请书', 1, null],
    ['平面布局图', 1, null],
    ['消防设计审查意见', 1, 'shared'],
    ['招牌设计效果图', 1, null],
  ]);
  // The same name with another standard is another material.
  const other = new Map(FACTS);
  other.set('food', { ...FACTS.get('food')!, materials: [mat('premises', '经营场所使用证明', { acceptanceStandard: '附租赁合同' })] });
  assert.equal(mergeMaterials(DEF.members, other).filter((m) => m.name === '经营场所使用证明').length, 2);
  // Without its dependency on lic, food's 营业执照 is no longer upstream: fire's e-licence still makes it 免提交.
  const parallel = DEF.members.map((m) => ({ ...m, dependsOn: [] }));
  assert.equal(mergeMaterials(parallel, FACTS).find((m) => m.name === '营业执照')!.exempt, 'license');
  // A result flows down only to the members that wait for it: when fire no longer waits for lic and asks the
  // applicant for the licence, food's being upstream does not excuse fire's, and the applicant gives it once.
  const fireAlone = DEF.members.map((m) => (m.key === 'fire' ? { ...m, dependsOn: [] } : m));
  const fireAsks = new Map(FACTS);
  fireAsks.set('fire', { ...FACTS.get('fire')!, materials: [mat('business_license', '营业执照', { licenseTypeCode: BL })] });
  const license = mergeMaterials(fireAlone, fireAsks).find((m) => m.name === '营业执照')!;
  assert.deepEqual([license.members.length, license.exempt], [2, null]);
});

test('the worked example: reductions of every measure, as hand-computed in docs/modules/bundles.md', () => {
  const { reductions, included } = computeReductions(DEF, FACTS);
  assert.deepEqual(included, ['lic', 'food', 'fire', 'sign']);
  assert.deepEqual(reductions, {
    members: 4,
    materials: { before: 10, after: 5, ratio: 50 }, // 3+4+2+1; 8 distinct less 3 免提交
    days: { before: 20, after: 8, ratio: 60 }, // 0+5+8+7; longest path lic → fire = 0 + 8
    visits: { before: 3, after: 1, ratio: 66.67 },
    steps: { before: 13, after: 3, ratio: 76.92 },
    fields: { before: 9, after: 7, ratio: 22.22 },
    longestPath: { days: 8, path: ['lic', 'fire'] },
  });
  // The bundle's own promise replaces the path.
  assert.deepEqual(computeReductions({ ...DEF, promisedDays: 10 }, FACTS).reductions.days, { before: 20, after: 10, ratio: 50 });
  // An applicant without a sign: the sign member drops out of every measure.
  const noSign = computeReductions(DEF, FACTS, { hasSign: false }).reductions;
  assert.equal(noSign.members, 3);
  assert.deepEqual(noSign.materials, { before: 9, after: 4, ratio: 55.56 });
  assert.deepEqual(noSign.days, { before: 13, after: 8, ratio: 38.46 });
  assert.deepEqual(noSign.visits, { before: 2, after: 1, ratio: 50 });
});

test('a promise above the members’ sums or below the longest path is refused; a member without facts is unknown', () => {
  const over = code(() => computeReductions({ ...DEF, promisedDays: 21, visits: 4 }, FACTS));
  assert.equal(over.code, 'BUNDLE_PROMISE_INVALID');
  assert.deepEqual(
    (over.details.over as { measure: string }[]).map((o) => o.measure),
    ['days', 'visits'],
  );
  // Fewer days than the longest path (lic → fire, 8): the members keep their own promises.
  const short = code(() => computeReductions({ ...DEF, promisedDays: 7 }, FACTS));
  assert.equal(short.code, 'BUNDLE_PROMISE_INVALID');
  assert.deepEqual(short.details.longestPath, { days: 8, path: ['lic', 'fire'] });
  const missing = new Map(FACTS);
  missing.delete('fire');
  assert.equal(code(() => computeReductions(DEF, missing)).code, 'BUNDLE_MEMBER_UNKNOWN');
});

test('overall reductions are ratios of totals, not averages of ratios', () => {
  const a = { materials: { before: 10, after: 5 }, days: { before: 20, after: 8 }, visits: { before: 3, after: 1 }, steps: { before: 13, after: 3 } };
  const b = { materials: { before: 12, after: 11 }, days: { before: 5, after: 5 }, visits: { before: 2, after: 1 }, steps: { before: 6, after: 3 } };
  const withRatio = (r: typeof a) => Object.fromEntries(Object.entries(r).map(([k, m]) => [k, { ...m, ratio: reductionPercent(m.before, m.after) }])) as never;
  const all = overallReductions([withRatio(a), withRatio(b)]);
  assert.equal(all.bundles, 2);
  // (22 − 16) ÷ 22 = 27.27 %, where the mean of 50 % and 8.33 % would be 29.17 %.
  assert.deepEqual(all.materials, { before: 22, after: 16, ratio: 27.27, averageBefore: 11, averageAfter: 8 });
  assert.deepEqual(all.days, { before: 25, after: 13, ratio: 48, averageBefore: 12.5, averageAfter: 6.5 });
  assert.deepEqual(all.visits, { before: 5, after: 2, ratio: 60, averageBefore: 2.5, averageAfter: 1 });
  // How a bureau's "申报材料总体压缩13.62%，办理时限总体压缩28.72%" is formed: totals of 1226 → 1059 materials, 1532 → 1092 days.
  const seed = overallReductions([
    { materials: { before: 1000, after: 900, ratio: 10 }, days: { before: 1500, after: 1080, ratio: 28 }, visits: a.visits as never, steps: a.steps as never },
    { materials: { before: 226, after: 159, ratio: 29.65 }, days: { before: 32, after: 12, ratio: 62.5 }, visits: a.visits as never, steps: a.steps as never },
  ]);
  assert.equal(seed.materials.ratio, 13.62);
  assert.equal(seed.days.ratio, 28.72);
  assert.equal(overallReductions([]).materials.ratio, null);
});
