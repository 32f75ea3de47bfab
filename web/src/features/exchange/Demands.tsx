import { App, Button, Card, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';
import { useCan } from '../../auth.tsx';
import { SideToolbar, useSide } from './components.tsx';

type Demand = Reply<'/api/exchange/demands'>['items'][number];
type DemandStats = Reply<'/api/exchange/demands/statistics'>;

const STATUS_COLOR: Record<string, string> = { filed: 'gold', accepted: 'blue', refused: 'red', fulfilled: 'green' };
const TIMING_COLOR: Record<string, string> = { on_time: 'green', late: 'orange', open: 'default', overdue: 'red' };
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * 数据需求: a department asks for data the catalogue lacks; the provider (or the data office) accepts — naming the
 * resource that will serve it, now or later — or refuses with reasons, within ten working days; the figures.
 */
export function Demands() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const can = useCan();
  const [side, setSide] = useSide();
  const list = useRemote(() => api.get('/api/exchange/demands', { params: { query: { side, pageSize: 100 } } }), [side]);
  const stats = useRemote(
    () => (can('exchange.stats') ? api.get('/api/exchange/demands/statistics') : Promise.resolve(undefined as DemandStats | undefined)),
    [list.data],
  );
  const [filing, setFiling] = useState(false);
  const [answering, setAnswering] = useState<{ demand: Demand; action: 'accept' | 'link' }>();
  const fail = (err: unknown) => message.error(errorText(err, lang));

  const refuse = (d: Demand) => {
    let reasons = '';
    modal.confirm({
      title: t('exchange.demand.refuse'),
      content: <Input.TextArea aria-label={t('exchange.grant.reasons')} data-testid="exchange-demand-reasons" onChange={(e) => (reasons = e.target.value)} />,
      onOk: () =>
        api
          .post('/api/exchange/demands/{id}/refuse', { params: { path: { id: d.id } }, body: { version: d.version, reasons: reasons || '—' } })
          .then(list.reload, fail),
    });
  };

  const columns: TableColumnsType<Demand> = [
    { title: t('exchange.demand.what'), dataIndex: 'title' },
    { title: t('exchange.col.consumer'), dataIndex: 'consumerDepartmentName' },
    { title: t('exchange.col.provider'), dataIndex: 'providerDepartmentName' },
    {
      title: t('exchange.col.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`exchange.demand.status.${v}` as MessageKey)}</Tag>,
    },
    {
      title: t('exchange.col.due'),
      dataIndex: 'dueDate',
      render: (v: string, d) => (
        <Space size={4}>
          {v}
          <Tag color={TIMING_COLOR[d.timing]}>{t(`exchange.demand.timing.${d.timing}` as MessageKey)}</Tag>
        </Space>
      ),
    },
    { title: t('exchange.demand.answer'), dataIndex: 'answer', render: (v: string | null) => v ?? '—' },
    { title: t('exchange.col.resource'), dataIndex: 'resourceCode', render: (v: string | null, d) => (v ? `${v} ${d.resourceName ?? ''}` : '—') },
    {
      title: t('exchange.col.actions'),
      key: 'actions',
      render: (_: unknown, d) =>
        side === 'provider' && (
          <Space wrap>
            {d.status === 'filed' && (
              <>
                <Button
                  size="small"
                  type="primary"
                  data-testid={`exchange-demand-accept-${d.id}`}
                  onClick={() => setAnswering({ demand: d, action: 'accept' })}
                >
                  {t('exchange.demand.accept')}
                </Button>
                <Button size="small" danger data-testid={`exchange-demand-refuse-${d.id}`} onClick={() => refuse(d)}>
                  {t('exchange.demand.refuse')}
                </Button>
              </>
            )}
            {d.status === 'accepted' && (
              <Button size="small" onClick={() => setAnswering({ demand: d, action: 'link' })}>
                {t('exchange.demand.link')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {stats.data && (
        <Card size="small" title={t('exchange.demand.figures')}>
          <Space wrap size="large">
            <Statistic title={t('exchange.demand.filed')} value={stats.data.total.filed} />
            <Statistic title={t('exchange.demand.answeredOnTime')} value={`${stats.data.total.answeredOnTime} / ${stats.data.total.answered}`} />
            <Statistic title={t('exchange.demand.onTimeRate')} value={percent(stats.data.total.onTimeRate)} />
            <Statistic title={t('exchange.demand.fulfilled')} value={stats.data.total.fulfilled} />
            <Statistic title={t('exchange.demand.overdue')} value={stats.data.total.overdue} />
          </Space>
        </Card>
      )}
      <SideToolbar label={t('exchange.tab.demands')} testId="exchange-demand-side" value={side} onChange={setSide}>
        {can('exchange.request') && (
          <Button type="primary" data-testid="exchange-demand-new" onClick={() => setFiling(true)}>
            {t('exchange.demand.new')}
          </Button>
        )}
      </SideToolbar>
      <Table<Demand>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (d) => (
            <Typography.Text>
              {t('exchange.request.purpose')}：{d.purpose} · {t('exchange.request.basis')}：{d.legalBasis} · {t('exchange.demand.fields')}：
              {d.wantedFields.join('、')}
            </Typography.Text>
          ),
        }}
      />
      {filing && (
        <FileDemandModal
          onClose={(filed) => {
            setFiling(false);
            if (filed) {
              setSide('consumer');
              list.reload();
            }
          }}
        />
      )}
      {answering && (
        <AnswerModal
          {...answering}
          onClose={() => {
            setAnswering(undefined);
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function FileDemandModal({ onClose }: { onClose: (filed: boolean) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; purpose: string; legalBasis: string; wantedFields: string[]; providerDepartmentId: number }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.create('/api/exchange/demands', { body: v });
      message.success(t('exchange.demand.filedOk'));
      onClose(true);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={t('exchange.demand.new')}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'exchange-demand-ok' } as never}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('exchange.demand.what')} rules={[{ required: true }]}>
          <Input data-testid="exchange-demand-title" />
        </Form.Item>
        <Form.Item name="purpose" label={t('exchange.request.purpose')} rules={[{ required: true }]}>
          <Input.TextArea data-testid="exchange-demand-purpose" />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('exchange.request.basis')} rules={[{ required: true }]}>
          <Input data-testid="exchange-demand-basis" />
        </Form.Item>
        <Form.Item name="wantedFields" label={t('exchange.demand.fields')} rules={[{ required: true }]}>
          <Select mode="tags" data-testid="exchange-demand-fields" open={false} placeholder={t('exchange.demand.fieldsHint')} />
        </Form.Item>
        <Form.Item name="providerDepartmentId" label={t('exchange.demand.provider')} rules={[{ required: true }]}>
          <DepartmentSelect testId="exchange-demand-provider" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerModal({ demand, action, onClose }: { demand: Demand; action: 'accept' | 'link'; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const resources = useRemote(
    () => api.get('/api/exchange/resources', { params: { query: { departmentId: demand.providerDepartmentId, pageSize: 100 } } }),
    [demand.providerDepartmentId],
  );
  const [form] = Form.useForm<{ answer: string; resourceId?: number }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (action === 'accept')
        await api.post('/api/exchange/demands/{id}/accept', { params: { path: { id: demand.id } }, body: { version: demand.version, ...v } });
      else if (v.resourceId)
        await api.post('/api/exchange/demands/{id}/link', { params: { path: { id: demand.id } }, body: { version: demand.version, resourceId: v.resourceId } });
      onClose();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const options = (resources.data?.items ?? [])
    .filter((r) => r.status !== 'retired')
    .map((r) => ({ value: r.id, label: `${r.code} ${r.name}（${t(`exchange.status.${r.status}` as MessageKey)}）` }));
  return (
    <Modal
      open
      title={`${t(action === 'accept' ? 'exchange.demand.accept' : 'exchange.demand.link')}：${demand.title}`}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'exchange-demand-answer-ok' } as never}
    >
      <Form form={form} layout="vertical">
        {action === 'accept' && (
          <Form.Item name="answer" label={t('exchange.demand.answer')} rules={[{ required: true }]}>
            <Input.TextArea data-testid="exchange-demand-answer" />
          </Form.Item>
        )}
        <Form.Item name="resourceId" label={t('exchange.demand.resource')} rules={action === 'link' ? [{ required: true }] : []}>
          <Select allowClear options={options} loading={resources.loading} data-testid="exchange-demand-resource" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
