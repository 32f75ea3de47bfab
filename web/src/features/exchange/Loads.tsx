import { Alert, App, Button, Form, InputNumber, Progress, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT, type MessageKey } from '../../i18n.ts';

type Load = Reply<'/api/exchange/resources/{id}/loads'>['items'][number];
type Mode = Load['mode'];
type Format = Load['format'];

const STATUS_COLOR: Record<string, string> = { running: 'processing', loaded: 'green', refused: 'red', failed: 'red' };

/** The format of an upload by its file name: .csv, .jsonl / .ndjson, .xlsx. */
export function formatOf(name: string): Format | undefined {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'csv' ? 'csv' : ext === 'jsonl' || ext === 'ndjson' ? 'jsonl' : ext === 'xlsx' ? 'xlsx' : undefined;
}

/**
 * 数据归集: choose a resource, upload a CSV, JSON lines or xlsx file with a header of field keys, all-or-nothing or
 * reject-bad-rows; the loads of the resource with their counts, reconciliation and the problems per row. While a file
 * goes up, the list is polled: the running load's rows done grow.
 */
export function Loads() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const resources = useRemote(() => api.get('/api/exchange/resources', { params: { query: { pageSize: 100 } } }), []);
  const [resourceId, setResourceId] = useState<number>();
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [declared, setDeclared] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const loads = useRemote(
    () => (resourceId ? api.get('/api/exchange/resources/{id}/loads', { params: { path: { id: resourceId } } }) : Promise.resolve({ items: [] as Load[] })),
    [resourceId],
  );
  // Poll the loads while a file goes up: the running one shows its progress.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(loads.reload, 1000);
    return () => clearInterval(timer);
  }, [busy, loads.reload]);

  const upload = async (file: File) => {
    const format = formatOf(file.name);
    if (!resourceId) return false;
    if (!format) {
      message.error(t('exchange.load.formatUnknown'));
      return false;
    }
    setBusy(true);
    try {
      const load = await api.upload('/api/exchange/resources/{id}/loads', file, {
        params: { path: { id: resourceId }, query: { format, mode, ...(declared === null ? {} : { declaredCount: declared }) } },
        create: true,
      });
      message.success(t('exchange.load.done', { inserted: load.inserted, updated: load.updated, rejected: load.rejected }));
    } catch (err) {
      // A refused load is recorded too: its problems show in the list.
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
      loads.reload();
    }
    return false;
  };

  const columns: TableColumnsType<Load> = [
    { title: t('exchange.calls.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    { title: t('exchange.load.format'), dataIndex: 'format', width: 70 },
    { title: t('exchange.load.mode'), dataIndex: 'mode', render: (v: string) => t(`exchange.load.mode.${v}` as MessageKey) },
    {
      title: t('exchange.col.status'),
      dataIndex: 'status',
      render: (v: string, l) =>
        v === 'running' ? (
          <Space>
            <Tag color={STATUS_COLOR[v]}>{t('exchange.load.status.running')}</Tag>
            <Typography.Text data-testid="exchange-load-progress">{t('exchange.load.rowsDone', { n: l.rowsDone })}</Typography.Text>
          </Space>
        ) : (
          <Tag color={STATUS_COLOR[v]}>{t(`exchange.load.status.${v}` as MessageKey)}</Tag>
        ),
    },
    { title: t('exchange.load.rowsIn'), dataIndex: 'rowsIn' },
    { title: t('exchange.load.inserted'), dataIndex: 'inserted' },
    { title: t('exchange.load.updated'), dataIndex: 'updated' },
    { title: t('exchange.load.rejected'), dataIndex: 'rejected' },
    { title: t('exchange.load.declared'), dataIndex: 'declaredCount', render: (v: number | null) => v ?? '—' },
    {
      title: t('exchange.load.reconciliation'),
      dataIndex: 'reconciliation',
      render: (v: number | null) => (v === null ? '—' : <Tag color={v === 0 ? 'green' : 'red'}>{v}</Tag>),
    },
  ];
  const running = loads.data?.items.find((l) => l.status === 'running');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('exchange.col.resource')}>
          <Select
            aria-label={t('exchange.col.resource')}
            data-testid="exchange-load-resource"
            style={{ width: 300, maxWidth: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
            value={resourceId}
            onChange={setResourceId}
            loading={resources.loading}
            options={(resources.data?.items ?? []).filter((r) => r.status !== 'retired').map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))}
          />
        </Form.Item>
        <Form.Item label={t('exchange.load.mode')}>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            options={[
              { value: 'all_or_nothing', label: t('exchange.load.mode.all_or_nothing') },
              { value: 'reject_bad_rows', label: t('exchange.load.mode.reject_bad_rows') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('exchange.load.declared')}>
          <InputNumber aria-label={t('exchange.load.declared')} data-testid="exchange-load-declared" min={0} value={declared} onChange={setDeclared} />
        </Form.Item>
        <Upload accept=".csv,.jsonl,.ndjson,.xlsx" showUploadList={false} beforeUpload={(f) => upload(f)} disabled={!resourceId || busy}>
          <Button type="primary" data-testid="exchange-load-upload" disabled={!resourceId} loading={busy}>
            {t('exchange.load.upload')}
          </Button>
        </Upload>
      </Form>
      <Typography.Text type="secondary">{t('exchange.load.hint')}</Typography.Text>
      {running && <Progress percent={declared ? Math.min(99, Math.round((running.rowsDone / declared) * 100)) : 50} status="active" showInfo={!!declared} />}
      {loads.error !== undefined && <Alert type="warning" message={errorText(loads.error, lang)} />}
      <Table<Load>
        rowKey="id"
        size="small"
        loading={loads.loading && !busy}
        dataSource={loads.data?.items ?? []}
        columns={columns}
        scroll={{ x: true }}
        expandable={{
          rowExpandable: (l) => l.problems.length > 0,
          expandedRowRender: (l) => (
            <Table
              size="small"
              pagination={false}
              rowKey="row"
              dataSource={l.problems}
              columns={[
                { title: t('exchange.row'), dataIndex: 'row', width: 80 },
                { title: t('exchange.problem'), dataIndex: 'errors', render: (v: string[]) => v.join('；') },
              ]}
            />
          ),
        }}
      />
    </Space>
  );
}
