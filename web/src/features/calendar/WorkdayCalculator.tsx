import { Alert, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { todayIso } from './calendar.ts';

interface CalcValues {
  from: string;
  days: number;
}

/** N working days after a date, computed by the server from the loaded calendar. */
export function WorkdayCalculator() {
  const t = useT();
  const { lang } = useLang();
  const [result, setResult] = useState<{ days: number; date: string }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setIsLoading] = useState(false);

  const calculate = async ({ from, days }: CalcValues) => {
    setIsLoading(true);
    setError(undefined);
    setResult(undefined);
    try {
      const r = await api.get('/api/calendar/add', { params: { query: { from, days } } });
      setResult({ days, date: r.date });
    } catch (err) {
      setError(err);
    } finally {
      setIsLoading(false);
    }
  };

  return (
    <Card title={t('calendar.calc.title')} className="block-gap" data-testid="calendar-calc">
      <Typography.Paragraph type="secondary">{t('calendar.calc.intro')}</Typography.Paragraph>
      <Form<CalcValues> layout="inline" onFinish={calculate} initialValues={{ from: todayIso(), days: 20 }} className="calc-form">
        <Form.Item name="from" label={t('calendar.calc.from')} rules={[{ required: true }]}>
          <Input type="date" data-testid="calc-from" />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.calc.days')} rules={[{ required: true }]}>
          <InputNumber min={0} max={3650} precision={0} data-testid="calc-days" style={{ width: 96 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={isLoading} data-testid="calc-submit">
            {t('calendar.calc.submit')}
          </Button>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          className="calc-outcome"
          type="success"
          showIcon
          title={t('calendar.calc.result', { days: result.days, date: result.date })}
          data-testid="calc-result"
          data-date={result.date}
        />
      )}
      {error !== undefined && <Alert className="calc-outcome" type="error" showIcon title={errorText(error, lang)} data-testid="calc-error" />}
    </Card>
  );
}
