import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Progress, Row, Space, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { ExcelFileDrop, ImportProblems } from '../../components/ExcelImport.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import type { ImportJob, ImportProblem } from '../../api/types.ts';

const POLL_MS = 500;

/** Excel import of the catalogue (check first, then import, optionally publishing) and its export. */
export default function ImportPage() {
  const t = useT();
  const { lang } = useLang();
  const showError = useShowError();
  const canPublish = useCan()('catalog.review');
  const [file, setFile] = useState<File>();
  const [publish, setPublish] = useState(false);
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<unknown>();
  const [isStarting, setIsStarting] = useState(false);
  const [isExporting, setIsExporting] = useState(false);
  /** The file whose dry run passed: only it may be imported. */
  const [checkedFile, setCheckedFile] = useState<File>();
  const timer = useRef<number>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: number, source: File) => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await api.get('/api/catalog/imports/{id}', { params: { path: { id } } });
        setJob(next);
        if (next.status === 'running') poll(id, source);
        else if (next.status === 'checked') setCheckedFile(source);
      } catch (err) {
        setError(err);
      }
    }, POLL_MS);
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    window.clearTimeout(timer.current);
    setIsStarting(true);
    setError(undefined);
    setJob(undefined);
    try {
      const started = await api.upload('/api/catalog/imports', file, { params: { query: { fileName: file.name, dryRun, publish: !dryRun && publish } } });
      setJob(started);
      if (!dryRun) setCheckedFile(undefined);
      poll(started.id, file);
    } catch (err) {
      setError(err);
    } finally {
      setIsStarting(false);
    }
  };

  const exportAll = async () => {
    setIsExporting(true);
    try {
      await api.download('/api/catalog/export', {}, 'catalog.xlsx');
    } catch (err) {
      showError(err);
    } finally {
      setIsExporting(false);
    }
  };

  const columns: TableColumnsType<ImportProblem> = [
    { title: t('import.sheet'), dataIndex: 'sheet', width: 90, render: (v: string) => v || '—' },
    { title: t('import.row'), dataIndex: 'row', width: 56, render: (v: number) => (v > 0 ? v : '—') },
    { title: t('import.column'), dataIndex: 'column', width: 140, render: (v: string | null) => <span className="cell-wrap">{v ?? '—'}</span> },
    { title: t('import.message'), dataIndex: 'message', render: (v: string) => <span className="cell-wrap">{v}</span> },
  ];

  const isRunning = job?.status === 'running' || isStarting;
  const percent = job?.status !== 'running' ? 100 : job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const canImport = file !== undefined && checkedFile === file && !isRunning;
  const summary = job?.summary ?? {};

  return (
    <>
      <PageTitle title={t('nav.import')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('import.title')} data-testid="import-card">
            <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
            <ExcelFileDrop
              file={file}
              onFile={(f) => {
                setFile(f);
                setJob(undefined);
                setError(undefined);
              }}
              choose={t('import.choose')}
              testId="import-file"
              nameTestId="import-file-name"
            />
            <Space wrap className="block-gap">
              <Button
                icon={<CheckCircleOutlined />}
                onClick={() => start(true)}
                disabled={!file || isRunning}
                loading={isStarting && !checkedFile}
                data-testid="import-dry-run"
              >
                {t('import.dryRun')}
              </Button>
              <Tooltip title={canImport ? undefined : t('import.needCheck')}>
                <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => start(false)} disabled={!canImport} data-testid="import-run">
                  {t('import.run')}
                </Button>
              </Tooltip>
              <Tooltip title={canPublish ? undefined : t('import.publishHint')}>
                <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)} disabled={!canPublish} data-testid="import-publish">
                  {t('import.publish')}
                </Checkbox>
              </Tooltip>
            </Space>
            {job && (
              <div data-testid="import-job" data-status={job.status}>
                <Progress
                  percent={percent}
                  status={job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'success'}
                  aria-label={t('nav.import')}
                  data-testid="import-progress"
                />
                {job.status === 'running' && (
                  <Typography.Text type="secondary">{t('import.running', { processed: job.processed, total: job.total || '…' })}</Typography.Text>
                )}
                {job.status === 'checked' && (
                  <Alert
                    type="success"
                    showIcon
                    className="calc-outcome"
                    title={t('import.checked', { rows: summary.rows ?? 0, implementations: summary.implementations ?? 0, baseItems: summary.baseItems ?? 0 })}
                    data-testid="import-checked"
                  />
                )}
                {job.status === 'done' && (
                  <Alert
                    type="success"
                    showIcon
                    className="calc-outcome"
                    title={t('import.done', {
                      baseItemsCreated: summary.baseItemsCreated ?? 0,
                      implementationsCreated: summary.implementationsCreated ?? 0,
                      implementationsChanged: summary.implementationsChanged ?? 0,
                      implementationsUnchanged: summary.implementationsUnchanged ?? 0,
                      published: summary.published ?? 0,
                    })}
                    data-testid="import-done"
                  />
                )}
                {job.status === 'failed' && (
                  <ImportProblems<ImportProblem>
                    summary={t('import.failed', { n: job.problems.length })}
                    summaryTestId="import-failed"
                    className="calc-outcome"
                    problems={job.problems}
                    columns={columns}
                    rowKey={(p) => `${p.sheet}|${p.row}|${p.column}|${p.message}`}
                    pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
                    rowAttributes={(p) => ({ 'data-testid': `problem-${p.sheet}-${p.row}`, 'data-column': p.column ?? '' })}
                    testId="import-problems"
                  />
                )}
              </div>
            )}
            {error !== undefined && <Alert type="error" showIcon className="calc-outcome" title={errorText(error, lang)} data-testid="import-error" />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('import.export')}>
            <Typography.Paragraph type="secondary">{t('import.exportIntro')}</Typography.Paragraph>
            <Button icon={<DownloadOutlined />} onClick={exportAll} loading={isExporting} data-testid="import-export">
              {t('catalog.exportExcel')}
            </Button>
          </Card>
        </Col>
      </Row>
    </>
  );
}
