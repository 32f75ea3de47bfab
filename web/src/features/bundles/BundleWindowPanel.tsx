import { CheckOutlined, FileSearchOutlined, SendOutlined, StopOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import type { Reply } from '../../api/types.ts';
import { levelLabel, useRatingOptions } from '../ratings/index.tsx';
import { bundleCaseApi } from './bundleCaseApi.ts';

type Detail = Reply<'/api/bundle-cases/{number}'>;
type Window = Detail['window'];

const WARNING_COLOR = { none: 'green', amber: 'orange', red: 'red' } as const;

/** A warning in a word (红黄牌): 正常, 临近 (amber), 超期 (red). */
export function WarningTag({ warning, testId }: { warning: 'none' | 'amber' | 'red'; testId?: string }) {
  const t = useT();
  return (
    <Tag color={WARNING_COLOR[warning]} data-testid={testId} data-warning={warning}>
      {t(`bundleWindow.warning.${warning}`)}
    </Tag>
  );
}

/**
 * The bundle case at the window (ADR 0037), as its applicant and the window clerk see it: the stage, the bundle's
 * clock (the longest path of member deadlines), a partial outcome when a member was not granted, the one correction
 * notice and the applicant's one answer, the clerk's one acceptance, refusal, notice and delivery, and the one rating.
 */
export function BundleWindowPanel({ d, reload }: { d: Detail; reload: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const showError = useShowError();
  const w: Window = d.window;
  const names = new Map(d.members.map((m) => [m.key, m.name]));
  const [busy, setBusy] = useState(false);
  const [modal, setModal] = useState<'refuse' | 'correction' | 'deliver' | null>(null);
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [items, setItems] = useState<{ member: string; target: string; note: string }[]>([{ member: '', target: '', note: '' }]);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [method, setMethod] = useState<'window' | 'post' | 'electronic'>('window');
  const [tracking, setTracking] = useState('');
  const options = useRatingOptions();
  const [level, setLevel] = useState<'1' | '2' | '3' | '4' | '5'>();
  const [indicators, setIndicators] = useState<string[]>([]);

  const run = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      message.success(done);
      setModal(null);
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const targetsOf = (member: string) => w.correctionTargets.find((x) => x.member === member);
  const noticeItems = () =>
    items
      .filter((i) => i.member && i.note.trim())
      .map((i) => ({
        member: i.member,
        materialKey: i.target.startsWith('m:') ? i.target.slice(2) : null,
        field: i.target.startsWith('f:') ? i.target.slice(2) : null,
        note: i.note.trim(),
      }));
  const answers = () =>
    (w.correction?.items ?? []).map((item, i) =>
      item.materialKey ? { item: i, kind: 'file' as const } : { item: i, kind: 'note' as const, note: (notes[i] ?? '').trim() },
    );

  return (
    <Card title={t('bundleWindow.title')} className="block-gap" data-testid="bundle-window" data-stage={w.stage}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('bundleWindow.stage')}>
          <Tag color="blue" data-testid="bundle-window-stage" data-stage={w.stage}>
            {t(`bundleWindow.stage.${w.stage}`)}
          </Tag>
        </Descriptions.Item>
        {w.acceptedOn && <Descriptions.Item label={t('bundleWindow.acceptedOn')}>{w.acceptedOn}</Descriptions.Item>}
        <Descriptions.Item label={t('bundleWindow.expectedFinish')}>
          <Space>
            <span data-testid="bundle-expected-finish">{w.clock.expectedFinish ?? t('bundleWindow.notYet')}</span>
            {w.clock.path.length > 0 && (
              <Typography.Text type="secondary">{t('bundleWindow.path', { path: w.clock.path.map((k) => names.get(k) ?? k).join(' → ') })}</Typography.Text>
            )}
            <WarningTag warning={w.clock.warning} testId="bundle-warning" />
          </Space>
        </Descriptions.Item>
        {w.clock.promisedFinish && <Descriptions.Item label={t('bundleWindow.promisedFinish')}>{w.clock.promisedFinish}</Descriptions.Item>}
        <Descriptions.Item label={t('bundleWindow.policy')}>{t(`bundleWindow.policy.${w.clock.onMemberRefused}`)}</Descriptions.Item>
        {w.refusedReason && <Descriptions.Item label={t('bundleWindow.refusedReason')}>{w.refusedReason}</Descriptions.Item>}
        {w.delivery && (
          <Descriptions.Item label={t('bundleWindow.delivery')}>
            <span data-testid="bundle-delivery">
              {t(`bundleWindow.method.${w.delivery.method as 'window' | 'post' | 'electronic'}`)} · {w.delivery.on}
              {w.delivery.trackingNumber ? ` · ${w.delivery.trackingNumber}` : ''}
            </span>
          </Descriptions.Item>
        )}
        {w.rating && (
          <Descriptions.Item label={t('bundleWindow.rating')}>
            <span data-testid="bundle-rating">{levelLabel(options, w.rating.level, lang)}</span>
          </Descriptions.Item>
        )}
      </Descriptions>

      {w.partialOutcomes.map((p, i) => (
        <Alert
          key={i}
          className="block-gap"
          type="warning"
          showIcon
          data-testid="bundle-partial-outcome"
          title={t('bundleWindow.partialTitle', { name: names.get(p.member) ?? p.member })}
          description={t(`bundleWindow.partial.${p.policy}`, {
            names: [...p.held, ...p.withdrawn, ...p.continued].map((k) => names.get(k) ?? k).join('、') || '—',
          })}
        />
      ))}

      {w.correction && (
        <Alert
          className="block-gap"
          type="warning"
          showIcon
          data-testid="bundle-correction"
          title={t('bundleWindow.correctionTitle')}
          description={
            <Space direction="vertical" style={{ width: '100%' }}>
              {w.correction.items.map((item, i) => (
                <div key={i} data-testid={`bundle-correction-item-${i}`}>
                  <Typography.Text strong>【{item.memberName}】</Typography.Text> {item.note}
                  {w.mayResubmit && !item.materialKey && (
                    <Input
                      aria-label={t('bundleWindow.answerNote')}
                      placeholder={t('bundleWindow.answerNote')}
                      value={notes[i] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [i]: e.target.value })}
                      data-testid={`bundle-correction-answer-${i}`}
                      maxLength={500}
                    />
                  )}
                  {w.mayResubmit && item.materialKey && <Typography.Text type="secondary"> {t('bundleWindow.answerFile')}</Typography.Text>}
                </div>
              ))}
              {w.mayResubmit && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy}
                  data-testid="bundle-resubmit"
                  onClick={() => run(() => bundleCaseApi.resubmit(d.number, d.version, answers()), t('bundleWindow.resubmitted'))}
                >
                  {t('bundleWindow.resubmit')}
                </Button>
              )}
            </Space>
          }
        />
      )}

      <Space className="block-gap" wrap>
        {w.mayAccept && (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy}
              data-testid="bundle-accept"
              onClick={() => run(() => bundleCaseApi.accept(d.number, d.version), t('bundleWindow.accepted'))}
            >
              {t('bundleWindow.accept')}
            </Button>
            <Button icon={<FileSearchOutlined />} data-testid="bundle-correction-open" onClick={() => setModal('correction')}>
              {t('bundleWindow.requestCorrection')}
            </Button>
            <Button danger icon={<StopOutlined />} data-testid="bundle-refuse-open" onClick={() => setModal('refuse')}>
              {t('bundleWindow.refuse')}
            </Button>
          </>
        )}
        {w.mayDeliver && (
          <Button type="primary" icon={<SendOutlined />} data-testid="bundle-deliver-open" onClick={() => setModal('deliver')}>
            {t('bundleWindow.deliver')}
          </Button>
        )}
      </Space>

      {w.mayRate && (
        <Card size="small" className="block-gap" title={t('bundleWindow.rateTitle')} data-testid="bundle-rate">
          <Space direction="vertical">
            <Radio.Group value={level} onChange={(e) => setLevel(e.target.value)} aria-label={t('bundleWindow.rateTitle')}>
              {(options?.levels ?? []).map((l) => (
                <Radio key={l.code} value={l.code} data-testid={`bundle-rate-level-${l.code}`}>
                  {l[lang]}
                </Radio>
              ))}
            </Radio.Group>
            <Checkbox.Group
              value={indicators}
              onChange={(v) => setIndicators(v as string[])}
              options={(options?.indicators.online ?? []).map((i) => ({ value: i.code, label: i[lang] }))}
            />
            <Button
              type="primary"
              icon={<StarOutlined />}
              disabled={!level}
              loading={busy}
              data-testid="bundle-rate-submit"
              onClick={() => level && run(() => bundleCaseApi.rate(d.number, level, indicators), t('bundleWindow.rated'))}
            >
              {t('bundleWindow.rate')}
            </Button>
          </Space>
        </Card>
      )}

      <Modal
        open={modal === 'refuse'}
        title={t('bundleWindow.refuse')}
        okButtonProps={{ danger: true, disabled: !reason.trim() || !legalBasis.trim(), loading: busy, 'data-testid': 'bundle-refuse-ok' } as ButtonProps}
        onCancel={() => setModal(null)}
        onOk={() => run(() => bundleCaseApi.refuse(d.number, d.version, reason.trim(), legalBasis.trim()), t('bundleWindow.refused'))}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={t('bundleWindow.reason')}
            placeholder={t('bundleWindow.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
          <Input
            aria-label={t('bundleWindow.legalBasis')}
            placeholder={t('bundleWindow.legalBasis')}
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.target.value)}
            maxLength={500}
          />
        </Space>
      </Modal>

      <Modal
        open={modal === 'correction'}
        width={720}
        title={t('bundleWindow.requestCorrection')}
        okButtonProps={{ disabled: noticeItems().length === 0, loading: busy, 'data-testid': 'bundle-correction-ok' } as ButtonProps}
        onCancel={() => setModal(null)}
        onOk={() => run(() => bundleCaseApi.correction(d.number, d.version, noticeItems()), t('bundleWindow.correctionSent'))}
      >
        <p>{t('bundleWindow.correctionHint')}</p>
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={items}
          columns={[
            {
              title: t('bundles.members'),
              key: 'member',
              render: (_: unknown, item, i) => (
                <Select
                  aria-label={t('bundles.members')}
                  style={{ minWidth: 160 }}
                  value={item.member || undefined}
                  data-testid={`bundle-correction-member-${i}`}
                  options={w.correctionTargets.map((x) => ({ value: x.member, label: names.get(x.member) ?? x.member }))}
                  onChange={(v: string) => setItems(items.map((x, j) => (j === i ? { ...x, member: v, target: '' } : x)))}
                />
              ),
            },
            {
              title: t('bundleWindow.target'),
              key: 'target',
              render: (_: unknown, item, i) => (
                <Select
                  aria-label={t('bundleWindow.target')}
                  style={{ minWidth: 180 }}
                  allowClear
                  value={item.target || undefined}
                  data-testid={`bundle-correction-target-${i}`}
                  options={[
                    ...(targetsOf(item.member)?.materials ?? []).map((m) => ({ value: `m:${m.key}`, label: m.name })),
                    ...(targetsOf(item.member)?.fields ?? []).map((f) => ({ value: `f:${f.key}`, label: f.title })),
                  ]}
                  onChange={(v: string | undefined) => setItems(items.map((x, j) => (j === i ? { ...x, target: v ?? '' } : x)))}
                />
              ),
            },
            {
              title: t('bundleWindow.note'),
              key: 'note',
              render: (_: unknown, item, i) => (
                <Input
                  aria-label={t('bundleWindow.note')}
                  value={item.note}
                  data-testid={`bundle-correction-note-${i}`}
                  onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))}
                  maxLength={500}
                />
              ),
            },
          ]}
        />
        <Button className="block-gap" data-testid="bundle-correction-add" onClick={() => setItems([...items, { member: '', target: '', note: '' }])}>
          {t('bundleWindow.addItem')}
        </Button>
      </Modal>

      <Modal
        open={modal === 'deliver'}
        title={t('bundleWindow.deliver')}
        okButtonProps={{ disabled: method === 'post' && !tracking.trim(), loading: busy, 'data-testid': 'bundle-deliver-ok' } as ButtonProps}
        onCancel={() => setModal(null)}
        onOk={() => run(() => bundleCaseApi.deliver(d.number, d.version, method, tracking.trim() || undefined), t('bundleWindow.delivered'))}
      >
        <p>{t('bundleWindow.deliverHint', { count: d.members.filter((m) => m.status === 'decided').length })}</p>
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value)} aria-label={t('bundleWindow.delivery')}>
          {(['window', 'post', 'electronic'] as const).map((m) => (
            <Radio key={m} value={m} data-testid={`bundle-deliver-${m}`}>
              {t(`bundleWindow.method.${m}`)}
            </Radio>
          ))}
        </Radio.Group>
        {method === 'post' && (
          <Input
            className="block-gap"
            aria-label={t('bundleWindow.tracking')}
            placeholder={t('bundleWindow.tracking')}
            value={tracking}
            onChange={(e) => setTracking(e.target.value)}
            maxLength={50}
          />
        )}
      </Modal>
    </Card>
  );
}
