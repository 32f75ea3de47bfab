import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import type { CalendarImport } from '../../api/types.ts';
import { errorText, useLang, useT } from '../../i18n.ts';

type Format = 'csv' | 'json';

type ImportReply = CalendarImport;

interface ImportProblem {
  line: number;
  message: string;
}

/** CALENDAR_IMPORT_INVALID lists every bad line in details.problems. */
function problemsOf(err: unknown): ImportProblem[] {
  if (!(err instanceof ApiError)) return [];
  const problems = (err.details as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? (problems as ImportProblem[]) : [];
}

const EXAMPLE: Record<Format, string> = {
  csv: '2027-01-01,off,元旦\n2027-02-06,work,春节',
  json: '[{"date":"2027-01-01","type":"off","name":"元旦"}]',
};

/** Load a year's holidays (the State Council notice usually comes out in November). */
export function ImportCard({ onImported }: { onImported: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [format, setFormat] = useState<Format>('csv');
  const [content, setContent] = useState('');
  const [reply, setReply] = useState<ImportReply>();
  const [error, setError] = useState<unknown>();
  const [isImporting, setIsImporting] = useState(false);

  const submit = async () => {
    setIsImporting(true);
    setError(undefined);
    setReply(undefined);
    try {
      setReply(await api.create('/api/calendar/import', { body: { format, content } }));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setIsImporting(false);
    }
  };

  const readFile = async (file: File) => {
    setContent(await file.text());
    if (/\.json$/i.test(file.name)) setFormat('json');
    else if (/\.csv$/i.test(file.name)) setFormat('csv');
    return false; // read here, never uploaded as a file
  };

  return (
    <Card title={t('calendar.import.title')} className="block-gap" data-testid="calendar-import">
      <Typography.Paragraph type="secondary">{t('calendar.import.intro')}</Typography.Paragraph>
      <Space wrap className="block-gap">
        <Segmented<Format>
          value={format}
          onChange={setFormat}
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'json', label: 'JSON' },
          ]}
          aria-label={t('calendar.import.format')}
        />
        <Upload accept=".csv,.json,text/csv,application/json" showUploadList={false} beforeUpload={readFile}>
          <Button icon={<UploadOutlined />} data-testid="calendar-import-file">
            {t('calendar.import.chooseFile')}
          </Button>
        </Upload>
      </Space>
      <Input.TextArea
        value={content}
        onChange={(e) => setContent(e.target.value)}
        rows={6}
        placeholder={EXAMPLE[format]}
        className="block-gap mono"
        data-testid="calendar-import-content"
      />
      <Button
        type="primary"
        onClick={submit}
        loading={isImporting}
        disabled={!content.trim()}
        title={content.trim() ? undefined : t('calendar.import.empty')}
        data-testid="calendar-import-submit"
      >
        {t('calendar.import.submit')}
      </Button>
      {reply && (
        <Alert
          className="calc-outcome"
          type="success"
          showIcon
          title={t('calendar.import.done', { n: reply.imported, years: reply.years.join(', ') })}
          data-testid="calendar-import-result"
        />
      )}
      {error !== undefined && (
        <Alert
          className="calc-outcome"
          type="error"
          showIcon
          title={errorText(error, lang)}
          description={
            problemsOf(error).length > 0 && (
              <ul className="problem-list">
                {problemsOf(error).map((p, i) => (
                  <li key={i}>
                    {p.line > 0 && t('calendar.import.line', { line: p.line })}
                    {p.message}
                  </li>
                ))}
              </ul>
            )
          }
          data-testid="calendar-import-error"
        />
      )}
    </Card>
  );
}
