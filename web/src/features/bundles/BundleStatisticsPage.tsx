import { BarChartOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Empty, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useBarChart } from '../../components/useBarChart.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';

type Stats = Reply<'/api/bundle-cases/statistics'>;
type CaseRow = Stats['cases'][number];
const COUNTS = ['applied', 'open', 'closed', 'delivered', 'refused', 'withdrawn', 'rated'] as const satisfies readonly (keyof CaseRow)[];
const CHARTED = ['applied', 'closed', 'delivered', 'rated'] as const;
const COLORS = ['#1d5fbf', '#52c41a', '#13a8a8', '#fa8c16'];
const MONTH = /^\d{4}-\d{2}$/;

/** Bundle cases by bundle as grouped bars (ECharts from echarts/core, the SVG renderer, no animation). */
function CasesChart({ rows }: { rows: CaseRow[] }) {
  const t = useT();
  const box = useBarChart(
    () => ({
      animation: false,
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.bundleName), axisLabel: { interval: 0, width: 96, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: CHARTED.map((key) => ({ type: 'bar', name: t(`bundles.stats.${key}`), data: rows.map((r) => r[key]), barMaxWidth: 18 })),
    }),
    [rows, t],
  );
  return <div ref={box} className="rates-chart" role="img" aria-label={t('bundles.stats.chart')} data-testid="bundle-stats-chart" />;
}

/**
 * 一件事 statistics for supervisors and item admins, scoped as the API is (a supervisor's regions; an item admin's
 * the bundles the department leads): bundle cases by bundle, as a table and bars, and the ratings given once for a
 * bundle as each member department received them. The months come from the address (?from=YYYY-MM&to=YYYY-MM);
 * without them, this month by the platform's date (the server's today(), in China; the reply says which).
 */
export default function BundleStatisticsPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const from = MONTH.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = MONTH.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const stats = useRemote(() => api.get('/api/bundle-cases/statistics', { params: { query: { from, to } } }), [from, to]);
  const setRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    if (range?.[0] && range[1]) setParams({ from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') });
    else setParams({});
  };
  const rows = stats.data?.cases ?? [];
  // The period shown: the address's, else the month the server counted (this month by the platform's date).
  const shownFrom = from ?? stats.data?.from;
  const shownTo = to ?? stats.data?.to;
  const ratings = stats.data?.ratings;

  return (
    <Card data-testid="bundle-stats">
      <Typography.Title level={3}>
        <BarChartOutlined /> {t('bundles.stats.title')}
      </Typography.Title>
      <DatePicker.RangePicker
        picker="month"
        value={shownFrom && shownTo ? [dayjs(`${shownFrom}-01`), dayjs(`${shownTo}-01`)] : null}
        placeholder={[t('bundles.stats.thisMonth'), t('bundles.stats.thisMonth')]}
        onChange={setRange}
        aria-label={t('bundles.stats.period')}
        data-testid="bundle-stats-period"
      />
      {stats.error !== undefined && <Alert className="block-gap" type="error" showIcon title={errorText(stats.error, lang)} />}
      <Typography.Title level={4} className="block-gap">
        {t('bundles.stats.byBundle')}
      </Typography.Title>
      {!stats.loading && rows.length === 0 ? (
        <Empty description={t('bundles.stats.none')} />
      ) : (
        <>
          <CasesChart rows={rows} />
          <Table<CaseRow>
            size="small"
            rowKey="bundleCode"
            loading={stats.loading}
            pagination={false}
            scroll={{ x: true }}
            dataSource={rows}
            data-testid="bundle-stats-cases"
            columns={[
              {
                title: t('bundles.stats.bundle'),
                dataIndex: 'bundleName',
                render: (name: string, r) => <span data-testid={`bundle-stats-${r.bundleCode}`}>{name}</span>,
              },
              ...COUNTS.map((key) => ({ title: t(`bundles.stats.${key}` as MessageKey), dataIndex: key, align: 'right' as const })),
            ]}
          />
        </>
      )}
      <Typography.Title level={4} className="block-gap">
        {t('bundles.stats.byDepartment')}
      </Typography.Title>
      {ratings && (
        <Typography.Paragraph type="secondary">{t('bundles.stats.totals', { bundles: ratings.bundles, ratings: ratings.ratings })}</Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="departmentId"
        loading={stats.loading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={ratings?.byDepartment ?? []}
        data-testid="bundle-stats-departments"
        columns={[
          { title: t('bundles.stats.department'), dataIndex: 'name', render: (name: string | null) => name ?? '—' },
          { title: t('bundles.stats.bundles'), dataIndex: 'bundles', align: 'right' },
          { title: t('bundles.stats.ratings'), dataIndex: 'ratings', align: 'right' },
          { title: t('bundles.stats.satisfied'), dataIndex: 'satisfied', align: 'right' },
        ]}
      />
    </Card>
  );
}
