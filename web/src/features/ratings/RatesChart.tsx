// The rating rates as grouped bars: ECharts from echarts/core (only the bar chart, the SVG renderer), no animation.
import { useBarChart } from '../../components/useBarChart.ts';
import { useT } from '../../i18n.ts';
import type { StatsRow } from '../../api/types.ts';
import type { RateKey } from './format.ts';

const SHOWN: RateKey[] = ['satisfactionRate', 'goodRate', 'badRate', 'remedyRate', 'followUpRate'];
const COLORS = ['#1d5fbf', '#52c41a', '#f5222d', '#fa8c16', '#722ed1'];

/** The width of one category's name: its share of the chart, between 64 and 160 px. */
const labelWidth = (chartWidth: number, count: number) => Math.max(64, Math.min(160, Math.floor((chartWidth - 64) / Math.max(count, 1)) - 8));

export function RatesChart({ rows, label }: { rows: StatsRow[]; label: (row: StatsRow) => string }) {
  const t = useT();
  const box = useBarChart(
    (width) => ({
      animation: false,
      color: COLORS,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      // each name gets its share of the width and wraps onto a second line rather than losing its end
      xAxis: {
        type: 'category',
        data: rows.map(label),
        axisLabel: { interval: 0, width: labelWidth(width, rows.length), overflow: 'break' },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: SHOWN.map((key) => ({ type: 'bar', name: t(`stats.${key}`), data: rows.map((r) => r[key]), barMaxWidth: 18 })),
    }),
    [rows, label, t],
  );

  return <div ref={box} className="rates-chart" role="img" aria-label={t('stats.chart')} data-testid="stats-chart" />;
}
