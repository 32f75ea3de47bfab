import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { canIn, useSession } from '../../auth.tsx';
import { ExcelFileDrop, ImportProblems } from '../../components/ExcelImport.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { policyApi, type PolicyImported } from './policies.ts';

type Problem = { row: number; column: string; message: string };

/**
 * The policy list import (issue 22): download the template, fill one policy a row, choose the department, upload.
 * The server checks every row first: any problem and nothing is loaded, every problem shown by row and column;
 * otherwise the imported drafts are listed, each with its condition editor.
 */
export default function PolicyImportPage() {
  const t = useT();
  const { lang } = useLang();
  const session = useSession();
  const showError = useShowError();
  const departments = useRemote(() => policyApi.departments(), []);
  const mine = useMemo(
    () => (departments.data?.items ?? []).filter((d) => canIn(session, 'policies.edit', { regionCode: d.regionCode, departmentId: d.id })),
    [departments.data, session],
  );
  const [departmentId, setDepartmentId] = useState<number>();
  const department = mine.find((d) => d.id === departmentId) ?? mine[0];
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>();
  const [error, setError] = useState<unknown>();
  const [imported, setImported] = useState<PolicyImported>();
  const drafts = useRemote(() => (imported ? policyApi.library(1, '') : Promise.resolve(undefined)), [imported]);

  const run = async () => {
    if (!file || !department) return;
    setBusy(true);
    setProblems(undefined);
    setError(undefined);
    setImported(undefined);
    try {
      setImported(await policyApi.importFile(file, { regionCode: department.regionCode, departmentId: department.id }));
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { problems?: Problem[] } | undefined) : undefined;
      if (err instanceof ApiError && err.code === 'POLICY_IMPORT_INVALID' && details?.problems) setProblems(details.problems);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const importedIds = new Map((drafts.data?.items ?? []).map((p) => [p.code, p.id]));
  return (
    <div data-testid="policy-import-page">
      <PageTitle title={t('policy.import.title')} extra={<Link to="/app/policies">{t('policy.editor.back')}</Link>} />
      <Card>
        <Typography.Paragraph type="secondary">{t('policy.import.intro')}</Typography.Paragraph>
        <Space wrap className="block-gap">
          <Button icon={<DownloadOutlined />} onClick={() => policyApi.template().catch(showError)} data-testid="policy-template">
            {t('policy.import.template')}
          </Button>
          <Select
            style={{ minWidth: 260 }}
            loading={departments.loading}
            value={department?.id}
            aria-label={t('policy.import.department')}
            placeholder={t('policy.import.department')}
            options={mine.map((d) => ({ value: d.id, label: d.name }))}
            onChange={(v: number) => setDepartmentId(v)}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="policy-import-department"
          />
        </Space>
        <ExcelFileDrop
          file={file}
          onFile={(f) => {
            setFile(f);
            setProblems(undefined);
            setImported(undefined);
            setError(undefined);
          }}
          choose={t('policy.import.choose')}
          testId="policy-import-file"
        />
        <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file || !department} loading={busy} onClick={run} data-testid="policy-import-run">
          {t('policy.import.run')}
        </Button>
      </Card>
      {error !== undefined && <Alert className="block-gap" type="error" showIcon title={errorText(error, lang)} />}
      {problems && (
        <Card className="block-gap" data-testid="policy-import-problems">
          <ImportProblems<Problem & { i: number }>
            summary={t('policy.import.failed', { n: problems.length })}
            problems={problems.map((p, i) => ({ ...p, i }))}
            rowKey="i"
            rowAttributes={(p) => ({ 'data-testid': `policy-import-problem-${p.row}-${p.column}` })}
            columns={[
              { title: t('policy.import.row'), dataIndex: 'row', width: 64 },
              { title: t('policy.import.column'), dataIndex: 'column', width: 140 },
              { title: t('policy.import.message'), dataIndex: 'message', render: (v: string) => <span className="cell-wrap">{v}</span> },
            ]}
          />
        </Card>
      )}
      {imported && (
        <Card className="block-gap" data-testid="policy-import-done">
          <Alert type="success" showIcon className="block-gap" title={t('policy.import.done', { n: imported.imported })} />
          <List
            size="small"
            dataSource={imported.codes}
            renderItem={(code) => (
              <List.Item key={code} data-testid={`policy-imported-${code}`}>
                <span>{code}</span>
                {importedIds.has(code) && <Link to={`/app/policies/${importedIds.get(code)}/conditions`}>{t('policy.library.editConditions')}</Link>}
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
