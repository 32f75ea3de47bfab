import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT, type MessageKey } from '../../i18n.ts';
import { Demands } from './Demands.tsx';
import { Loads } from './Loads.tsx';
import { MountModal } from './Mount.tsx';
import { useCan } from '../../auth.tsx';
import { SideSelect, SideToolbar, useSide } from './components.tsx';

type Resource = Reply<'/api/exchange/resources'>['items'][number];
type Grant = Reply<'/api/exchange/grants'>['items'][number];
type Call = Reply<'/api/exchange/calls'>['items'][number];
type Stats = Reply<'/api/exchange/statistics'>;
type Mask = NonNullable<Grant['masks']>[number]['mask'];
type Problem = { row: number; column: string | null; message: string };

const MASKS: Mask[] = ['none', 'id_number', 'phone', 'name', 'partial', 'full'];
const STATUS_COLOR: Record<string, string> = { draft: 'default', in_review: 'gold', published: 'green', retired: 'default' };
const GRANT_COLOR: Record<string, string> = { pending: 'gold', granted: 'green', refused: 'red', revoked: 'default' };
const NEXT: Record<string, ('submit' | 'return' | 'publish' | 'retire')[]> = {
  draft: ['submit'],
  in_review: ['publish', 'return'],
  published: ['retire'],
  retired: [],
};

/**
 * 数据共享交换: the catalogue (data officer: import from Excel, submit, publish; every department: search and
 * request), the requests of my department and to it (the provider grants with a mask per field, refuses, revokes;
 * the consumer makes a machine token), the call log of both sides with its verification, and the month's figures.
 */
export default function ExchangePage() {
  const t = useT();
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('exchange.title')}
        </Typography.Title>
      }
    >
      <Tabs
        items={[
          { key: 'catalogue', label: t('exchange.tab.catalogue'), children: <Catalogue /> },
          { key: 'requests', label: t('exchange.tab.requests'), children: <Requests /> },
          { key: 'demands', label: t('exchange.tab.demands'), children: <Demands /> },
          { key: 'loads', label: t('exchange.tab.loads'), children: <Loads /> },
          { key: 'calls', label: t('exchange.tab.calls'), children: <Calls /> },
          { key: 'stats', label: t('exchange.tab.stats'), children: <Statistics /> },
        ]}
      />
    </Card>
  );
}

function Catalogue() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const [q, setQ] = useState('');
  const list = useRemote(() => api.get('/api/exchange/resources', { params: { query: { q: q || undefined, pageSize: 100 } } }), [q]);
  const [problems, setProblems] = useState<Problem[]>();
  const [requesting, setRequesting] = useState<Resource>();
  const [mounting, setMounting] = useState<Resource>();

  const step = async (r: Resource, action: 'submit' | 'return' | 'publish' | 'retire') => {
    try {
      await api.post('/api/exchange/resources/{id}/transitions', { params: { path: { id: r.id } }, body: { action, version: r.version } });
      list.reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const upload = async (file: File) => {
    setProblems(undefined);
    try {
      const res = await api.upload('/api/exchange/catalogue/imports', file);
      message.success(t('exchange.imported', { created: res.created, updated: res.updated }));
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EXCHANGE_IMPORT_INVALID') setProblems((err.details as { problems: Problem[] }).problems);
      else message.error(errorText(err, lang));
    }
    return false;
  };

  const columns: TableColumnsType<Resource> = [
    { title: t('exchange.col.code'), dataIndex: 'code', width: 150 },
    { title: t('exchange.col.name'), dataIndex: 'name' },
    { title: t('exchange.col.provider'), dataIndex: 'departmentName' },
    { title: t('exchange.col.sharing'), dataIndex: 'sharing', render: (v: string) => t(`exchange.sharing.${v}` as MessageKey) },
    {
      title: t('exchange.col.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`exchange.status.${v}` as MessageKey)}</Tag>,
    },
    { title: t('exchange.col.rows'), dataIndex: 'rows', width: 90 },
    {
      title: t('exchange.col.mount'),
      key: 'mount',
      render: (_: unknown, r) =>
        r.endpointId !== null ? (
          <Tag color={r.mount === 'endpoint' ? 'blue' : 'default'} data-testid={`exchange-mount-${r.code}`}>
            {t('exchange.mount.endpoint', { name: r.endpointName ?? '' })}
            {r.endpointStatus === 'disabled' ? ` · ${t('exchange.endpoint.status.disabled')}` : ''}
          </Tag>
        ) : (
          <Tag data-testid={`exchange-mount-${r.code}`}>{t(r.mount === 'table' ? 'exchange.mount.tableShort' : 'exchange.mount.none')}</Tag>
        ),
    },
    {
      title: t('exchange.col.actions'),
      key: 'actions',
      render: (_: unknown, r) => (
        <Space wrap>
          {can('exchange.endpoints') && r.status !== 'retired' && (
            <Button size="small" data-testid={`exchange-mount-do-${r.code}`} onClick={() => setMounting(r)}>
              {t('exchange.mount.do')}
            </Button>
          )}
          {can('exchange.catalog') &&
            NEXT[r.status].map((a) => (
              <Button key={a} size="small" data-testid={`exchange-${a}-${r.code}`} onClick={() => void step(r, a)}>
                {t(`exchange.action.${a}` as MessageKey)}
              </Button>
            ))}
          {r.status === 'published' && r.sharing !== 'closed' && can('exchange.request') && (
            <Button size="small" type="primary" data-testid={`exchange-request-${r.code}`} onClick={() => setRequesting(r)}>
              {t('exchange.action.request')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label={t('exchange.search')} placeholder={t('exchange.search')} allowClear onSearch={setQ} style={{ width: 320 }} />
        {can('exchange.catalog') && (
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
            <Button data-testid="exchange-import">{t('exchange.import')}</Button>
          </Upload>
        )}
        <Button onClick={() => void api.download('/api/exchange/catalogue.xlsx', {}, 'exchange-catalogue.xlsx')}>{t('exchange.export')}</Button>
      </Space>
      {problems && (
        <Alert
          type="error"
          message={t('exchange.importProblems')}
          description={
            <Table<Problem>
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
              pagination={false}
              dataSource={problems}
              columns={[
                { title: t('exchange.row'), dataIndex: 'row', width: 60 },
                { title: t('exchange.column'), dataIndex: 'column', width: 160 },
                { title: t('exchange.problem'), dataIndex: 'message' },
              ]}
            />
          }
        />
      )}
      <Table<Resource>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        expandable={{
          expandedRowRender: (r) => (
            <Typography.Text>
              {r.summary} · {r.fields.map((f) => f.name).join('、')}
            </Typography.Text>
          ),
        }}
      />
      {requesting && <RequestModal resource={requesting} onClose={() => setRequesting(undefined)} />}
      {mounting && (
        <MountModal
          resource={mounting}
          onClose={(saved) => {
            setMounting(undefined);
            if (saved) list.reload();
          }}
        />
      )}
    </Space>
  );
}

function RequestModal({ resource, onClose }: { resource: Resource; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const year = new Date().getFullYear();
  const [form] = Form.useForm<{ purpose: string; legalBasis: string; fields: string[]; periodFrom: string; periodTo: string; expectedVolume: number }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.create('/api/exchange/grants', { body: { resourceId: resource.id, ...v } });
      onClose();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={t('exchange.request.title', { name: resource.name })}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'exchange-request-ok' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fields: resource.fields.map((f) => f.key), periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, expectedVolume: 1000 }}
      >
        <Form.Item name="purpose" label={t('exchange.request.purpose')} rules={[{ required: true }]}>
          <Input data-testid="exchange-request-purpose" />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('exchange.request.basis')} rules={[{ required: true }]}>
          <Input data-testid="exchange-request-basis" />
        </Form.Item>
        <Form.Item name="fields" label={t('exchange.request.fields')} rules={[{ required: true }]}>
          <Checkbox.Group options={resource.fields.map((f) => ({ value: f.key, label: f.name }))} />
        </Form.Item>
        <Space>
          <Form.Item name="periodFrom" label={t('exchange.request.from')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="periodTo" label={t('exchange.request.to')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="expectedVolume" label={t('exchange.request.volume')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function Requests() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const [side, setSide] = useSide();
  const list = useRemote(() => api.get('/api/exchange/grants', { params: { query: { side, pageSize: 100 } } }), [side]);
  const [granting, setGranting] = useState<Grant>();
  const [token, setToken] = useState<string>();
  const fail = (err: unknown) => message.error(errorText(err, lang));

  const refuse = (g: Grant) => {
    let reasons = '';
    modal.confirm({
      title: t('exchange.grant.refuse'),
      content: <Input.TextArea aria-label={t('exchange.grant.reasons')} onChange={(e) => (reasons = e.target.value)} />,
      onOk: () =>
        api
          .post('/api/exchange/grants/{id}/refuse', { params: { path: { id: g.id } }, body: { version: g.version, reasons: reasons || '—' } })
          .then(list.reload, fail),
    });
  };
  const revoke = (g: Grant) =>
    api.post('/api/exchange/grants/{id}/revoke', { params: { path: { id: g.id } }, body: { version: g.version } }).then(list.reload, fail);
  const makeToken = (g: Grant) =>
    api.create('/api/exchange/tokens', { body: { grantId: g.id, name: `${g.resourceName}` } }).then((r) => setToken(r.token), fail);

  const columns: TableColumnsType<Grant> = [
    { title: t('exchange.col.resource'), dataIndex: 'resourceName' },
    { title: t('exchange.col.provider'), dataIndex: 'providerDepartmentName' },
    { title: t('exchange.col.consumer'), dataIndex: 'consumerDepartmentName' },
    { title: t('exchange.request.purpose'), dataIndex: 'purpose' },
    { title: t('exchange.col.status'), dataIndex: 'status', render: (v: string) => <Tag color={GRANT_COLOR[v]}>{t(`exchange.grant.${v}` as MessageKey)}</Tag> },
    { title: t('exchange.col.due'), dataIndex: 'dueDate', render: (v: string | null) => v ?? '—' },
    {
      title: t('exchange.col.allowed'),
      key: 'allowed',
      render: (_: unknown, g) =>
        (g.allowedFields ?? []).map((f) => {
          const mask = g.masks?.find((m) => m.field === f)?.mask;
          return (
            <Tag key={f}>
              {f}
              {mask ? ` · ${t(`exchange.mask.${mask}` as MessageKey)}` : ''}
            </Tag>
          );
        }),
    },
    {
      title: t('exchange.col.actions'),
      key: 'actions',
      render: (_: unknown, g) => (
        <Space wrap>
          {side === 'provider' && g.status === 'pending' && (
            <>
              <Button size="small" type="primary" data-testid={`exchange-grant-${g.id}`} onClick={() => setGranting(g)}>
                {t('exchange.grant.do')}
              </Button>
              <Button size="small" danger onClick={() => refuse(g)}>
                {t('exchange.grant.refuse')}
              </Button>
            </>
          )}
          {side === 'provider' && g.status === 'granted' && (
            <Button size="small" danger onClick={() => void revoke(g)}>
              {t('exchange.grant.revoke')}
            </Button>
          )}
          {side === 'consumer' && g.status === 'granted' && (
            <Button size="small" data-testid={`exchange-token-${g.id}`} onClick={() => void makeToken(g)}>
              {t('exchange.token.make')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <SideSelect label={t('exchange.tab.requests')} testId="exchange-grant-side" value={side} onChange={setSide} />
      {token && (
        <Alert
          type="success"
          closable
          onClose={() => setToken(undefined)}
          message={t('exchange.token.shown')}
          description={
            <Typography.Text copyable code data-testid="exchange-token">
              {token}
            </Typography.Text>
          }
        />
      )}
      <Table<Grant> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} />
      {granting && (
        <GrantModal
          grant={granting}
          onClose={() => {
            setGranting(undefined);
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function GrantModal({ grant, onClose }: { grant: Grant; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [allowed, setAllowed] = useState<string[]>(grant.requestedFields);
  const [masks, setMasks] = useState<Record<string, Mask>>({});
  const [rate, setRate] = useState(600);
  const submit = async () => {
    try {
      const chosen = Object.entries(masks)
        .filter(([f, m]) => allowed.includes(f) && m !== 'none')
        .map(([field, mask]) => ({ field, mask }));
      await api.post('/api/exchange/grants/{id}/grant', {
        params: { path: { id: grant.id } },
        body: { version: grant.version, allowedFields: allowed, masks: chosen, ratePerMinute: rate },
      });
      onClose();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={t('exchange.grant.title', { name: grant.resourceName })}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('exchange.grant.do')}
      okButtonProps={{ 'data-testid': 'exchange-grant-ok' } as never}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={grant.requestedFields.map((field) => ({ field }))}
        columns={[
          {
            title: t('exchange.col.allowed'),
            dataIndex: 'field',
            render: (f: string) => (
              <Checkbox checked={allowed.includes(f)} onChange={(e) => setAllowed(e.target.checked ? [...allowed, f] : allowed.filter((x) => x !== f))}>
                {f}
              </Checkbox>
            ),
          },
          {
            title: t('exchange.grant.mask'),
            key: 'mask',
            render: (_: unknown, { field }: { field: string }) => (
              <Select
                aria-label={`${t('exchange.grant.mask')} ${field}`}
                data-testid={`exchange-mask-${field}`}
                style={{ width: 160 }}
                value={masks[field] ?? 'none'}
                onChange={(m: Mask) => setMasks({ ...masks, [field]: m })}
                options={MASKS.map((m) => ({ value: m, label: t(`exchange.mask.${m}` as MessageKey) }))}
              />
            ),
          },
        ]}
      />
      <Form.Item label={t('exchange.grant.rate')} style={{ marginTop: 12 }}>
        <InputNumber min={1} value={rate} onChange={(v) => setRate(v ?? 600)} />
      </Form.Item>
    </Modal>
  );
}

function Calls() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const [side, setSide] = useSide('provider');
  const list = useRemote(() => api.get('/api/exchange/calls', { params: { query: { side, pageSize: 100 } } }), [side]);
  const [verdict, setVerdict] = useState<Reply<'/api/exchange/calls/verify', 'post'>>();
  const verify = () => api.post('/api/exchange/calls/verify').then(setVerdict, (err: unknown) => message.error(errorText(err, lang)));
  const columns: TableColumnsType<Call> = [
    { title: t('exchange.calls.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, lang) },
    { title: t('exchange.col.resource'), dataIndex: 'resourceCode' },
    { title: t('exchange.col.consumer'), dataIndex: 'consumerDepartmentName', render: (v: string | null) => v ?? '—' },
    {
      title: t('exchange.calls.code'),
      dataIndex: 'code',
      render: (v: string, c) => <Tag color={c.status === 200 ? 'green' : 'red'}>{`${c.status} ${v}`}</Tag>,
    },
    { title: t('exchange.calls.rows'), dataIndex: 'rowsOut', width: 80 },
    { title: t('exchange.calls.ms'), dataIndex: 'durationMs', width: 100 },
    {
      title: t('exchange.calls.provider'),
      key: 'provider',
      render: (_: unknown, c) => (c.providerMs === null ? '—' : `${c.providerStatus ?? '—'} · ${c.providerMs} ms`),
    },
    {
      title: t('exchange.calls.digest'),
      dataIndex: 'keyDigest',
      render: (v: string | null) => <Typography.Text code>{v ? `${v.slice(0, 12)}…` : '—'}</Typography.Text>,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <SideToolbar label={t('exchange.tab.calls')} testId="exchange-call-side" value={side} onChange={setSide}>
        {can('exchange.verify') && (
          <Button data-testid="exchange-verify" onClick={() => void verify()}>
            {t('exchange.verify')}
          </Button>
        )}
      </SideToolbar>
      {verdict &&
        (verdict.ok ? (
          <Alert type="success" data-testid="exchange-verdict" message={t('exchange.verify.ok', { count: verdict.count, checkpoints: verdict.checkpoints })} />
        ) : (
          <Alert
            type="error"
            data-testid="exchange-verdict"
            message={t('exchange.verify.broken', { id: verdict.brokenAt ?? '—', reason: verdict.reason ?? '' })}
          />
        ))}
      <Table<Call> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} columns={columns} />
    </Space>
  );
}

function Statistics() {
  const t = useT();
  const can = useCan();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const stats = useRemote(
    () => (can('exchange.stats') ? api.get('/api/exchange/statistics', { params: { query: { month } } }) : Promise.resolve(undefined as Stats | undefined)),
    [month],
  );
  const rowColumns = [
    { title: t('exchange.col.name'), dataIndex: 'name' },
    { title: t('exchange.stats.calls'), dataIndex: 'calls' },
    { title: t('exchange.stats.failures'), dataIndex: 'failures' },
    { title: t('exchange.stats.p95'), dataIndex: 'p95Ms', render: (v: number | null) => v ?? '—' },
  ];
  if (!can('exchange.stats')) return <Typography.Text>{t('exchange.none')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input aria-label={t('exchange.stats.month')} value={month} onChange={(e) => setMonth(e.target.value)} style={{ width: 140 }} />
      {(['byProvider', 'byConsumer', 'byResource'] as const).map((k) => (
        <Card key={k} size="small" title={t(`exchange.stats.${k}`)}>
          <Table size="small" pagination={false} rowKey="key" dataSource={stats.data?.[k] ?? []} columns={rowColumns} />
        </Card>
      ))}
      <Card size="small" title={t('exchange.stats.mounting')}>
        <Table
          size="small"
          pagination={false}
          rowKey="departmentId"
          dataSource={stats.data?.mounting ?? []}
          columns={[
            { title: t('exchange.col.provider'), dataIndex: 'name' },
            { title: t('exchange.stats.published'), dataIndex: 'published' },
            { title: t('exchange.stats.mounted'), dataIndex: 'mounted' },
            { title: t('exchange.stats.rate'), dataIndex: 'rate', render: (v: number) => `${Math.round(v * 100)}%` },
          ]}
        />
      </Card>
      <Card size="small" title={t('exchange.stats.mountingByKind')}>
        <Table
          size="small"
          pagination={false}
          rowKey="kind"
          dataSource={stats.data?.mountingByKind ?? []}
          columns={[
            { title: t('exchange.stats.kind'), dataIndex: 'kind' },
            { title: t('exchange.stats.published'), dataIndex: 'published' },
            { title: t('exchange.stats.mounted'), dataIndex: 'mounted' },
            { title: t('exchange.stats.rate'), dataIndex: 'rate', render: (v: number) => `${Math.round(v * 100)}%` },
          ]}
        />
      </Card>
      <Card size="small" title={t('exchange.stats.licenseUses')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.typeCode}-${r.departmentId}`}
          dataSource={stats.data?.licenseUses ?? []}
          columns={[
            { title: t('exchange.stats.licenseType'), dataIndex: 'typeName' },
            { title: t('exchange.col.provider'), dataIndex: 'name' },
            { title: t('exchange.stats.calls'), dataIndex: 'uses' },
          ]}
        />
      </Card>
    </Space>
  );
}
