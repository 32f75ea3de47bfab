import { StarOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Empty, Grid, List, Progress, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import type { PublicRatings, StatsRow } from '../../api/types.ts';
import { isMonth, rateText } from './format.ts';

/** 好差评公示 (no sign-in): each department's figures for a month, as the rules require them published. */
export default function PublicRatingsPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  // No month: this month. A month that is not one (2026-13, a typo in a link) is said so, and nothing is asked for.
  const month = asked === null ? dayjs().format('YYYY-MM') : isMonth(asked) ? asked : null;
  const remote = useRemote<PublicRatings | null>(
    () => (month ? api.get('/api/ratings/public', { params: { query: { month } } }) : Promise.resolve(null)),
    [month],
  );
  const isBadMonth = month === null || (remote.error instanceof ApiError && remote.error.code === 'VALIDATION_FAILED');
  const failed = remote.error !== undefined && !isBadMonth;
  const rows = failed || isBadMonth ? [] : (remote.data?.items ?? []);
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md === false;

  // a progress bar needs a name (WCAG 4.1.2): the rate it shows
  const bar = (v: number | null, label: string, color?: string) =>
    v === null ? (
      '—'
    ) : (
      <Progress percent={v} size="small" status="normal" strokeColor={color} format={() => rateText(v)} className="rate-bar" aria-label={label} />
    );
  const columns: TableColumnsType<StatsRow> = [
    { title: t('case.department'), dataIndex: 'label', fixed: 'left' },
    { title: t('stats.ratings'), dataIndex: 'ratings' },
    { title: t('stats.satisfactionRate'), dataIndex: 'satisfactionRate', render: (v: number | null) => bar(v, t('stats.satisfactionRate')) },
    { title: t('stats.goodRate'), dataIndex: 'goodRate', render: (v: number | null) => rateText(v) },
    { title: t('stats.badRate'), dataIndex: 'badRate', render: (v: number | null) => rateText(v) },
    { title: t('stats.remedyRate'), dataIndex: 'remedyRate', render: (v: number | null) => bar(v, t('stats.remedyRate'), '#fa8c16') },
    { title: t('stats.followUpRate'), dataIndex: 'followUpRate', render: (v: number | null) => rateText(v) },
    // anonymous bad ratings cannot be followed up: counted here, never as followed up
    { title: t('stats.followUpUnreachable'), dataIndex: 'followUpUnreachable' },
    { title: t('stats.activeRatingRate'), dataIndex: 'activeRatingRate', render: (v: number | null) => rateText(v) },
  ];

  return (
    <PublicLayout wide>
      <Card data-testid="public-ratings" data-month={month ?? ''}>
        <Typography.Title level={2}>
          <StarOutlined /> {t('ratings.publicTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('ratings.intro')}</Typography.Paragraph>
        <div className="toolbar">
          <DatePicker
            picker="month"
            value={month ? dayjs(`${month}-01`) : null}
            placeholder={t('ratings.pickMonth')}
            onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
            allowClear={false}
            aria-label={t('ratings.month')}
            data-testid="public-ratings-month"
          />
        </div>
        {isBadMonth ? (
          <Alert type="warning" showIcon title={t('ratings.badMonth')} data-testid="public-ratings-bad-month" />
        ) : failed ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />
        ) : !remote.loading && rows.length === 0 ? (
          <Empty description={t('ratings.none')} />
        ) : isNarrow ? (
          <List<StatsRow>
            loading={remote.loading}
            dataSource={rows}
            renderItem={(r) => (
              <List.Item key={r.key} data-testid={`public-rating-${r.key}`}>
                <div className="rating-card">
                  <Typography.Text strong>{r.label}</Typography.Text>
                  <div className="small-text">
                    {t('stats.ratings')} {r.ratings} · {t('stats.badRatings')} {r.badRatings}
                  </div>
                  <div className="rating-card-row">
                    <span>{t('stats.satisfactionRate')}</span>
                    {bar(r.satisfactionRate, t('stats.satisfactionRate'))}
                  </div>
                  <div className="rating-card-row">
                    <span>{t('stats.remedyRate')}</span>
                    {bar(r.remedyRate, t('stats.remedyRate'), '#fa8c16')}
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<StatsRow>
            data-testid="public-ratings-table"
            loading={remote.loading}
            dataSource={rows}
            rowKey="key"
            columns={columns}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ 'data-testid': `public-rating-${r.key}` }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
    </PublicLayout>
  );
}
