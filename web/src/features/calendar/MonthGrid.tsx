import { Spin } from 'antd';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import type { CalendarDay, DayKind } from './calendar.ts';
import { dayKind, leadingBlanks } from './calendar.ts';

const LEGEND: { kind: DayKind; label: MessageKey }[] = [
  { kind: 'workday', label: 'calendar.legend.workday' },
  { kind: 'weekend', label: 'calendar.legend.weekend' },
  { kind: 'holiday', label: 'calendar.legend.holiday' },
  { kind: 'makeup', label: 'calendar.legend.makeup' },
];

interface MonthGridProps {
  days: CalendarDay[];
  isLoading: boolean;
  onSelect: (day: CalendarDay) => void;
}

/** One month, Monday first: holidays red, make-up working days orange, weekends grey. */
export function MonthGrid({ days, isLoading, onSelect }: MonthGridProps) {
  const t = useT();
  const weekdays = t('calendar.weekdays').split(',');
  const blanks = days.length > 0 ? leadingBlanks(days[0].date) : 0;

  return (
    <Spin spinning={isLoading}>
      {/* not an ARIA grid (that needs rows and arrow keys): the days are buttons, each titled with its date */}
      <div className="month-grid">
        {weekdays.map((w) => (
          <div key={w} className="month-grid-head" aria-hidden="true">
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`blank-${i}`} className="month-grid-blank" />
        ))}
        {days.map((day) => {
          const kind = dayKind(day);
          const badge = kind === 'makeup' ? t('calendar.badge.work') : kind === 'holiday' ? t('calendar.badge.off') : null;
          return (
            <button
              type="button"
              key={day.date}
              className={`month-grid-day day-${kind}`}
              onClick={() => onSelect(day)}
              data-testid={`day-${day.date}`}
              data-kind={kind}
              title={[day.date, day.name].filter(Boolean).join(' ')}
            >
              <span className="day-number">{Number(day.date.slice(8))}</span>
              {badge && <span className="day-badge">{badge}</span>}
              <span className="day-name">{day.name ?? ''}</span>
            </button>
          );
        })}
      </div>
      <div className="month-legend">
        {LEGEND.map((l) => (
          <span key={l.kind} className="month-legend-item">
            <span className={`month-legend-swatch day-${l.kind}`} />
            {t(l.label)}
          </span>
        ))}
      </div>
    </Spin>
  );
}
