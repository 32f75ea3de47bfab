import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, saveBlob } from '../../api.ts';
import type { AuditEntry, AuditVerification } from '../../api/types.ts';
import { useCan } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { errorText, formatDateTime, roleLabel, useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, labelOf } from './auditLabels.ts';

interface AuditFilters {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
}

const mono = (text: string | null) =>
  text ? (
    <Typography.Text code copyable={{ text }} className="mono">
      {text.length > 10 ? `${text.slice(0, 10)}…` : text}
    </Typography.Text>
  ) : (
    '—'
  );

export default function AuditPage() {
  const t = useT();
  const { lang } = useLang();
  const canVerify = useCan()('audit.verify');
  const [filters, setFilters] = useState<AuditFilters>({});
  const [verify, setVerify] = useState<AuditVerification>();
  const [verifyError, setVerifyError] = useState<unknown>();
  const [isVerifying, setIsVerifying] = useState(false);

  /** The signed checkpoints as JSON lines, to keep outside the database (`tongban audit verify --checkpoints FILE`). */
  const exportCheckpoints = async () => {
    setVerifyError(undefined);
    try {
      const { items } = await api.get('/api/audit/checkpoints');
      saveBlob(
        new Blob([items.map((c) => JSON.stringify(c)).join('\n') + '\n'], { type: 'application/x-ndjson' }),
        `audit-checkpoints-${new Date().toISOString().slice(0, 10)}.jsonl`,
      );
    } catch (err) {
      setVerifyError(err);
    }
  };

  const runVerify = async () => {
    setIsVerifying(true);
    setVerifyError(undefined);
    try {
      setVerify(await api.get('/api/audit/verify'));
    } catch (err) {
      setVerifyError(err);
    } finally {
      setIsVerifying(false);
    }
  };

  /** The filter's choices: the labels, sorted as read, each filtering by its code. */
  const options = (labels: Record<string, MessageKey>) =>
    Object.keys(labels)
      .map((code) => ({ value: code, label: labelOf(labels, code, t), title: code }))
      .sort((a, b) => a.label.localeCompare(b.label, lang === 'zh' ? 'zh-CN' : 'en'));

  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'id', width: 72 },
    { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, lang) },
    { title: t('audit.actor'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? '—' },
    { title: t('audit.actorRole'), dataIndex: 'actorRole', render: (v: string | null) => (v ? roleLabel(v, lang) : '—') },
    // People's words on the page; the code itself stays for an auditor in the tooltip.
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Tag title={v} data-code={v}>
          {labelOf(AUDIT_ACTION_LABELS, v, t)}
        </Tag>
      ),
    },
    {
      title: t('audit.targetType'),
      dataIndex: 'targetType',
      render: (v: string) => (
        <span title={v} data-code={v}>
          {labelOf(AUDIT_TARGET_LABELS, v, t)}
        </span>
      ),
    },
    { title: t('audit.targetId'), dataIndex: 'targetId', render: (v: string | null) => v ?? '—' },
    { title: t('audit.requestId'), dataIndex: 'requestId', render: mono },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      render: (h: string | null) => (h ? mono(h) : <Typography.Text type="secondary">{t('audit.pending')}</Typography.Text>),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.audit')}
        extra={
          canVerify && (
            <Space wrap>
              <Button onClick={exportCheckpoints} data-testid="audit-checkpoints" title={t('audit.checkpointsHint')}>
                {t('audit.checkpoints')}
              </Button>
              <Button icon={<SafetyCertificateOutlined />} onClick={runVerify} loading={isVerifying} data-testid="audit-verify">
                {t('audit.verify')}
              </Button>
            </Space>
          )
        }
      />
      {verify && (
        <Alert
          className="block-gap"
          showIcon
          type={verify.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          data-ok={String(verify.ok)}
          description={verify.ok ? undefined : (verify.reason ?? undefined)}
          title={
            <Space wrap>
              <Tag color={verify.ok ? 'green' : 'red'}>{verify.ok ? t('audit.intact') : t('audit.broken')}</Tag>
              {verify.ok
                ? t('audit.intactText', { count: verify.count, checkpoints: verify.checkpoints })
                : t('audit.brokenText', { id: String(verify.brokenAt ?? '?'), count: verify.count })}
            </Space>
          }
        />
      )}
      {verifyError !== undefined && <Alert className="block-gap" type="error" showIcon title={errorText(verifyError, lang)} />}
      <Card>
        <FilterBar<AuditFilters> onSearch={setFilters} testId="audit-filters">
          <Form.Item name="targetType" label={t('audit.targetType')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options(AUDIT_TARGET_LABELS)}
              style={{ width: 200 }}
              data-testid="audit-filter-targetType"
            />
          </Form.Item>
          <Form.Item name="targetId" label={t('audit.targetId')}>
            <Input allowClear data-testid="audit-filter-targetId" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options(AUDIT_ACTION_LABELS)}
              style={{ width: 200 }}
              data-testid="audit-filter-action"
            />
          </Form.Item>
        </FilterBar>
        <DataTable<AuditEntry>
          testId="audit-table"
          columns={columns}
          rowKey={(r) => r.id}
          query={filters}
          load={(page, pageSize) => api.get('/api/audit', { params: { query: { ...filters, page, pageSize } } })}
        />
      </Card>
    </>
  );
}
