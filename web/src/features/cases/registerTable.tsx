// 办件台账 as a table: the register page and the reviewer's 已办 tab show the same rows.
import { Button, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import type { CaseRegisterItem, CaseStatus, Query } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import type { MessageKey } from '../../i18n.ts';
import { useT } from '../../i18n.ts';
import { CaseStatusTag } from './caseTags.tsx';

/** The register's filters, as the API takes them (paging apart). */
export type RegisterFilters = Omit<Query<'/api/cases/register'>, 'page' | 'pageSize'>;

/** The cases the filters find, newest submission first, paged by the server; the number opens the case (its page, or `onOpen`). */
export function CaseRegisterTable({
  filters,
  onOpen,
  testId = 'case-register-table',
}: {
  filters: RegisterFilters;
  onOpen?: (number: string) => void;
  testId?: string;
}) {
  const t = useT();
  const columns: TableColumnsType<CaseRegisterItem> = [
    {
      title: t('case.number'),
      dataIndex: 'number',
      render: (n: string) =>
        onOpen ? (
          <Button type="link" className="mono table-link" onClick={() => onOpen(n)} data-testid={`case-register-open-${n}`}>
            {n}
          </Button>
        ) : (
          <Link to={`/app/cases/${n}`} className="mono" data-testid={`case-register-open-${n}`}>
            {n}
          </Link>
        ),
    },
    {
      title: t('case.item'),
      dataIndex: 'implementationName',
      render: (v: string, r) => (
        <>
          <div>{v}</div>
          <Typography.Text type="secondary" className="small-text">
            {r.department}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('case.applicant'),
      dataIndex: 'applicantName',
      render: (v: string, r) => (
        <>
          <div>{v}</div>
          <Typography.Text type="secondary" className="mono small-text" data-testid="case-register-id">
            {r.applicantIdNumberMasked ?? '—'}
          </Typography.Text>
        </>
      ),
    },
    { title: t('case.channel'), dataIndex: 'channel', render: (v: string) => t(`case.channel.${v}` as MessageKey) },
    {
      title: t('case.status'),
      dataIndex: 'status',
      render: (s: string, r) => <CaseStatusTag status={s as CaseStatus} testId={`case-register-status-${r.number}`} />,
    },
    { title: t('case.currentStep'), dataIndex: 'currentStep', render: (v: string | null) => v ?? '—' },
    { title: t('case.receivedOn'), dataIndex: 'receivedOn', render: (v: string | null) => v ?? '—' },
    { title: t('case.decidedOn'), dataIndex: 'decidedOn', render: (v: string | null) => v ?? '—' },
    { title: t('case.outcome'), dataIndex: 'outcome', render: (v: string | null) => (v ? t(`case.outcome.${v}` as MessageKey) : '—') },
  ];
  return (
    <DataTable<CaseRegisterItem>
      testId={testId}
      columns={columns}
      rowKey={(r) => r.number}
      query={filters}
      load={(page, pageSize) => api.get('/api/cases/register', { params: { query: { ...filters, page, pageSize } } })}
    />
  );
}
