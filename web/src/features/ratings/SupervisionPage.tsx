import { DownloadOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Radio, Row, Select, Statistic, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import { caseApi, ClockCell, ReasonModal } from '../cases/index.tsx';
import type { Appeal, CaseListItem, StatsRow } from '../../api/types.ts';
import { RATE_KEYS, type RateKey } from './format.ts';
import { codeName, rateText } from './format.ts';
import { RatesChart } from './RatesChart.tsx';
import { levelLabel, useRatingOptions } from './RatingForm.tsx';

type Tab = 'warnings' | 'stats' | 'appeals';
const DIMENSIONS = ['department', 'implementation', 'clerk', 'channel', 'month'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** 督查督办: amber and red cases per department with extensions, the rating statistics, and appeals to decide. */
export default function SupervisionPage() {
  const t = useT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'warnings';
  const items = [
    { key: 'warnings', label: t('supervision.warnings'), children: <WarningsTab canExtend={can('cases.extend')} /> },
    ...(can('ratings.supervise')
      ? [
          { key: 'stats', label: t('supervision.stats'), children: <StatsTab /> },
          { key: 'appeals', label: t('supervision.appeals'), children: <AppealsTab /> },
        ]
      : []),
  ];
  return (
    <>
      <PageTitle title={t('nav.supervision')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'warnings' ? {} : { tab: k }, { replace: true })}
        items={items}
        destroyOnHidden
        data-testid="supervision-tabs"
      />
    </>
  );
}

function WarningsTab({ canExtend }: { canExtend: boolean }) {
  const t = useT();
  const [reloadKey, setReloadKey] = useState(0);
  const remote = useRemote(() => api.get('/api/cases/supervision'), [reloadKey]);
  const [extending, setExtending] = useState<CaseListItem>();
  const departments = remote.data?.departments ?? [];
  const cases = remote.data?.cases ?? [];
  const caseColumns: TableColumnsType<CaseListItem> = [
    { title: t('case.number'), dataIndex: 'number', render: (n: string) => <span className="mono">{n}</span> },
    { title: t('case.department'), dataIndex: 'department' },
    { title: t('case.item'), dataIndex: 'implementationName' },
    { title: t('case.applicant'), dataIndex: 'applicantName' },
    { title: t('case.clock'), key: 'clock', render: (_, c) => <ClockCell clock={c.clock} /> },
    ...(canExtend
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, c: CaseListItem) =>
              c.clock.extended ? (
                <Tag color="orange">{t('clock.extended')}</Tag>
              ) : (
                <Button size="small" icon={<FieldTimeOutlined />} onClick={() => setExtending(c)} data-testid={`extend-${c.number}`}>
                  {t('supervision.extend')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Table
        className="block-gap"
        data-testid="supervision-departments"
        loading={remote.loading}
        dataSource={departments}
        rowKey="department"
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('supervision.noWarnings')} /> }}
        columns={[
          { title: t('case.department'), dataIndex: 'department' },
          { title: t('supervision.inReview'), dataIndex: 'inReview' },
          { title: t('supervision.amber'), dataIndex: 'amber', render: (n: number) => (n ? <Tag color="gold">{n}</Tag> : 0) },
          { title: t('supervision.red'), dataIndex: 'red', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
        ]}
      />
      <Table<CaseListItem>
        data-testid="supervision-cases"
        loading={remote.loading}
        dataSource={cases}
        rowKey="number"
        size="small"
        scroll={{ x: 'max-content' }}
        rowClassName={(c) => `warning-row-${c.clock.warning}`}
        columns={caseColumns}
        locale={{ emptyText: <Empty description={t('supervision.noWarnings')} /> }}
      />
      <ReasonModal
        open={extending !== undefined}
        title={t('supervision.extend')}
        label={t('supervision.extendReason')}
        hint={t('supervision.extendHint')}
        okText={t('supervision.extend')}
        successText={t('supervision.extended')}
        testId="extend"
        onSubmit={(reason) => caseApi.act(extending!.number, 'extend', { version: extending!.version, reason })}
        onClose={() => setExtending(undefined)}
        onDone={() => setReloadKey((n) => n + 1)}
      />
    </>
  );
}

const month = (d: Dayjs) => d.format('YYYY-MM');

function StatsTab() {
  const t = useT();
  const { lang } = useLang();
  const showError = useShowError();
  const [to, setTo] = useState<Dayjs>(() => dayjs());
  const [from, setFrom] = useState<Dayjs>(() => dayjs().subtract(5, 'month'));
  const [by, setBy] = useState<Dimension>('department');
  const query = { from: month(from.isAfter(to) ? to : from), to: month(to), by };
  const rows = useRemote(() => api.get('/api/ratings/statistics', { params: { query } }), [query.from, query.to, by]);
  // The headline figures: the last month of the range, all departments.
  const headline = useRemote(() => api.get('/api/ratings/statistics', { params: { query: { from: query.to, to: query.to, by: 'month' } } }), [query.to]);
  const monthRow = headline.data?.items[0];
  const items = rows.data?.items ?? [];
  const options = useRatingOptions();
  // A channel by its name in the page's language (the server labels it in Chinese); 'default' is the default rating.
  const label = useCallback(
    (r: StatsRow) => (by === 'channel' ? (r.key === 'default' ? t('stats.defaultChannel') : codeName(options?.channels, r.key, lang)) : r.label || '—'),
    [by, t, options, lang],
  );
  const columns: TableColumnsType<StatsRow> = [
    { title: t('stats.label'), key: 'label', fixed: 'left', render: (_, r) => <span data-testid={`stats-label-${r.key}`}>{label(r)}</span> },
    { title: t('stats.ratings'), dataIndex: 'ratings' },
    { title: t('stats.badRatings'), dataIndex: 'badRatings' },
    ...RATE_KEYS.map((k) => ({ title: t(`stats.${k}`), dataIndex: k, render: (v: number | null) => rateText(v) })),
  ];
  return (
    <>
      <div className="toolbar">
        <DatePicker picker="month" value={from} onChange={(d) => d && setFrom(d)} allowClear={false} aria-label={t('stats.from')} data-testid="stats-from" />
        <DatePicker picker="month" value={to} onChange={(d) => d && setTo(d)} allowClear={false} aria-label={t('stats.to')} data-testid="stats-to" />
        <Select<Dimension>
          value={by}
          onChange={setBy}
          options={DIMENSIONS.map((d) => ({ value: d, label: t(`stats.by.${d}`) }))}
          className="toolbar-select"
          aria-label={t('stats.by')}
          data-testid="stats-by"
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => api.download('/api/ratings/statistics/export', { params: { query } }, 'ratings.xlsx').catch(showError)}
          data-testid="stats-export"
        >
          {t('stats.export')}
        </Button>
      </div>
      <Card size="small" className="block-gap" title={t('stats.period', { month: query.to })} data-testid="stats-kpis" data-month={query.to}>
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8} lg={3}>
            <Statistic title={t('stats.ratings')} value={monthRow?.ratings ?? 0} data-testid="kpi-ratings" />
          </Col>
          {RATE_KEYS.map((k: RateKey) => (
            <Col xs={12} sm={8} lg={3} key={k}>
              <Statistic title={t(`stats.${k}`)} value={rateText(monthRow?.[k])} data-testid={`kpi-${k}`} />
            </Col>
          ))}
        </Row>
      </Card>
      {items.length === 0 && !rows.loading ? (
        <Empty description={t('stats.none')} />
      ) : (
        <>
          <Card size="small" title={t('stats.chart')} className="block-gap">
            <RatesChart rows={items} label={label} />
          </Card>
          <Table<StatsRow>
            data-testid="stats-table"
            loading={rows.loading}
            dataSource={items}
            rowKey="key"
            columns={columns}
            size="small"
            scroll={{ x: 'max-content' }}
            pagination={false}
            onRow={(r) => ({ 'data-testid': `stats-row-${r.key}` }) as HTMLAttributes<HTMLElement>}
          />
        </>
      )}
    </>
  );
}

/**
 * 评价申诉: the departments' appeals, newest first. Reasons wrap in narrow cells (the case and its department share
 * one), so the table fits a 1280px screen; deciding means choosing to uphold or reject, never a preselected answer.
 */
function AppealsTab() {
  const t = useT();
  const { lang } = useLang();
  const options = useRatingOptions();
  const [reloadKey, setReloadKey] = useState(0);
  const [deciding, setDeciding] = useState<Appeal>();
  const columns: TableColumnsType<Appeal> = [
    {
      title: t('case.number'),
      dataIndex: 'caseNumber',
      render: (n: string, a) => (
        <div className="appeal-cell appeal-cell-case">
          <span className="mono">{n}</span>
          <div className="small-text remedy-muted">{a.department}</div>
        </div>
      ),
    },
    {
      title: t('remedy.level'),
      dataIndex: 'level',
      render: (l: string, a) => (
        <div className="appeal-cell">
          <Tag color={l === '4' || l === '5' ? 'red' : 'default'}>{levelLabel(options, l, lang)}</Tag>
          <div className="remedy-comment">{a.comment || '—'}</div>
        </div>
      ),
    },
    {
      title: t('appeal.reason'),
      dataIndex: 'reason',
      render: (v: string, a) => (
        <div className="appeal-cell" data-testid={`appeal-reason-${a.id}`}>
          {v}
        </div>
      ),
    },
    {
      title: t('case.status'),
      dataIndex: 'status',
      render: (s: Appeal['status'], a) => (
        <div className="appeal-cell" data-testid={`appeal-status-${a.id}`} data-status={s}>
          <Tag color={s === 'pending' ? 'processing' : s === 'upheld' ? 'success' : 'volcano'}>{t(`appeal.status.${s}`)}</Tag>
          {a.decisionReason && <div className="small-text">{t('appeal.decisionReasonLine', { reason: a.decisionReason })}</div>}
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.allowedActions.includes('decide') && (
          <Button size="small" onClick={() => setDeciding(a)} data-testid={`appeal-decide-${a.id}`}>
            {t('appeal.decide')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <DataTable<Appeal>
        columns={columns}
        rowKey={(a) => a.id}
        load={() => api.get('/api/rating-appeals')}
        reloadKey={reloadKey}
        clientPaging
        testId="appeals"
        tableProps={{
          onRow: (a) => ({ 'data-testid': `appeal-${a.caseNumber}`, 'data-id': a.id }) as HTMLAttributes<HTMLElement>,
          locale: { emptyText: <Empty description={t('appeal.empty')} data-testid="appeals-empty" /> },
        }}
      />
      <FormModal<{ upheld: boolean; reason: string }>
        open={deciding !== undefined}
        title={t('appeal.decide')}
        onSubmit={(v) =>
          api.post('/api/rating-appeals/{id}/decide', { params: { path: { id: deciding!.id } }, body: { upheld: v.upheld, reason: v.reason.trim() } })
        }
        onClose={() => setDeciding(undefined)}
        onDone={() => setReloadKey((n) => n + 1)}
        successText={t('appeal.decided')}
        okText={t('appeal.decideOk')}
        testId="appeal-decide"
      >
        {deciding && <Alert type="info" showIcon className="block-gap" title={t('appeal.reasonLine', { reason: deciding.reason })} />}
        <Form.Item name="upheld" label={t('appeal.decision')} rules={[{ required: true, message: t('appeal.chooseDecision') }]}>
          <Radio.Group
            options={[
              { value: true, label: t('appeal.uphold') },
              { value: false, label: t('appeal.reject') },
            ]}
            data-testid="appeal-upheld"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('appeal.decisionReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="appeal-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
