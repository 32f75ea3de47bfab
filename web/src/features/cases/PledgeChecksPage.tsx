// 待核查承诺: the department's pledges (告知承诺) to verify after a grant, due first; verified, or false (which revokes
// the licence the decision issued). The counts of pledges and verifications on top.
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
  const [status, setStatus] = useState<Status | 'all'>('open');
  const [acting, setActing] = useState<{ check: Check; result: 'verified' | 'false' } | null>(null);
  const remote = useRemote(() => api.get('/api/pledge-checks', { params: { query: status === 'all' ? {} : { status } } }), [status]);
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
          {c.revoked.length > 0 && (
            <Typography.Text type="danger" className="small-text">
              {t('pledge.revoked', { n: c.revoked.length })}
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
        ) : (
          (c.note ?? '')
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('nav.pledgeChecks')} />
      <Row gutter={[12, 12]} className="block-gap">
        {(
          [
            ['pledgedMaterials', 'pledge.count.pledged'],
            ['checks', 'pledge.count.checks'],
            ['open', 'pledge.count.open'],
            ['overdue', 'pledge.count.overdue'],
            ['verified', 'pledge.count.verified'],
            ['false', 'pledge.count.false'],
          ] as const
        ).map(([key, label]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={t(label)} value={counts?.[key] ?? 0} data-testid={`pledge-count-${key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Segmented
        className="block-gap"
        value={status}
        onChange={(v) => setStatus(v as Status | 'all')}
        options={(['open', 'verified', 'false', 'all'] as const).map((s) => ({ value: s, label: t(`pledge.filter.${s}`) }))}
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
    </>
  );
}
