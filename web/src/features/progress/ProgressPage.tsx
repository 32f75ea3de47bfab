import { FileSyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';
import { MESSAGES } from '../features.ts';
import { PublicLayout } from '../catalog/index.tsx';

type Progress = Reply<'/api/case-progress', 'post'>;

interface LookUpValues {
  number: string;
  code: string;
}

const known = (key: string): key is MessageKey => key in MESSAGES;

/**
 * 办件进度查询 (no sign-in): the case number and the query code of the receipt show the status and the dates of the
 * case — no names, numbers or form data. The server limits wrong tries.
 */
export default function ProgressPage() {
  const t = useT();
  const { lang } = useLang();
  const [params] = useSearchParams();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setIsLoading] = useState(false);

  const submit = async ({ number, code }: LookUpValues) => {
    setIsLoading(true);
    setError(undefined);
    setProgress(undefined);
    try {
      setProgress(await api.post('/api/case-progress', { body: { number: number.trim(), code: code.trim() } }));
    } catch (err) {
      setError(err);
    } finally {
      setIsLoading(false);
    }
  };

  const label = (key: string) => (known(key) ? t(key) : key);
  const day = (value: string | null) => value ?? t('progress.notYet');

  return (
    <PublicLayout>
      <Card data-testid="progress-page">
        <Typography.Title level={2}>
          <FileSyncOutlined /> {t('progress.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('progress.intro')}</Typography.Paragraph>
        <Form<LookUpValues> layout="vertical" onFinish={submit} initialValues={{ number: params.get('number') ?? '' }} className="progress-form">
          <Form.Item name="number" label={t('progress.number')} rules={[{ required: true, pattern: /^\s*\d{20}\s*$/, message: t('progress.numberRule') }]}>
            <Input inputMode="numeric" maxLength={24} data-testid="progress-number" />
          </Form.Item>
          <Form.Item name="code" label={t('progress.code')} rules={[{ required: true, min: 8, max: 16, message: t('progress.codeRule') }]}>
            <Input maxLength={16} autoComplete="off" data-testid="progress-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={isLoading} data-testid="progress-submit">
            {t('progress.submit')}
          </Button>
        </Form>
        {error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(error, lang)} data-testid="progress-error" />}
        {progress && (
          <div className="block-gap" data-testid="progress-result">
            <Descriptions bordered column={1} size="small">
              <Descriptions.Item label={t('progress.number')}>{progress.number}</Descriptions.Item>
              <Descriptions.Item label={t('progress.item')}>{progress.itemName}</Descriptions.Item>
              <Descriptions.Item label={t('progress.department')}>{progress.department}</Descriptions.Item>
              <Descriptions.Item label={t('progress.status')}>
                <Tag color="blue" data-testid="progress-status">
                  {label(`case.status.${progress.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('progress.receivedOn')}>{day(progress.receivedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('progress.acceptedOn')}>{day(progress.acceptedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('progress.deadline')}>{day(progress.deadline)}</Descriptions.Item>
              <Descriptions.Item label={t('progress.decidedOn')}>{day(progress.decidedOn)}</Descriptions.Item>
            </Descriptions>
            {progress.paused && <Alert type="info" showIcon className="block-gap" title={t('progress.paused')} />}
            <Typography.Title level={3} className="block-gap">
              {t('progress.steps')}
            </Typography.Title>
            <Timeline items={progress.steps.map((s) => ({ children: `${s.onDay} ${label(`event.${s.type}`)}` }))} />
          </div>
        )}
      </Card>
    </PublicLayout>
  );
}
