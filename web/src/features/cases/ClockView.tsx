// The statutory clock of a case: in full on the case, in one line in the queues.
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { useLang, useT } from '../../i18n.ts';
import type { Translate } from '../../i18n.ts';
import { WarningTag } from './caseTags.tsx';
import type { CaseClock } from '../../api/types.ts';

/** A stopped clock: the day the case closed instead of a warning. */
function StoppedTag({ day }: { day: string }) {
  const t = useT();
  return (
    <Tag color="default" data-testid="clock-stopped">
      {t('clock.stopped', { day })}
    </Tag>
  );
}

/** Whether a closed case kept its deadline (the working days left are as of the day it closed). */
function resultText(n: number, t: Translate) {
  return n < 0 ? t('clock.late', { n: -n }) : n === 0 ? t('clock.onTimeExact') : t('clock.onTime', { n });
}

/** The deadline and what is left of it, in one line for lists; for a closed case, when it closed and whether on time. */
export function ClockCell({ clock }: { clock: CaseClock }) {
  const t = useT();
  if (!clock.acceptedOn) return <Typography.Text type="secondary">—</Typography.Text>;
  if (clock.stoppedOn) {
    return (
      <Space size={4} wrap>
        <StoppedTag day={clock.stoppedOn} />
        {clock.remainingWorkingDays !== null && <Typography.Text type="secondary">{resultText(clock.remainingWorkingDays, t)}</Typography.Text>}
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      <WarningTag warning={clock.warning} />
      <span>{clock.deadline ?? t('clock.deadlinePending', { year: clock.calendarMissingYear ?? '' })}</span>
      {clock.remainingWorkingDays !== null && <Typography.Text type="secondary">{remainingText(clock.remainingWorkingDays, t)}</Typography.Text>}
      {clock.paused && (
        <Tag icon={<PauseCircleOutlined />} color="purple">
          {t('clock.paused')}
        </Tag>
      )}
    </Space>
  );
}

function remainingText(n: number, t: Translate) {
  return n < 0 ? t('clock.overdueDays', { n: -n }) : t('clock.remainingDays', { n });
}

/** The statutory clock: accepted on, deadlines, working days left, the warning, paused, deemed accepted, extended. */
export function ClockView({ clock, compact = false }: { clock: CaseClock; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  // A year the calendar lacks: every date that needs no day of it is shown; each one that does says why it waits.
  const pending = (date: CaseClock['undetermined'][number]['date']) => {
    const u = clock.undetermined.find((x) => x.date === date);
    return u ? (
      <Typography.Text type="secondary" data-testid={`clock-undetermined-${date}`}>
        {u.reason[lang]}
      </Typography.Text>
    ) : (
      '—'
    );
  };
  const missing = clock.calendarMissingYear ? (
    <Alert
      type="warning"
      showIcon
      title={t('clock.calendarMissing', { year: clock.calendarMissingYear })}
      className="block-gap"
      data-testid="clock-calendar-missing"
    />
  ) : null;
  if (!clock.acceptedOn) {
    if (missing) return <div data-testid="case-clock">{missing}</div>;
    return (
      <Typography.Text type="secondary" data-testid="case-clock" data-warning="none">
        <ClockCircleOutlined /> {t('clock.notStarted')}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="case-clock" data-warning={clock.warning} data-paused={String(clock.paused)} className={`case-clock case-clock-${clock.warning}`}>
      {missing}
      <Space wrap size={[8, 8]} className="block-gap">
        {clock.stoppedOn ? <StoppedTag day={clock.stoppedOn} /> : <WarningTag warning={clock.warning} />}
        {clock.paused && (
          <Tag icon={<PauseCircleOutlined />} color="purple" data-testid="clock-paused">
            {t('clock.paused')}
          </Tag>
        )}
        {clock.deemedAccepted && (
          <Tag color="blue" data-testid="clock-deemed">
            {t('clock.deemed')}
          </Tag>
        )}
        {clock.extended && (
          <Tag color="orange" data-testid="clock-extended">
            {t('clock.extended')}
          </Tag>
        )}
      </Space>
      <Descriptions size="small" column={compact ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, lg: 4 }} bordered className="clock-facts">
        <Descriptions.Item label={t('clock.acceptedOn')}>
          <span data-testid="clock-accepted-on">{clock.acceptedOn}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('clock.deadline')}>
          <span data-testid="clock-deadline">{clock.deadline ?? pending('deadline')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('clock.legalDeadline')}>
          <span data-testid="clock-legal-deadline">{clock.legalDeadline ?? pending('legalDeadline')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(clock.stoppedOn ? 'clock.result' : 'clock.remaining')}>
          <span data-testid="clock-remaining">
            {clock.remainingWorkingDays === null
              ? pending('remainingWorkingDays')
              : clock.stoppedOn
                ? resultText(clock.remainingWorkingDays, t)
                : remainingText(clock.remainingWorkingDays, t)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {clock.paused && (
        <Typography.Text type="secondary" className="case-clock-hint">
          {t('clock.pausedHint')}
        </Typography.Text>
      )}
    </div>
  );
}
