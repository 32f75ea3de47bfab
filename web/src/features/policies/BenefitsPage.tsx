import { App, Button, Card, Col, Empty, Input, Modal, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import { policyApi, STATUS_COLOR, type Benefit } from './policies.ts';

/**
 * 免申即享 (a department): run the match now (the job runs hourly), confirm the benefits of its policies, record
 * their payout or reject them with a reason; the statistics of its policies.
 */
export default function BenefitsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const mayHandle = useCan()('benefits.handle');
  const [page, setPage] = useState(1);
  const list = useRemote(() => policyApi.benefits(page), [page]);
  const stats = useRemote(() => policyApi.stats(), []);
  const [busy, setBusy] = useState<string>();
  const [paying, setPaying] = useState<Benefit>();
  const [rejecting, setRejecting] = useState<Benefit>();
  const [text, setText] = useState('');

  const act = async (key: string, run: () => Promise<unknown>, done?: string) => {
    setBusy(key);
    try {
      const r = await run();
      if (done) message.success(done);
      else if (r && typeof r === 'object' && 'matched' in r) {
        const m = r as { matched: number; offered: number };
        message.success(t('policy.match.result', { matched: m.matched, offered: m.offered }));
      }
      list.reload();
      stats.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const totals = stats.data?.totals;
  return (
    <div data-testid="benefits-page">
      <PageTitle title={t('nav.benefits')} />
      <Card
        title={t('policy.stats.title')}
        className="block-gap"
        loading={stats.loading}
        extra={
          mayHandle && (
            <Button type="primary" loading={busy === 'match'} onClick={() => act('match', () => policyApi.match())} data-testid="run-match">
              {t('policy.match.run')}
            </Button>
          )
        }
      >
        {totals && (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('policy.stats.withoutApplication')} value={totals.withoutApplication} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('policy.stats.paidYuan')} value={totals.paidYuan} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('policy.stats.pendingYuan')} value={totals.pendingYuan} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('policy.stats.withMatches')} value={`${totals.policiesWithMatches} / ${totals.policies}`} />
            </Col>
          </Row>
        )}
        <Table
          rowKey="policyId"
          size="small"
          className="block-gap"
          pagination={false}
          scroll={{ x: true }}
          dataSource={stats.data?.perPolicy ?? []}
          data-testid="policy-stats"
          columns={[
            { title: t('policy.benefit.policy'), dataIndex: 'title' },
            { title: t('policy.stats.matched'), dataIndex: 'matched' },
            { title: t('policy.stats.offered'), dataIndex: 'offered' },
            { title: t('policy.stats.withoutApplication'), dataIndex: 'withoutApplication' },
            { title: t('policy.stats.paid'), dataIndex: 'paid' },
            { title: t('policy.stats.paidYuan'), dataIndex: 'paidYuan' },
          ]}
        />
      </Card>
      <Card className="block-gap">
        <Table<Benefit>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
          locale={{ emptyText: <Empty description={t('policy.benefits.none')} /> }}
          data-testid="benefits-table"
          expandable={{ expandedRowRender: (b) => <Typography.Paragraph style={{ marginBottom: 0 }}>{b.explanationZh}</Typography.Paragraph> }}
          columns={[
            { title: t('policy.benefit.policy'), dataIndex: 'policyTitle' },
            { title: t('policy.benefit.beneficiary'), key: 'who', render: (_, b) => <span data-testid={`benefit-who-${b.id}`}>{b.beneficiaryName}</span> },
            { title: t('policy.benefit.kind.automatic'), key: 'kind', render: (_, b) => <Tag>{t(`policy.benefit.kind.${b.kind}`)}</Tag> },
            { title: t('policy.amount'), key: 'amount', render: (_, b) => (b.amountYuan === null ? '—' : t('policy.yuan', { amount: b.amountYuan })) },
            {
              title: t('policy.benefit.status'),
              key: 'status',
              render: (_, b) => (
                <Tag color={STATUS_COLOR[b.status]} data-testid={`benefit-status-${b.id}`} data-status={b.status}>
                  {t(`policy.benefit.status.${b.status}`)}
                </Tag>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, b) =>
                mayHandle && (
                  <Space size={4} wrap>
                    {['matched', 'notified', 'applied'].includes(b.status) && (
                      <Button
                        size="small"
                        type="primary"
                        loading={busy === `c${b.id}`}
                        onClick={() => act(`c${b.id}`, () => policyApi.confirm(b), t('policy.benefit.done'))}
                        data-testid={`benefit-confirm-${b.id}`}
                      >
                        {t('policy.benefit.confirm')}
                      </Button>
                    )}
                    {b.status === 'confirmed' && (
                      <Button size="small" type="primary" onClick={() => (setText(''), setPaying(b))} data-testid={`benefit-pay-${b.id}`}>
                        {t('policy.benefit.pay')}
                      </Button>
                    )}
                    {!['paid', 'rejected'].includes(b.status) && (
                      <Button size="small" danger onClick={() => (setText(''), setRejecting(b))} data-testid={`benefit-reject-${b.id}`}>
                        {t('policy.benefit.reject')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={paying !== undefined}
        title={t('policy.benefit.pay')}
        onCancel={() => setPaying(undefined)}
        okButtonProps={{ 'data-testid': 'pay-ok' } as never}
        onOk={() => paying && act(`p${paying.id}`, () => policyApi.pay(paying, text.trim()), t('policy.benefit.done')).then(() => setPaying(undefined))}
      >
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('policy.benefit.reference')}
          aria-label={t('policy.benefit.reference')}
          data-testid="pay-reference"
        />
      </Modal>
      <Modal
        open={rejecting !== undefined}
        title={t('policy.benefit.reject')}
        onCancel={() => setRejecting(undefined)}
        okButtonProps={{ danger: true, disabled: !text.trim(), 'data-testid': 'reject-ok' } as never}
        onOk={() =>
          rejecting && act(`r${rejecting.id}`, () => policyApi.reject(rejecting, text.trim()), t('policy.benefit.done')).then(() => setRejecting(undefined))
        }
      >
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('policy.benefit.reason')}
          aria-label={t('policy.benefit.reason')}
        />
      </Modal>
    </div>
  );
}
