import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, harmonisationTable, type BundleFacts } from './bundles.harmonisation.core.ts';

// 二次统筹 of bundles (ADR 0045): the template is the reference; lists compare as sets, steps in order; the lead
// department is each region's own.
const TEMPLATE: BundleFacts = {
  members: ['营业执照', '食品经营许可', '户外招牌'],
  dependencies: ['营业执照 → 食品经营许可', '营业执照 → 户外招牌'],
  conditions: ['户外招牌：hasSign includeWhen true'],
  promisedDays: 5,
  materials: 6,
  visits: 0,
  steps: ['一窗受理', '并联审批', '一窗出件'],
  onMemberRefused: 'hold',
  leadDepartment: '市市场监管局',
};
const row = (rows: ReturnType<typeof harmonisationTable>, element: string) => rows.find((r) => r.element === element)!;

test('an adoption equal to the template, its members listed in another order and led by its own department, agrees', () => {
  const same = { ...TEMPLATE, members: [...TEMPLATE.members].reverse(), leadDepartment: '区市场监管局' };
  const rows = harmonisationTable([
    { key: 'city', facts: TEMPLATE },
    { key: 'district', facts: same },
  ]);
  assert.deepEqual(
    rows.filter((r) => r.differs).map((r) => r.element),
    [],
  );
  assert.equal(row(rows, 'leadDepartment').local, true);
  assert.deepEqual(agreement(rows, ['city', 'district']), { agreeing: 1, adoptions: 1 });
});

test('a member left out differs in members, dependencies and conditions, naming what is missing', () => {
  const without = {
    ...TEMPLATE,
    members: ['营业执照', '食品经营许可'],
    dependencies: ['营业执照 → 食品经营许可'],
    conditions: [],
    materials: 5,
    visits: 1,
  };
  const rows = harmonisationTable([
    { key: 'city', facts: TEMPLATE },
    { key: 'same', facts: TEMPLATE },
    { key: 'county', facts: without },
  ]);
  assert.deepEqual(
    rows.filter((r) => r.differs).map((r) => r.element),
    ['members', 'dependencies', 'conditions', 'materials', 'visits'],
  );
  const members = row(rows, 'members').cells;
  assert.deepEqual(
    members.map((c) => c.differs),
    [false, false, true],
  );
  assert.deepEqual(members[2].missing, ['户外招牌']);
  assert.deepEqual(members[2].extra, []);
  assert.equal(row(rows, 'materials').cells[2].value, '5');
  assert.deepEqual(agreement(rows, ['city', 'same', 'county']), { agreeing: 1, adoptions: 2 });
});

test('steps compare in order; an unknown count shows as a dash and differs from a known one', () => {
  const reordered = { ...TEMPLATE, steps: ['并联审批', '一窗受理', '一窗出件'], materials: null };
  const rows = harmonisationTable([
    { key: 'city', facts: TEMPLATE },
    { key: 'district', facts: reordered },
  ]);
  assert.equal(row(rows, 'steps').differs, true);
  assert.equal(row(rows, 'materials').cells[1].value, '—');
  assert.equal(row(rows, 'materials').differs, true);
});

test('a template alone has nothing to differ from', () => {
  const rows = harmonisationTable([{ key: 'city', facts: TEMPLATE }]);
  assert.ok(rows.every((r) => !r.differs));
  assert.deepEqual(agreement(rows, ['city']), { agreeing: 0, adoptions: 0 });
});
