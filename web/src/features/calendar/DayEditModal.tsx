import { Form, Input, Segmented } from 'antd';
import { api } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n.ts';
import type { CalendarDay } from './calendar.ts';

interface DayValues {
  isWorkday: boolean;
  name?: string;
}

interface DayEditModalProps {
  day: CalendarDay | undefined;
  onClose: () => void;
  onDone: () => void;
}

export function DayEditModal({ day, onClose, onDone }: DayEditModalProps) {
  const t = useT();
  return (
    <FormModal<DayValues>
      open={day !== undefined}
      title={day ? t('calendar.editTitle', { date: day.date }) : ''}
      initialValues={day ? { isWorkday: day.isWorkday, name: day.name ?? '' } : undefined}
      onClose={onClose}
      onDone={onDone}
      successText={t('common.saved')}
      testId="day-edit"
      onSubmit={(v) =>
        api.put('/api/calendar/days/{date}', {
          params: { path: { date: day!.date } },
          body: {
            isWorkday: v.isWorkday,
            name: v.name?.trim() || null,
            version: day!.version,
          },
        })
      }
    >
      <Form.Item name="isWorkday" label={t('calendar.dayType')}>
        <Segmented<boolean>
          options={[
            { value: true, label: <span data-testid="day-edit-work">{t('calendar.work')}</span> },
            { value: false, label: <span data-testid="day-edit-off">{t('calendar.off')}</span> },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')}>
        <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} data-testid="day-edit-name" />
      </Form.Item>
    </FormModal>
  );
}
