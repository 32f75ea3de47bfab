import { CloseCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Radio, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { errorText, formatDateTime, useLang, useT } from '../../i18n.ts';

type JobList = Reply<'/api/jobs'>;
type Job = JobList['items'][number];
type RecurringJob = JobList['recurring'][number];
type Status = 'pending' | 'failed' | 'retried' | 'done';

// A coloured dot beside plain text: coloured text on a tint (antd's tags) falls short of WCAG's contrast.
const STATUS_BADGE: Record<Job['status'], 'processing' | 'error' | 'success'> = { pending: 'processing', failed: 'error', done: 'success' };

/** An error, in the body's text colour behind a red icon (red text on white falls short of WCAG's contrast). */
const ErrorText = ({ text, testId }: { text: string; testId?: string }) => (
  <Space size={4} align="start">
    <CloseCircleOutlined style={{ color: '#cf1322' }} aria-hidden />
    <Typography.Text data-testid={testId}>{text}</Typography.Text>
  </Space>
);

/** Every, in the largest whole unit: 1 s, 1 min, 1 h, 24 h. */
function period(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** The jobs page: the outbox's events by status with their errors and a retry, and the recurring jobs. */
export default function JobsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [reloadKey, setReloadKey] = useState(0);
  const [reply, setReply] = useState<JobList>();
  const [retryError, setRetryError] = useState<unknown>();

  const retry = async (job: Job) => {
    setRetryError(undefined);
    try {
      await api.post('/api/jobs/{id}/retry', { params: { path: { id: job.id } }, body: { version: job.version } });
      message.success(t('jobs.retried.ok'));
      setReloadKey((k) => k + 1);
    } catch (err) {
      setRetryError(err);
    }
  };

  const statusLabel = (s: Status) => t(`jobs.${s}`);
  const columns: TableColumnsType<Job> = [
    { title: '#', dataIndex: 'id', width: 72 },
    { title: t('jobs.name'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('jobs.status'), dataIndex: 'status', render: (s: Job['status']) => <Badge status={STATUS_BADGE[s]} text={statusLabel(s)} /> },
    { title: t('jobs.attempts'), render: (_: unknown, j: Job) => `${j.attempts} / ${j.maxAttempts}` },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    { title: t('jobs.runAt'), render: (_: unknown, j: Job) => (j.status === 'pending' ? formatDateTime(j.runAt, lang) : '—') },
    {
      title: t('jobs.error'),
      dataIndex: 'lastError',
      render: (v: string | null) => (v ? <ErrorText text={v} testId="job-error" /> : '—'),
    },
    {
      title: '',
      render: (_: unknown, j: Job) =>
        j.status === 'failed' && (
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void retry(j)} data-testid={`job-retry-${j.id}`}>
            {t('jobs.retry')}
          </Button>
        ),
    },
  ];

  const recurringColumns: TableColumnsType<RecurringJob> = [
    { title: t('jobs.name'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('jobs.every'), dataIndex: 'everyMs', render: period },
    { title: t('jobs.lastStartedAt'), dataIndex: 'lastStartedAt', render: (v: string | null) => (v ? formatDateTime(v, lang) : '—') },
    { title: t('jobs.runs'), dataIndex: 'runs' },
    { title: t('jobs.failures'), dataIndex: 'failures' },
    {
      title: t('jobs.error'),
      render: (_: unknown, r: RecurringJob) =>
        r.running ? <Badge status="processing" text={t('jobs.running')} /> : r.lastError ? <ErrorText text={r.lastError} /> : '—',
    },
  ];

  const statuses: Status[] = ['pending', 'failed', 'retried', 'done'];
  return (
    <>
      <PageTitle
        title={t('nav.jobs')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)} data-testid="jobs-reload">
            {t('jobs.refresh')}
          </Button>
        }
      />
      {retryError !== undefined && <Alert className="block-gap" type="error" showIcon title={errorText(retryError, lang)} />}
      <Card>
        <Space wrap className="block-gap">
          <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as Status | 'all')} optionType="button">
            <Radio.Button value="all">{t('jobs.all')}</Radio.Button>
            {statuses.map((s) => (
              <Radio.Button key={s} value={s}>
                <span data-testid={`jobs-status-${s}`} data-count={reply?.counts[s]}>
                  {statusLabel(s)} {reply ? `(${reply.counts[s]})` : ''}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Space>
        <DataTable<Job>
          testId="jobs-table"
          columns={columns}
          rowKey={(r) => r.id}
          query={status}
          reloadKey={reloadKey}
          load={async (page, pageSize) => {
            const data = await api.get('/api/jobs', { params: { query: { status: status === 'all' ? undefined : status, page, pageSize } } });
            setReply(data);
            return data;
          }}
        />
      </Card>
      {reply && reply.recurring.length > 0 && (
        <Card title={t('jobs.recurring')} className="block-gap">
          <Table<RecurringJob>
            size="small"
            rowKey="name"
            columns={recurringColumns}
            dataSource={reply.recurring}
            pagination={false}
            data-testid="jobs-recurring"
          />
        </Card>
      )}
    </>
  );
}
