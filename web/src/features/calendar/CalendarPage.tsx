import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import type { CalendarDay, CalendarYear } from './calendar.ts';
import { monthName } from './calendar.ts';
import { DayEditModal } from './DayEditModal.tsx';
import { ImportCard } from './ImportCard.tsx';
import { MonthGrid } from './MonthGrid.tsx';
import { WorkdayCalculator } from './WorkdayCalculator.tsx';

/** This year when loaded, else the last loaded year. */
function defaultYear(years: CalendarYear[]): number | undefined {
  const thisYear = new Date().getFullYear();
  return years.find((y) => y.year === thisYear)?.year ?? years[years.length - 1]?.year;
}

export default function CalendarPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<CalendarDay>();

  const years = useRemote(() => api.get('/api/calendar/years').then((r) => ({ list: [...r.years].sort((a, b) => a.year - b.year), toLoad: r.yearToLoad })), []);
  const yearList = years.data?.list ?? [];
  const toLoad = years.data?.toLoad ?? null;
  const now = new Date();
  const year = Number(params.get('year')) || defaultYear(yearList) || now.getFullYear();
  const month = Number(params.get('month')) || (year === now.getFullYear() ? now.getMonth() + 1 : 1);
  const yearInfo = yearList.find((y) => y.year === year);

  const days = useRemote(
    () => (yearInfo ? api.get('/api/calendar/days', { params: { query: { year, month } } }).then((r) => r.days) : Promise.resolve([])),
    [year, month, yearInfo?.year],
  );

  const go = (y: number, m: number) => setParams({ year: String(y), month: String(m) }, { replace: true });
  const hasYear = (y: number) => yearList.some((i) => i.year === y);
  const prev = month === 1 ? [year - 1, 12] : [year, month - 1];
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  const reloadAll = () => {
    years.reload();
    days.reload();
  };

  return (
    <>
      <PageTitle title={t('nav.calendar')} />
      {years.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(years.error, lang)} />}
      {toLoad !== null && (
        <Alert type="warning" showIcon className="block-gap" title={t('calendar.yearToLoad', { year: toLoad })} data-testid="calendar-year-to-load" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card data-testid="calendar-month">
            {yearList.length === 0 && !years.loading ? (
              <Empty description={t('calendar.noYears')} />
            ) : (
              <>
                <div className="calendar-toolbar">
                  <Space wrap>
                    <Button
                      icon={<LeftOutlined />}
                      aria-label={t('calendar.prevMonth')}
                      disabled={!hasYear(prev[0])}
                      onClick={() => go(prev[0], prev[1])}
                      data-testid="calendar-prev"
                    />
                    <Select
                      aria-label={t('calendar.year')}
                      value={year}
                      onChange={(y) => go(y, month)}
                      options={yearList.map((y) => ({ value: y.year, label: String(y.year) }))}
                      loading={years.loading}
                      style={{ width: 100 }}
                      data-testid="calendar-year"
                    />
                    <Select
                      aria-label={t('calendar.month')}
                      value={month}
                      onChange={(m) => go(year, m)}
                      options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthName(i + 1, lang) }))}
                      style={{ width: 120 }}
                      data-testid="calendar-month-select"
                    />
                    <Button
                      icon={<RightOutlined />}
                      aria-label={t('calendar.nextMonth')}
                      disabled={!hasYear(next[0])}
                      onClick={() => go(next[0], next[1])}
                      data-testid="calendar-next"
                    />
                  </Space>
                  {yearInfo && (
                    <Typography.Text type="secondary" data-testid="calendar-stats">
                      {t('calendar.stats', { ...yearInfo })}
                    </Typography.Text>
                  )}
                </div>
                {!yearInfo && !years.loading && <Alert type="warning" showIcon className="block-gap" title={t('calendar.yearMissing', { year })} />}
                {days.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(days.error, lang)} />}
                <MonthGrid days={days.data ?? []} isLoading={days.loading} onSelect={setEditing} />
                <Typography.Paragraph type="secondary" className="calendar-hint">
                  {t('calendar.clickHint')}
                </Typography.Paragraph>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <WorkdayCalculator />
          <ImportCard onImported={reloadAll} />
        </Col>
      </Row>
      <DayEditModal day={editing} onClose={() => setEditing(undefined)} onDone={reloadAll} />
    </>
  );
}
