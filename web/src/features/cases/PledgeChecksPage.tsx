// 待核查承诺: the department's pledges (告知承诺) to verify after a grant, due first; verified, or false — which proposes:
// a lead of the department other than the checker decides to revoke the decision and its licences (撤销决定书) or keep
// it, with a reason (ADR 0033). The counts of pledges, verifications and revocations on top.
import { Button, Card, Col, Form, Input, Radio, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import type { Reply } from '../../api/types.ts';

type Checks = Reply<'/api/pledge-checks'>;
type Check = Checks['items'][number];
type Status = 'open' | 'verified' | 'false';

const STATUS_COLOR: Record<Status, string> = { open: 'orange', verified: 'green', false: 'red' };

export default function PledgeChecksPage() {
  const t = useT();
  const [status, setStatus] = useState<Status | 'all' | 'awaiting'>('open');
  const [acting, setActing] = useState<{ check: Check; result: 'verified' | 'false' } | null>(null);
  const [deciding, setDeciding] = useState<Check | null>(null);
  const remote = useRemote(
    () =>
      api.get('/api/pledge-checks', {
        params: { query: status === 'all' ? {} : status === 'awaiting' ? { awaitingDecision: 'true' } : { status } },
      }),
    [status],
  );
  const counts = remote.data?.counts;

  const columns: TableColumnsType<Check> = [
    {
      title: t('case.number'),
      dataIndex: 'caseNumber',
      render: (n: string) => (
        <Link to={`/app/cases/${n}`} className="mono">
          {n}
        </Link>
      ),
    },
    { title: t('case.item'), dataIndex: 'itemName' },
    { title: t('pledge.applicant'), dataIndex: 'applicantName' },
    { title: t('pledge.material'), key: 'material', render: (_, c) => c.materialName ?? c.materialKey },
    { title: t('pledge.decidedOn'), dataIndex: 'decidedOn', render: (v: string | null) => v ?? '' },
    {
      title: t('pledge.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string, c) => (
        <Space size={4}>
          <span>{v}</span>
          {c.overdue && <Tag color="red">{t('pledge.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('pledge.status'),
      dataIndex: 'status',
      render: (s: Status, c) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOR[s]} data-testid={`pledge-status-${c.id}`} data-status={s}>
            {t(`pledge.status.${s}`)}
          </Tag>
          {c.method && (
            <Typography.Text type="secondary" className="small-text">
              {t(`pledge.method.${c.method}`)}
            </Typography.Text>
          )}
          {c.awaitingDecision && (
            <Tag color="volcano" data-testid={`pledge-awaiting-${c.id}`}>
              {t(c.mayDecide ? 'pledge.awaiting' : 'pledge.awaitingOther')}
            </Tag>
          )}
          {c.decision && (
            <Typography.Text type={c.decision === 'revoked' ? 'danger' : 'secondary'} className="small-text" data-testid={`pledge-decision-${c.id}`}>
              {t(`pledge.decisionDone.${c.decision}`)}
            </Typography.Text>
          )}
          {c.revoked.length > 0 && (
            <Typography.Text type="danger" className="small-text">
              {t('pledge.revoked', { n: c.revoked.length })}
            </Typography.Text>
          )}
          {c.recordId !== null && (
            <Typography.Text type="secondary" className="small-text">
              {t('pledge.record', { id: c.recordId })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('pledge.action'),
      key: 'action',
      render: (_, c) =>
        c.status === 'open' ? (
          <Space wrap>
            <Button size="small" type="primary" onClick={() => setActing({ check: c, result: 'verified' })} data-testid={`pledge-verify-${c.id}`}>
              {t('pledge.verify')}
            </Button>
            <Button size="small" danger onClick={() => setActing({ check: c, result: 'false' })} data-testid={`pledge-false-${c.id}`}>
              {t('pledge.markFalse')}
            </Button>
          </Space>
        ) : c.mayDecide ? (
          <Space orientation="vertical" size={4}>
            <Typography.Text className="small-text">{c.note ?? ''}</Typography.Text>
            <Button size="small" danger type="primary" onClick={() => setDeciding(c)} data-testid={`pledge-decide-${c.id}`}>
              {t('pledge.decide')}
            </Button>
          </Space>
        ) : (
          [c.note, c.decisionReason].filter(Boolean).join(' / ')
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('nav.pledgeChecks')} />
      <Row gutter={[12, 12]} className="block-gap">
        {(
          [
            ['pledgeableProofs', 'pledge.count.proofs'],
            ['pledgedMaterials', 'pledge.count.pledged'],
            ['checks', 'pledge.count.checks'],
            ['due', 'pledge.count.due'],
            ['overdue', 'pledge.count.overdue'],
            ['done', 'pledge.count.done'],
            ['verified', 'pledge.count.verified'],
            ['false', 'pledge.count.false'],
            ['awaitingDecision', 'pledge.count.awaiting'],
            ['revoked', 'pledge.count.revoked'],
            ['records', 'pledge.count.records'],
          ] as const
        ).map(([key, label]) => (
          <Col key={key} xs={12} sm={8} lg={4} xl={3}>
            <Card size="small">
              <Statistic title={t(label)} value={counts?.[key] ?? 0} data-testid={`pledge-count-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Segmented
        className="block-gap"
        value={status}
        onChange={(v) => setStatus(v as Status | 'all' | 'awaiting')}
        options={(['open', 'awaiting', 'verified', 'false', 'all'] as const).map((s) => ({ value: s, label: t(`pledge.filter.${s}`) }))}
        data-testid="pledge-filter"
      />
      <div>
        <Table<Check>
          columns={columns}
          dataSource={remote.data?.items ?? []}
          rowKey="id"
          loading={remote.loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="pledge-checks"
        />
      </div>
      {acting && (
        <FormModal<{ method: 'data' | 'document'; note: string }>
          open
          title={t(acting.result === 'verified' ? 'pledge.verify' : 'pledge.markFalse')}
          initialValues={{ method: 'data', note: '' }}
          onSubmit={(v) =>
            api.post('/api/pledge-checks/{id}/result', {
              params: { path: { id: acting.check.id } },
              body: { version: acting.check.version, result: acting.result, method: v.method, note: v.note.trim() },
            })
          }
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            remote.reload();
          }}
          successText={t('pledge.recorded')}
          okText={t('common.submit')}
          testId="pledge-result"
        >
          {acting.result === 'false' && <Typography.Paragraph type="danger">{t('pledge.falseHint')}</Typography.Paragraph>}
          <Form.Item name="method" label={t('pledge.methodLabel')}>
            <Radio.Group options={(['data', 'document'] as const).map((m) => ({ value: m, label: t(`pledge.method.${m}`) }))} data-testid="pledge-method" />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('pledge.note')}
            rules={acting.result === 'false' ? [{ required: true, whitespace: true, min: 2, message: t('form.required') }] : []}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="pledge-note" />
          </Form.Item>
        </FormModal>
      )}
      {deciding && (
        <FormModal<{ decision: 'revoke' | 'keep'; reason: string }>
          open
          title={t('pledge.decideTitle')}
          initialValues={{ reason: '' }}
          onSubmit={(v) =>
            api.post('/api/pledge-checks/{id}/decision', {
              params: { path: { id: deciding.id } },
              body: { version: deciding.version, decision: v.decision, reason: v.reason.trim() },
            })
          }
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            remote.reload();
          }}
          successText={t('pledge.decided')}
          okText={t('common.submit')}
          testId="pledge-decision"
        >
          <Typography.Paragraph>
            {deciding.materialName ?? deciding.materialKey}：{deciding.note}
          </Typography.Paragraph>
          <Form.Item
            name="decision"
            label={t('pledge.decisionLabel')}
            rules={[{ required: true, message: t('form.required') }]}
            extra={t('pledge.decisionHelp')}
          >
            <Radio.Group
              options={(['revoke', 'keep'] as const).map((d) => ({ value: d, label: t(`pledge.decision.${d}`) }))}
              data-testid="pledge-decision-choice"
            />
          </Form.Item>
          <Form.Item name="reason" label={t('pledge.decisionReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="pledge-decision-reason" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
