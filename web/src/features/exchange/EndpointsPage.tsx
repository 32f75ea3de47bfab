import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';

type Endpoint = Reply<'/api/exchange/endpoints'>['items'][number];
type EndpointForm = { name: string; baseUrl: string; method: 'GET' | 'POST'; keyParam: string; timeoutMs: number; departmentId?: number };

/**
 * 前置机/接口登记: the endpoints of the provider departments' systems that mounted resources' calls are forwarded to
 * (ADR 0047). Data officers register, edit and disable them; the resource's 挂载 is chosen in the catalogue.
 */
export default function EndpointsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const list = useRemote(() => api.get('/api/exchange/endpoints', { params: { query: { pageSize: 100 } } }), []);
  const [editing, setEditing] = useState<Endpoint | 'new'>();
  const setStatus = (e: Endpoint, status: 'active' | 'disabled') =>
    api
      .post('/api/exchange/endpoints/{id}/status', { params: { path: { id: e.id } }, body: { status, version: e.version } })
      .then(list.reload, (err: unknown) => message.error(errorText(err, lang)));

  const columns: TableColumnsType<Endpoint> = [
    { title: t('exchange.endpoint.name'), dataIndex: 'name' },
    { title: t('exchange.col.provider'), dataIndex: 'departmentName' },
    {
      title: t('exchange.endpoint.baseUrl'),
      dataIndex: 'baseUrl',
      render: (v: string, e) => (
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {`${e.method} ${v}`}
        </Typography.Text>
      ),
    },
    { title: t('exchange.endpoint.keyParam'), dataIndex: 'keyParam' },
    { title: t('exchange.endpoint.timeout'), dataIndex: 'timeoutMs', width: 110 },
    { title: t('exchange.endpoint.resources'), dataIndex: 'resources', width: 90 },
    {
      title: t('exchange.col.status'),
      dataIndex: 'status',
      render: (v: 'active' | 'disabled') => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`exchange.endpoint.status.${v}`)}</Tag>,
    },
    {
      title: t('exchange.col.actions'),
      key: 'actions',
      render: (_: unknown, e) => (
        <Space wrap>
          <Button size="small" data-testid={`endpoint-edit-${e.id}`} onClick={() => setEditing(e)}>
            {t('exchange.endpoint.edit')}
          </Button>
          {e.status === 'active' ? (
            <Button size="small" danger data-testid={`endpoint-disable-${e.id}`} onClick={() => void setStatus(e, 'disabled')}>
              {t('exchange.endpoint.disable')}
            </Button>
          ) : (
            <Button size="small" data-testid={`endpoint-enable-${e.id}`} onClick={() => void setStatus(e, 'active')}>
              {t('exchange.endpoint.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {t('exchange.endpoint.title')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" data-testid="endpoint-new" onClick={() => setEditing('new')}>
          {t('exchange.endpoint.new')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('exchange.endpoint.hint')}</Typography.Paragraph>
        <Table<Endpoint>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: t('exchange.none') }}
        />
      </Space>
      {editing && (
        <EndpointModal
          endpoint={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) list.reload();
          }}
        />
      )}
    </Card>
  );
}

function EndpointModal({ endpoint, onClose }: { endpoint?: Endpoint; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndpointForm>();
  const departments = useRemote(() => (endpoint ? Promise.resolve(undefined) : api.get('/api/departments')), []);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (endpoint) {
        const { departmentId: _d, ...body } = v;
        await api.put('/api/exchange/endpoints/{id}', { params: { path: { id: endpoint.id } }, body: { ...body, version: endpoint.version } });
      } else {
        await api.create('/api/exchange/endpoints', { body: { ...v, departmentId: v.departmentId! } });
      }
      message.success(t('exchange.endpoint.saved'));
      onClose(true);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Modal
      open
      title={endpoint ? t('exchange.endpoint.edit') : t('exchange.endpoint.new')}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'endpoint-ok' } as never}
    >
      <Form form={form} layout="vertical" initialValues={endpoint ?? { method: 'GET', timeoutMs: 3000, keyParam: 'key' }}>
        {!endpoint && (
          <Form.Item name="departmentId" label={t('exchange.col.provider')} rules={[{ required: true }]}>
            <Select
              data-testid="endpoint-department"
              showSearch
              optionFilterProp="label"
              loading={departments.loading}
              options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('exchange.endpoint.name')} rules={[{ required: true }]}>
          <Input data-testid="endpoint-name" />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label={t('exchange.endpoint.baseUrl')}
          rules={[{ required: true, pattern: /^https?:\/\/\S+$/, message: t('exchange.endpoint.baseUrlRule') }]}
        >
          <Input data-testid="endpoint-url" placeholder="http://10.0.0.1:8080/api/query" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="method" label={t('exchange.endpoint.method')}>
            <Select
              data-testid="endpoint-method"
              style={{ width: 120 }}
              options={[
                { value: 'GET', label: 'GET' },
                { value: 'POST', label: 'POST' },
              ]}
            />
          </Form.Item>
          <Form.Item name="keyParam" label={t('exchange.endpoint.keyParam')} rules={[{ required: true, pattern: /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/ }]}>
            <Input data-testid="endpoint-key" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="timeoutMs" label={t('exchange.endpoint.timeout')}>
            <InputNumber data-testid="endpoint-timeout" min={100} max={10000} step={500} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
