import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeLists } from '../../platform/code-lists.ts';
import { basisOf, itemTypeRules } from './item-type-rules.ts';
import { NOTICE_KINDS, noticeText, type NoticeCase } from './cases.notices.ts';
import { barredFromActiveStep, requiresSeparateActor } from './cases.state.ts';

// Each item type of GB/T 39046-2020 A: its outcome words, whether art. 32 applies, and the decision's titles.
const TABLE: [code: string, granted: string, denied: string, deemed: boolean, decisionGranted: string, decisionDenied: string][] = [
  ['01', '准予许可', '不予许可', true, '准予行政许可决定书', '不予行政许可决定书'],
  ['07', '予以确认', '不予确认', false, '行政确认决定书', '不予确认决定书'],
  ['05', '予以给付', '不予给付', false, '行政给付决定书', '不予给付决定书'],
  ['08', '予以奖励', '不予奖励', false, '行政奖励决定书', '不予奖励决定书'],
  ['09', '作出裁决', '驳回申请', false, '行政裁决书', '驳回申请决定书'],
  ['20', '办结', '不予办理', false, '办结通知书', '不予办理通知书'],
  ['00', '准予办理', '不予办理', false, '准予办理决定书', '不予办理决定书'],
  ['10', '准予办理', '不予办理', false, '准予办理决定书', '不予办理决定书'],
  ['21', '办结', '不予办理', false, '办结通知书', '不予办理通知书'],
];

test('each item type has its outcome words, art. 32 only for 行政许可, and its decision titles', () => {
  for (const [code, granted, denied, deemed, titleGranted, titleDenied] of TABLE) {
    const r = itemTypeRules(code);
    assert.deepEqual(
      [r.outcome.granted.zh, r.outcome.denied.zh, r.deemedAcceptance, r.titles.decisionGranted, r.titles.decisionDenied],
      [granted, denied, deemed, titleGranted, titleDenied],
      code,
    );
  }
});

test('every code of the item-type code list has rules, and only 行政许可 cites 行政许可法', () => {
  for (const { code } of codeLists.item_type) {
    const r = itemTypeRules(code);
    assert.equal(r.law !== null, code === '01', code);
    assert.equal(r.deemedAcceptance, code === '01', code);
  }
});

test('the legal basis: 行政许可法 articles for 行政许可, the item’s own 设定依据 for the others', () => {
  assert.equal(basisOf(itemTypeRules('01'), 'grant', '《食品安全法》第三十五条'), '《中华人民共和国行政许可法》第三十八条第一款');
  assert.equal(basisOf(itemTypeRules('20'), 'acceptance', '《中华人民共和国社会保险法》第五十八条。'), '《中华人民共和国社会保险法》第五十八条');
  assert.equal(basisOf(itemTypeRules('07'), 'deny', '  '), '本事项的设定依据');
});

/** A case that reached every notice: received, corrected, accepted (deemed), refused and decided. */
function caseOf(itemType: string, outcome: '0' | '1'): NoticeCase {
  const e = (type: string, data: Record<string, unknown> = {}) => ({ type, at: '2025-03-03T01:00:00.000Z', onDay: '2025-03-03', actor: '张审批', data });
  return {
    number: '20250303000001',
    applicant: { kind: 'person', name: '周小明', idNumberMasked: '3406**********0011', contactPhoneMasked: null },
    implementation: {
      code: 'X',
      name: '社会保障卡申领',
      department: '淮北市人力资源和社会保障局',
      region: '淮北市',
      versionNumber: 1,
      caseType: '2',
      itemType,
      legalBasis: '《中华人民共和国社会保险法》第五十八条',
    },
    clock: {
      acceptedOn: '2025-03-03',
      deadline: '2025-03-10',
      legalDeadline: '2025-03-31',
      remainingWorkingDays: 5,
      warning: 'none',
      paused: false,
      deemedAccepted: true,
      extended: false,
      calendarMissingYear: null,
      undetermined: [],
      stoppedOn: null,
    },
    materials: [],
    timeline: [
      e('correction_requested', { items: [{ materialKey: null, note: '照片不清晰' }] }),
      e('refused', { reason: '不属于本机关职权范围', legalBasis: '《…》' }),
      e('decided', { outcome, reason: outcome === '1' ? '不符合条件' : null, legalBasis: outcome === '1' ? '《…》' : null }),
      e('decision_revoked', {
        materialKey: 'residence',
        materialName: '居住证明',
        facts: '经数据核查，申请人未在承诺地址居住',
        method: 'data',
        checkedOn: '2025-03-20',
        reason: '承诺不实，依法撤销',
        identifiers: ['X1'],
      }),
    ],
    outcome,
    receivedOn: '2025-03-03',
    decidedOn: '2025-03-03',
  };
}

test('the revocation notice waits for a revocation, and each family has its own title', () => {
  const c = caseOf('01', '0');
  assert.equal(noticeText('revocation', { ...c, timeline: c.timeline.filter((e) => e.type !== 'decision_revoked') }), undefined);
  const titles = new Set(['01', '05', '07', '08', '09', '20', '00'].map((code) => itemTypeRules(code).revocation.title));
  assert.equal(titles.size, 7);
  assert.equal(itemTypeRules('01').revocation.title, '撤销行政许可决定书');
});

test('every notice of every item type cites its law and words: no 行政许可法 and no 许可 wording outside 行政许可', () => {
  for (const { code } of codeLists.item_type) {
    const r = itemTypeRules(code);
    for (const outcome of ['0', '1'] as const) {
      for (const kind of NOTICE_KINDS) {
        const n = noticeText(kind, caseOf(code, outcome));
        assert.ok(n, `${code} ${kind}`);
        const all = [n.title, ...n.paragraphs].join('\n');
        const where = `${code} ${kind} ${outcome}`;
        if (code === '01') {
          if (kind !== 'refusal') assert.match(all, /行政许可法/, where);
        } else {
          assert.doesNotMatch(all, /行政许可|许可法|准予许可|不予许可|视为受理|即为受理/, where);
          if (kind === 'acceptance' || kind === 'correction' || kind === 'decision' || kind === 'revocation')
            assert.match(all, /社会保险法》第五十八条/, where);
        }
        if (kind === 'decision') {
          assert.equal(n.title, outcome === '0' ? r.titles.decisionGranted : r.titles.decisionDenied, where);
          assert.match(all, new RegExp(`决定${outcome === '0' ? r.decided.granted : r.decided.denied}`), where);
        }
        if (kind === 'refusal') assert.equal(n.title, code === '01' ? '不予受理决定书' : '不予受理通知书', where);
        if (kind === 'revocation') {
          // A false pledge: the type's revocation title, what it revokes, the guideline on pledges, the licence, the record.
          assert.equal(n.title, r.revocation.title, where);
          assert.match(all, new RegExp(`决定撤销上述${r.revocation.revoked}`), where);
          assert.match(all, /国办发〔2020〕42号/, where);
          assert.match(all, /居住证明[\s\S]*未在承诺地址居住[\s\S]*X1[\s\S]*承诺不实记录/, where);
          assert.match(all, /行政复议/, where);
          if (code === '01') assert.match(all, /行政许可法》第六十九条第二款/, where);
        }
      }
    }
  }
  // The 行政许可 acceptance says it was deemed accepted; the receipt warns of art. 32.
  assert.match(noticeText('acceptance', caseOf('01', '0'))!.paragraphs.join(''), /自收到申请材料之日起即为受理/);
  assert.match(noticeText('receipt', caseOf('01', '0'))!.paragraphs.join(''), /五个工作日内未告知补正/);
});

test('separation of duties: on for 决定 unless the step says otherwise; whoever did an earlier step is barred', () => {
  assert.equal(requiresSeparateActor({ key: 'decide', name: '决定' }), true);
  assert.equal(requiresSeparateActor({ key: 'review', name: '审查' }), false);
  assert.equal(requiresSeparateActor({ key: 'decide', name: '决定', separateDuties: false }), false);
  assert.equal(requiresSeparateActor({ key: 'review', name: '审查', separateDuties: true }), true);
  const steps = [
    { position: 0, status: 'done', assigneeUserId: 7, stepKey: 'review', name: '审查' },
    { position: 1, status: 'active', assigneeUserId: null, stepKey: 'decide', name: '决定' },
  ];
  assert.deepEqual([...barredFromActiveStep(steps, [])], [7]);
  assert.deepEqual([...barredFromActiveStep(steps, [{ key: 'decide', name: '决定', separateDuties: false }])], []);
  // While the first step is active, nobody is barred.
  assert.deepEqual(
    [
      ...barredFromActiveStep(
        [
          { ...steps[0], status: 'active' },
          { ...steps[1], status: 'pending' },
        ],
        [],
      ),
    ],
    [],
  );
});
