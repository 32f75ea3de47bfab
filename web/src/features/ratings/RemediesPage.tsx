import { CheckOutlined, CommentOutlined, FlagOutlined, PhoneOutlined, TagsOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { api } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import type { Remedy } from '../cases/types.ts';
import { levelLabel, useRatingOptions } from './RatingForm.tsx';

const CLASSIFICATIONS = ['立行立改', '限期整改', '解释说明'] as const;
const STATUSES: Remedy['status'][] = ['open', 'classified', 'replied', 'followed_up', 'closed', 'excluded'];
type Dialog = 'classify' | 'reply' | 'follow-up' | 'appeal';

const STATUS_COLOR: Record<Remedy['status'], string> = { open: 'red', classified: 'orange', replied: 'gold', followed_up: 'blue', closed: 'success', excluded: 'default' };

/**
 * 差评整改: the department's remedies of bad ratings, soonest due first (overdue in red): classify, reply to the
 * rater, record the follow-up call, close; or appeal a mistaken or malicious rating.
 */
export default function RemediesPage() {
  const t = useT();
  const { lang } = useLang();
  const options = useRatingOptions();
  const showError = useShowError();
  const [status, setStatus] = useState<Remedy['status']>();
  const [reloadKey, setReloadKey] = useState(0);
  const [dialog, setDialog] = useState<{ kind: Dialog; remedy: Remedy } | null>(null);
  const reload = () => setReloadKey((n) => n + 1);
  const act = (m: Remedy, body: Record<string, unknown>) => api.post(`/api/remedies/${m.id}`, { ...body, version: m.version });
  const close = () => setDialog(null);

  const columns: TableColumnsType<Remedy> = [
    { title: t('case.number'), dataIndex: 'caseNumber', render: (n: string) => <span className="mono">{n}</span> },
    {
      title: t('remedy.level'),
      dataIndex: 'level',
      render: (l: string) => <Tag color={l === '4' || l === '5' ? 'red' : 'default'}>{levelLabel(options, l, lang)}</Tag>,
    },
    { title: t('remedy.comment'), dataIndex: 'comment', render: (v: string) => <span className="cell-text">{v || '—'}</span> },
    { title: t('remedy.ratedAt'), dataIndex: 'ratedAt', render: (v: string | null) => (v ? formatDateTime(v, lang) : '—') },
    {
      title: t('remedy.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string | null, m) => (
        <Space size={4} data-testid={`remedy-due-${m.id}`} data-overdue={String(m.overdue)}>
          {v ? (
            <Typography.Text type={m.overdue ? 'danger' : undefined} strong={m.overdue}>
              {v}
            </Typography.Text>
          ) : (
            <Tag color="orange">{t('remedy.duePending')}</Tag>
          )}
          {m.overdue && <Tag color="red">{t('remedy.overdue')}</Tag>}
          {m.escalated && <Tag color="volcano">{t('remedy.escalated')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('case.status'),
      dataIndex: 'status',
      render: (s: Remedy['status'], m) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[s]} data-testid={`remedy-status-${m.id}`} data-status={s}>
            {t(`remedy.status.${s}`)}
          </Tag>
          {m.classification && <Tag>{t(`remedy.cls.${m.classification}` as MessageKey)}</Tag>}
          {m.appeal && <Tag color="purple">{t('remedy.appealed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('remedy.progress'),
      key: 'progress',
      render: (_, m) => (
        <div className="cell-text small-text">
          {m.reply && (
            <div>
              {t('remedy.reply')}：{m.reply}
            </div>
          )}
          {m.followUpNote && (
            <div>
              {t('remedy.followUp')}：{m.followUpNote}（{m.followUpAnswer === 'satisfied' ? t('remedy.satisfied') : t('remedy.unsatisfied')}）
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, m) => {
        if (m.closedAt) return null;
        const canClose = Boolean(m.classification && m.reply && m.followedUpAt);
        return (
          <Space size={4} wrap className="remedy-actions">
            <Button size="small" icon={<TagsOutlined />} onClick={() => setDialog({ kind: 'classify', remedy: m })} data-testid={`remedy-classify-${m.id}`}>
              {t('remedy.classify')}
            </Button>
            <Button size="small" icon={<CommentOutlined />} onClick={() => setDialog({ kind: 'reply', remedy: m })} data-testid={`remedy-reply-${m.id}`}>
              {t('remedy.reply')}
            </Button>
            <Button size="small" icon={<PhoneOutlined />} onClick={() => setDialog({ kind: 'follow-up', remedy: m })} data-testid={`remedy-follow-${m.id}`}>
              {t('remedy.followUp')}
            </Button>
            <Tooltip title={canClose ? undefined : t('remedy.closeHint')}>
              <Popconfirm
                title={t('remedy.closeConfirm')}
                okText={t('remedy.close')}
                cancelText={t('common.cancel')}
                disabled={!canClose}
                okButtonProps={{ 'data-testid': 'remedy-close-confirm' } as ButtonProps}
                onConfirm={() => act(m, { action: 'close' }).then(reload, showError)}
              >
                <Button size="small" type="primary" icon={<CheckOutlined />} disabled={!canClose} data-testid={`remedy-close-${m.id}`}>
                  {t('remedy.close')}
                </Button>
              </Popconfirm>
            </Tooltip>
            {!m.appeal && (
              <Button size="small" type="text" icon={<FlagOutlined />} onClick={() => setDialog({ kind: 'appeal', remedy: m })} data-testid={`remedy-appeal-${m.id}`}>
                {t('remedy.appeal')}
              </Button>
            )}
          </Space>
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
          options={STATUSES.map((s) => ({ value: s, label: t(`remedy.status.${s}`) }))}
          className="toolbar-select"
          data-testid="remedy-filter"
        />
      </div>
      <DataTable<Remedy>
        columns={columns}
        rowKey={(r) => r.id}
        load={() => api.get<{ items: Remedy[] }>('/api/remedies', { status })}
        query={{ status }}
        reloadKey={reloadKey}
        clientPaging
        testId="remedies"
        tableProps={{
          rowClassName: (r) => (r.overdue ? 'warning-row-red' : ''),
          onRow: (r) => ({ 'data-testid': `remedy-${r.caseNumber}`, 'data-id': r.id }) as HTMLAttributes<HTMLElement>,
        }}
      />
      <FormModal<{ classification: string }>
        {...modal}
        open={dialog?.kind === 'classify'}
        title={t('remedy.classify')}
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
        initialValues={{ reply: m?.reply ?? '' }}
        onSubmit={(v) => act(m!, { action: 'reply', reply: v.reply.trim() })}
        testId="remedy-reply"
      >
        <Form.Item name="reply" label={t('remedy.replyText')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="remedy-reply-text" />
        </Form.Item>
      </FormModal>
      <FormModal<{ note: string; answer: 'satisfied' | 'unsatisfied' }>
        {...modal}
        open={dialog?.kind === 'follow-up'}
        title={t('remedy.followUp')}
        initialValues={{ answer: 'satisfied' }}
        onSubmit={(v) => act(m!, { action: 'follow-up', note: v.note.trim(), answer: v.answer })}
        testId="remedy-follow"
      >
        <Form.Item name="note" label={t('remedy.followUpNote')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="remedy-follow-note" />
        </Form.Item>
        <Form.Item name="answer" label={t('remedy.followUpAnswer')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'satisfied', label: t('remedy.satisfied') },
              { value: 'unsatisfied', label: t('remedy.unsatisfied') },
            ]}
            data-testid="remedy-follow-answer"
          />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        {...modal}
        open={dialog?.kind === 'appeal'}
        title={t('remedy.appeal')}
        onSubmit={(v) => api.post(`/api/remedies/${m!.id}/appeal`, { reason: v.reason.trim() })}
        successText={t('remedy.appealed')}
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
