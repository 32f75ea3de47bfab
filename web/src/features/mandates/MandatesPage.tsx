import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import { localDay, mandateApi, type GrantValues, type Mandate } from './mandates.ts';

const STATUS_COLOR: Record<Mandate['status'], string> = { active: 'green', revoked: 'default', expired: 'orange' };

/**
 * 授权管理: an applicant grants an agent a mandate to apply in its name (some items or all, at most a year), sees
 * what it granted and revokes; an agent sees whom it may act for. Which part shows follows the account's roles.
 */
export default function MandatesPage() {
  const t = useT();
  const { user } = useSession();
  const roles = user.roles.map((r) => r.role);
  const isPrincipal = roles.includes('applicant_person') || roles.includes('applicant_org');
  const isAgent = roles.includes('agent');
  return (
    <div data-testid="mandates-page">
      <PageTitle title={t('nav.mandates')} />
      {isPrincipal && <GrantedPart />}
      {isAgent && <ReceivedPart />}
      {!isPrincipal && !isAgent && <Empty description={t('mandate.none')} />}
    </div>
  );
}

function StatusTag({ m }: { m: Mandate }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[m.status]} data-testid={`mandate-status-${m.id}`} data-status={m.status}>
      {t(`mandate.status.${m.status}`)}
    </Tag>
  );
}

function ScopeCell({ m }: { m: Mandate }) {
  const t = useT();
  if (m.allItems) return <>{t('mandate.allItems')}</>;
  return (
    <Space size={2} wrap>
      {m.itemCodes.map((c) => (
        <Tag key={c} className="mono">
          {c}
        </Tag>
      ))}
    </Space>
  );
}

/** The mandates a principal granted or an agent received: one short list, no pages. */
function MandateTable(props: { loading: boolean; columns: TableColumnsType<Mandate>; items: Mandate[] | undefined; empty: string; testId: string }) {
  return (
    <Table<Mandate>
      rowKey="id"
      size="middle"
      loading={props.loading}
      columns={props.columns}
      dataSource={props.items ?? []}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: <Empty description={props.empty} /> }}
      data-testid={props.testId}
    />
  );
}

function GrantedPart() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const remote = useRemote(() => mandateApi.granted(), []);
  const [form] = Form.useForm<GrantValues>();
  const allItems = Form.useWatch('allItems', form) as boolean | undefined;
  const [busy, setBusy] = useState(false);

  const grant = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await mandateApi.grant({
        agentUsername: v.agentUsername.trim(),
        allItems: v.allItems,
        itemCodes: v.allItems ? [] : (v.itemCodes ?? []),
        validUntil: v.validUntil,
      });
      message.success(t('mandate.granted'));
      form.resetFields(['agentUsername', 'itemCodes']);
      remote.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (m: Mandate) => {
    try {
      await mandateApi.revoke(m);
      message.success(t('mandate.revoked'));
    } catch (err) {
      showError(err);
    }
    remote.reload();
  };

  const columns: TableColumnsType<Mandate> = [
    {
      title: t('mandate.agent'),
      key: 'agent',
      render: (_, m) => (
        <span data-testid={`mandate-agent-${m.id}`}>
          {m.agent.name} <Typography.Text type="secondary">({m.agent.username})</Typography.Text>
        </span>
      ),
    },
    { title: t('mandate.scope'), key: 'scope', render: (_, m) => <ScopeCell m={m} /> },
    { title: t('mandate.period'), key: 'period', render: (_, m) => `${m.validFrom} ~ ${m.validUntil}` },
    { title: t('mandate.origin'), dataIndex: 'origin', render: (o: Mandate['origin']) => t(`mandate.origin.${o}`) },
    { title: t('case.status'), key: 'status', render: (_, m) => <StatusTag m={m} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) =>
        m.status === 'active' && (
          <Popconfirm
            title={t('mandate.revokeConfirm', { name: m.agent.name })}
            okText={t('mandate.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': `mandate-revoke-ok-${m.id}` } as ButtonProps}
            onConfirm={() => revoke(m)}
          >
            <Button type="link" danger data-testid={`mandate-revoke-${m.id}`}>
              {t('mandate.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Card title={t('mandate.grantTitle')} className="block-gap" data-testid="mandate-grant">
        <Alert className="block-gap" type="info" showIcon title={t('mandate.grantHint')} />
        <Form<GrantValues> form={form} layout="vertical" initialValues={{ allItems: true, itemCodes: [], validUntil: localDay(90) }}>
          <div className="form-grid">
            <Form.Item
              name="agentUsername"
              label={t('mandate.agentUsername')}
              extra={t('mandate.agentUsernameHint')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 64 }]}
            >
              <Input data-testid="mandate-agent" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label={t('mandate.validUntil')}
              extra={t('mandate.validUntilHint')}
              rules={[
                { required: true, message: t('form.required') },
                {
                  validator: async (_, v?: string) => {
                    if (v && (v < localDay() || v > localDay(365))) throw new Error(t('mandate.validUntilHint'));
                  },
                },
              ]}
            >
              <Input type="date" min={localDay()} max={localDay(365)} data-testid="mandate-until" />
            </Form.Item>
          </div>
          <Form.Item name="allItems" label={t('mandate.scope')}>
            <Radio.Group
              options={[
                { value: true, label: t('mandate.allItems') },
                { value: false, label: t('mandate.someItems') },
              ]}
              data-testid="mandate-scope"
            />
          </Form.Item>
          {allItems === false && (
            <Form.Item
              name="itemCodes"
              label={t('mandate.itemCodes')}
              extra={t('mandate.itemCodesHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
            >
              <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} data-testid="mandate-items" />
            </Form.Item>
          )}
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={grant} data-testid="mandate-grant-submit">
            {t('mandate.grant')}
          </Button>
        </Form>
      </Card>
      <Card title={t('mandate.grantedTitle')} className="block-gap">
        <MandateTable loading={remote.loading} columns={columns} items={remote.data?.items} empty={t('mandate.none')} testId="mandates-granted" />
      </Card>
    </>
  );
}

function ReceivedPart() {
  const t = useT();
  const remote = useRemote(() => mandateApi.received(), []);
  const columns: TableColumnsType<Mandate> = [
    {
      title: t('mandate.principal'),
      key: 'principal',
      render: (_, m) => (
        <span data-testid={`mandate-principal-${m.id}`}>
          {m.principal.name}{' '}
          <Typography.Text type="secondary" className="mono">
            {m.principal.idNumberMasked}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('mandate.scope'), key: 'scope', render: (_, m) => <ScopeCell m={m} /> },
    { title: t('mandate.period'), key: 'period', render: (_, m) => `${m.validFrom} ~ ${m.validUntil}` },
    { title: t('mandate.origin'), dataIndex: 'origin', render: (o: Mandate['origin']) => t(`mandate.origin.${o}`) },
    { title: t('case.status'), key: 'status', render: (_, m) => <StatusTag m={m} /> },
  ];
  return (
    <Card title={t('mandate.receivedTitle')} className="block-gap">
      <Typography.Paragraph type="secondary">{t('mandate.receivedHint')}</Typography.Paragraph>
      <MandateTable loading={remote.loading} columns={columns} items={remote.data?.items} empty={t('mandate.noneReceived')} testId="mandates-received" />
    </Card>
  );
}
