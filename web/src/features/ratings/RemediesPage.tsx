import { CheckOutlined, CommentOutlined, FlagOutlined, PhoneOutlined, TagsOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Popconfirm, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import { CaseDrawer } from '../cases/index.tsx';
import type { Body, Remedy } from '../../api/types.ts';
import { codeName, indicatorName } from './format.ts';
import { levelLabel, useRatingOptions } from './RatingForm.tsx';

const CLASSIFICATIONS = ['立行立改', '限期整改', '解释说明'] as const;
const STATUSES: Remedy['status'][] = ['open', 'classified', 'replied', 'followed_up', 'closed', 'excluded'];
type Dialog = 'classify' | 'reply' | 'follow-up' | 'appeal';

/** An item of GET /api/remedies. */
type RemedyRow = Remedy;
/** What a remedy step sends, less the row version the page adds. */
type RemedyStep = Body<'/api/remedies/{id}'> extends infer B ? (B extends unknown ? Omit<B, 'version'> : never) : never;

const STATUS_COLOR: Record<Remedy['status'], string> = {
  open: 'red',
  classified: 'orange',
  replied: 'gold',
  followed_up: 'blue',
  closed: 'success',
  excluded: 'default',
};
const APPEAL_COLOR: Record<NonNullable<RemedyRow['appeal']>, string> = { pending: 'purple', rejected: 'volcano', upheld: 'green' };

/**
 * 差评整改: the department's remedies of bad ratings, soonest due first (overdue in red): classify, reply to the
 * rater, record the follow-up call, close; or appeal a mistaken or malicious rating. Each row says who rated (or
 * that it was anonymous), on which item and channel and what was ticked, so the clerk knows whom to call; the case
 * number opens the case beside the list. Five narrow columns whose text wraps, so a 1280px screen shows the
 * deadline, the status and the progress without scrolling sideways.
 */
export default function RemediesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const options = useRatingOptions();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<Remedy['status']>();
  const [reloadKey, setReloadKey] = useState(0);
  const [dialog, setDialog] = useState<{ kind: Dialog; remedy: RemedyRow } | null>(null);
  const reload = () => setReloadKey((n) => n + 1);
  const act = (m: RemedyRow, step: RemedyStep) => api.post('/api/remedies/{id}', { params: { path: { id: m.id } }, body: { ...step, version: m.version } });
  const close = () => setDialog(null);
  const openCase = params.get('case');
  const caseLink = (n: string) => {
    const next = new URLSearchParams(params);
    next.set('case', n);
    return `?${next.toString()}`;
  };
  const closeCase = () => {
    const next = new URLSearchParams(params);
    next.delete('case');
    setParams(next);
  };

  const columns: TableColumnsType<RemedyRow> = [
    {
      title: t('case.number'),
      dataIndex: 'caseNumber',
      render: (n: string, m) => (
        <div className="remedy-cell remedy-cell-case">
          <Link to={caseLink(n)} className="mono" data-testid={`remedy-case-${m.id}`}>
            {n}
          </Link>
          <div className="small-text remedy-muted" data-testid={`remedy-item-${m.id}`}>
            {m.itemName}
          </div>
        </div>
      ),
    },
    {
      title: t('remedy.level'),
      key: 'rating',
      render: (_, m) => (
        <div className="remedy-cell remedy-cell-rating" data-testid={`remedy-rating-${m.id}`}>
          <Space size={[4, 4]} wrap>
            <Tag color={m.level === '4' || m.level === '5' ? 'red' : 'default'}>{levelLabel(options, m.level, lang)}</Tag>
            <span className="small-text" data-testid={`remedy-channel-${m.id}`}>
              {m.channel ? codeName(options?.channels, m.channel, lang) : t('stats.defaultChannel')}
            </span>
          </Space>
          <div className="small-text" data-testid={`remedy-rater-${m.id}`} data-anonymous={String(m.anonymous)}>
            {m.anonymous ? <Tag className="remedy-anonymous">{t('remedy.anonymous')}</Tag> : t('remedy.rater', { name: m.raterName ?? '—' })}
          </div>
          {m.counterClerkName && (
            <div className="small-text remedy-muted" data-testid={`remedy-counter-clerk-${m.id}`}>
              {t('remedy.counterClerk', { name: m.counterClerkName })}
            </div>
          )}
          {m.ratedAt && <div className="small-text remedy-muted">{formatDateTime(m.ratedAt, lang)}</div>}
          <div className="remedy-comment">{m.comment || <span className="remedy-muted">{t('remedy.noComment')}</span>}</div>
          {m.indicators.length > 0 && (
            <Space size={[4, 4]} wrap data-testid={`remedy-indicators-${m.id}`}>
              {m.indicators.map((code) => (
                <Tag key={code} variant="filled" className="small-text">
                  {indicatorName(options, code, lang)}
                </Tag>
              ))}
            </Space>
          )}
        </div>
      ),
    },
    {
      title: t('remedy.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string | null, m) => (
        <Space orientation="vertical" size={4} data-testid={`remedy-due-${m.id}`} data-overdue={String(m.overdue)} className="remedy-cell remedy-cell-due">
          {v ? (
            <Typography.Text type={m.overdue ? 'danger' : undefined} strong={m.overdue}>
              {v}
            </Typography.Text>
          ) : (
            <Tag color="orange" className="remedy-wrap-tag">
              {t('remedy.duePending')}
            </Tag>
          )}
          {m.overdue && <Tag color="red">{t('remedy.overdue')}</Tag>}
          {m.escalated && <Tag color="volcano">{t('remedy.escalated')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('remedy.statusProgress'),
      dataIndex: 'status',
      render: (s: Remedy['status'], m) => (
        <div className="remedy-cell remedy-cell-status">
          <Space size={[4, 4]} wrap>
            <Tag color={STATUS_COLOR[s]} data-testid={`remedy-status-${m.id}`} data-status={s}>
              {t(`remedy.status.${s}`)}
            </Tag>
            {m.classification && <Tag>{t(`remedy.cls.${m.classification}`)}</Tag>}
          </Space>
          {m.appeal && (
            <div className="remedy-appeal" data-testid={`remedy-appeal-state-${m.id}`} data-appeal={m.appeal}>
              <Tag color={APPEAL_COLOR[m.appeal]}>{t(`remedy.appeal.${m.appeal}`)}</Tag>
              {m.appeal === 'rejected' && <div className="small-text">{t('remedy.appealRejectedHint')}</div>}
              {m.appeal === 'upheld' && <div className="small-text">{t('remedy.appealUpheldHint')}</div>}
              {m.appealDecisionReason && <div className="small-text">{t('remedy.appealDecisionReason', { reason: m.appealDecisionReason })}</div>}
              {m.appealReason && <div className="small-text remedy-muted">{t('remedy.appealReason', { reason: m.appealReason })}</div>}
            </div>
          )}
          {(m.reply || m.followUpNote) && (
            <div className="small-text remedy-progress" data-testid={`remedy-progress-${m.id}`}>
              {m.reply && <div>{t('remedy.replyLine', { text: m.reply })}</div>}
              {m.followUpNote && (
                <div>
                  {t('remedy.followUpLine', {
                    note: m.followUpNote,
                    answer: t(
                      m.followUpAnswer === 'satisfied' ? 'remedy.satisfied' : m.followUpAnswer === 'unreachable' ? 'remedy.unreachable' : 'remedy.unsatisfied',
                    ),
                  })}
                </div>
              )}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // The server says what the reader may do next (allowedActions); closing, not yet allowed, stays in sight with its hint.
      render: (_, m) => {
        const may = (a: Remedy['allowedActions'][number]) => m.allowedActions.includes(a);
        if (m.allowedActions.length === 0) return null;
        const canClose = may('close');
        return (
          <div className="remedy-actions">
            {may('classify') && (
              <Button size="small" icon={<TagsOutlined />} onClick={() => setDialog({ kind: 'classify', remedy: m })} data-testid={`remedy-classify-${m.id}`}>
                {t('remedy.classify')}
              </Button>
            )}
            {may('reply') && (
              <Button size="small" icon={<CommentOutlined />} onClick={() => setDialog({ kind: 'reply', remedy: m })} data-testid={`remedy-reply-${m.id}`}>
                {t('remedy.reply')}
              </Button>
            )}
            {may('follow-up') && (
              <Button size="small" icon={<PhoneOutlined />} onClick={() => setDialog({ kind: 'follow-up', remedy: m })} data-testid={`remedy-follow-${m.id}`}>
                {t('remedy.followUp')}
              </Button>
            )}
            <Tooltip title={canClose ? undefined : t('remedy.closeHint')}>
              <Popconfirm
                title={t('remedy.closeConfirm')}
                okText={t('remedy.close')}
                cancelText={t('common.cancel')}
                disabled={!canClose}
                okButtonProps={{ 'data-testid': 'remedy-close-confirm' } as ButtonProps}
                onConfirm={() =>
                  act(m, { action: 'close' }).then(() => {
                    message.success(t('remedy.closed'));
                    reload();
                  }, showError)
                }
              >
                <Button size="small" type="primary" icon={<CheckOutlined />} disabled={!canClose} data-testid={`remedy-close-${m.id}`}>
                  {t('remedy.close')}
                </Button>
              </Popconfirm>
            </Tooltip>
            {may('appeal') && (
              <Button
                size="small"
                type="text"
                icon={<FlagOutlined />}
                onClick={() => setDialog({ kind: 'appeal', remedy: m })}
                data-testid={`remedy-appeal-${m.id}`}
              >
                {t('remedy.appeal')}
              </Button>
            )}
          </div>
        );
      },
    },
  ];

  const m = dialog?.remedy;
  const modal = { onClose: close, onDone: reload, successText: t('common.saved') };
  return (
    <>
      <PageTitle title={t('nav.remedies')} />
      <div className="toolbar">
        <Select<Remedy['status']>
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('common.all')}
          aria-label={t('case.status')}
          options={STATUSES.map((s) => ({ value: s, label: t(`remedy.status.${s}`) }))}
          className="toolbar-select"
          data-testid="remedy-filter"
        />
      </div>
      <DataTable<RemedyRow>
        columns={columns}
        rowKey={(r) => r.id}
        load={() => api.get('/api/remedies', { params: { query: { status } } })}
        query={{ status }}
        reloadKey={reloadKey}
        clientPaging
        testId="remedies"
        tableProps={{
          rowClassName: (r) => (r.overdue ? 'warning-row-red' : ''),
          onRow: (r) => ({ 'data-testid': `remedy-${r.caseNumber}`, 'data-id': r.id }) as HTMLAttributes<HTMLElement>,
          locale: { emptyText: <Empty description={t('remedy.empty')} data-testid="remedies-empty" /> },
        }}
      />
      <CaseDrawer number={openCase} onClose={closeCase} actions={() => null} />
      <FormModal<{ classification: (typeof CLASSIFICATIONS)[number] }>
        {...modal}
        open={dialog?.kind === 'classify'}
        title={t('remedy.classify')}
        okText={t('remedy.classifySave')}
        initialValues={{ classification: m?.classification ?? undefined }}
        onSubmit={(v) => act(m!, { action: 'classify', classification: v.classification })}
        testId="remedy-classify"
      >
        <Form.Item name="classification" label={t('remedy.classification')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`remedy.cls.${c}`) }))} data-testid="remedy-classification" />
        </Form.Item>
      </FormModal>
      <FormModal<{ reply: string }>
        {...modal}
        open={dialog?.kind === 'reply'}
        title={t('remedy.reply')}
        okText={t('remedy.replySend')}
        successText={t('remedy.replySent')}
        initialValues={{ reply: m?.reply ?? '' }}
        onSubmit={(v) => act(m!, { action: 'reply', reply: v.reply.trim() })}
        testId="remedy-reply"
      >
        <Form.Item name="reply" label={t('remedy.replyText')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="remedy-reply-text" />
        </Form.Item>
      </FormModal>
      <FormModal<{ note: string; answer: 'satisfied' | 'unsatisfied' | 'unreachable' }>
        {...modal}
        open={dialog?.kind === 'follow-up'}
        title={t('remedy.followUp')}
        okText={t('remedy.followUpSave')}
        // No answer is assumed: the caller records what the rater said. An anonymous rater cannot be called at all.
        initialValues={m?.anonymous ? { answer: 'unreachable' } : {}}
        onSubmit={(v) => act(m!, { action: 'follow-up', note: v.note.trim(), answer: v.answer })}
        testId="remedy-follow"
      >
        {m && (
          <Typography.Paragraph type="secondary" data-testid="remedy-follow-rater">
            {m.anonymous ? t('remedy.followUpAnonymous') : t('remedy.rater', { name: m.raterName ?? '—' })}
          </Typography.Paragraph>
        )}
        <Form.Item name="note" label={t('remedy.followUpNote')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="remedy-follow-note" />
        </Form.Item>
        <Form.Item name="answer" label={t('remedy.followUpAnswer')} rules={[{ required: true, message: t('remedy.followUpAnswerRequired') }]}>
          <Radio.Group
            options={[
              { value: 'satisfied', label: t('remedy.satisfied'), disabled: m?.anonymous },
              { value: 'unsatisfied', label: t('remedy.unsatisfied'), disabled: m?.anonymous },
              { value: 'unreachable', label: t('remedy.unreachable') },
            ]}
            data-testid="remedy-follow-answer"
          />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        {...modal}
        open={dialog?.kind === 'appeal'}
        title={t('remedy.appeal')}
        okText={t('remedy.appealSubmit')}
        onSubmit={(v) => api.post('/api/remedies/{id}/appeal', { params: { path: { id: m!.id } }, body: { reason: v.reason.trim() } })}
        successText={t('remedy.appealSent')}
        testId="remedy-appeal"
      >
        <Typography.Paragraph type="secondary">{t('remedy.appealHint')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('appeal.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="remedy-appeal-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
