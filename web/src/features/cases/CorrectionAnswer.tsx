// The applicant's answer to a correction notice (一次性告知): every listed item addressed — a new file, the named field
// edited, or a note — and confirmed before it is sent (the server checks the same: cases.corrections.ts).
import { Alert, Button, Card, Checkbox, Input, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n.ts';
import { fieldsOf } from '../catalog/index.tsx';
import { caseApi } from './caseApi.ts';
import { openCorrection } from './caseFacts.ts';
import { FilePick } from './FilePick.tsx';
import { useCaseAction } from './useCaseAction.ts';
import type { CaseDetail } from '../../api/types.ts';

type Kind = 'file' | 'field' | 'note';
interface Draft {
  kind: Kind | null;
  value: string;
  note: string;
}

/** The ways an item can be answered: its material's file or its field, and always a note. */
export function kindsFor(item: { materialKey?: string | null; field?: string | null }): Kind[] {
  return [...(item.materialKey ? (['file'] as const) : []), ...(item.field ? (['field'] as const) : []), 'note'];
}

export function CorrectionAnswer({ detail: d, reload }: { detail: CaseDetail; reload: () => void }) {
  const t = useT();
  const run = useCaseAction(reload);
  const items = openCorrection(d) ?? [];
  const fields = fieldsOf(d.form);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    items.map((i) => ({
      kind: i.field ? 'field' : i.materialKey ? 'file' : 'note',
      value: i.field ? String(d.formData[i.field] ?? '') : '',
      note: '',
    })),
  );
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: number, patch: Partial<Draft>) => setDrafts((all) => all.map((x, i) => (i === k ? { ...x, ...patch } : x)));
  const material = (key: string | null | undefined) => d.materials.find((m) => m.key === key);
  const fieldOf = (key: string | null | undefined) => fields.find((f) => f.key === key);

  /** Whether an item's answer is complete as drafted (the server has the last word). */
  const done = (k: number): boolean => {
    const i = items[k];
    const x = drafts[k];
    if (x.kind === 'note') return x.note.trim().length >= 2;
    if (x.kind === 'file') return !!material(i.materialKey)?.replacedSinceCorrection;
    if (x.kind === 'field') return !!i.field && x.value !== String(d.formData[i.field] ?? '');
    return false;
  };
  const allDone = items.every((_, k) => done(k));

  const valueOf = (k: number) => {
    const f = fieldOf(items[k].field);
    const raw = drafts[k].value.trim();
    return f && f.widget === 'number' && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  };
  const send = async () => {
    setBusy(true);
    const answers = drafts.map((x, k) =>
      x.kind === 'field'
        ? { item: k, kind: x.kind, value: valueOf(k) }
        : x.kind === 'note'
          ? { item: k, kind: 'note' as const, note: x.note.trim() }
          : { item: k, kind: 'file' as const },
    );
    await run(() => caseApi.act(d.number, 'answer-correction', { version: d.version, answers, confirmed: true }), t('case.answered'));
    setBusy(false);
  };

  return (
    <Card title={t('case.nextTitle')} className="block-gap case-next-card" data-testid="case-next" data-next={d.next}>
      <Typography.Paragraph>{t('case.next.answer_correction')}</Typography.Paragraph>
      <div className="material-list">
        {items.map((i, k) => {
          const m = material(i.materialKey);
          const f = fieldOf(i.field);
          const x = drafts[k];
          const title = m?.name ?? (f ? f.label || f.key : t('case.correctionGeneral'));
          return (
            <div key={k} className="correction-item" data-testid={`correction-item-${k}`} data-done={String(done(k))}>
              <div className="material-row-main">
                <Typography.Text strong>
                  {k + 1}. {title}
                </Typography.Text>{' '}
                {done(k) ? <Tag color="green">{t('correction.itemDone')}</Tag> : <Tag color="orange">{t('correction.itemOpen')}</Tag>}
                <div>{i.note}</div>
              </div>
              {kindsFor(i).length > 1 && (
                <Radio.Group
                  value={x.kind}
                  onChange={(e) => set(k, { kind: e.target.value as Kind })}
                  optionType="button"
                  size="small"

                  aria-label={t('correction.how')}
                  data-testid={`correction-kind-${k}`}
                  options={kindsFor(i).map((kind) => ({ value: kind, label: t(`correction.kind.${kind}`) }))}
                />
              )}
              {x.kind === 'file' && m && (
                <div className="material-row">
                  <Typography.Text type="secondary" className="small-text">
                    {m.replacedSinceCorrection && m.fileName ? t('material.uploaded', { name: m.fileName }) : t('correction.needNewFile')}
                  </Typography.Text>
                  <FilePick
                    testId={`correction-file-${m.key}`}
                    label={t('material.reupload')}
                    primary={!m.replacedSinceCorrection}
                    onPick={async (file) => {
                      await caseApi.upload(d.number, m.key, file);
                      reload();
                    }}
                  />
                </div>
              )}
              {x.kind === 'field' && (
                <Input
                  value={x.value}
                  onChange={(e) => set(k, { value: e.target.value })}
                  aria-label={title}
                  maxLength={1000}
                  data-testid={`correction-field-${i.field}`}
                />
              )}
              {x.kind === 'note' && (
                <Input.TextArea
                  value={x.note}
                  onChange={(e) => set(k, { note: e.target.value })}
                  placeholder={t('case.correctionNote')}
                  aria-label={`${title}：${t('case.correctionNote')}`}
                  autoSize={{ minRows: 1 }}
                  maxLength={1000}
                  data-testid={`correction-note-${k}`}
                />
              )}
            </div>
          );
        })}
      </div>
      {!allDone && <Alert type="info" showIcon className="block-gap" title={t('correction.answerEach')} />}
      <div className="block-gap">
        <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="correction-confirm">
          {t('correction.confirm')}
        </Checkbox>
      </div>
      <Button type="primary" loading={busy} disabled={!allDone || !confirmed} onClick={send} data-testid="case-answer">
        {t('case.answer')}
      </Button>
    </Card>
  );
}
