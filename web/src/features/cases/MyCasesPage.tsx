import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Empty, Grid, List, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { CaseStatusTag } from './caseTags.tsx';
import { ClockCell } from './ClockView.tsx';
import type { CaseListItem } from '../../api/types.ts';

const loadMine = () => api.get('/api/cases/mine');

/** The applicant's (or agent's) cases with their status and clock; each opens its case page. */
export default function MyCasesPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md === false;
  const findItems = (
    <Link to="/items">
      <Button icon={<FileSearchOutlined />} data-testid="cases-find">
        {t('case.goApply')}
      </Button>
    </Link>
  );

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('case.number'),
      dataIndex: 'number',
      render: (n: string) => (
        <Link to={`/app/cases/${n}`} className="mono" data-testid={`case-link-${n}`}>
          {n}
        </Link>
      ),
    },
    { title: t('case.item'), dataIndex: 'implementationName' },
    { title: t('case.department'), dataIndex: 'department' },
    { title: t('case.status'), dataIndex: 'status', render: (s: CaseListItem['status'], c) => <CaseStatusTag status={s} testId={`case-status-${c.number}`} /> },
    { title: t('case.receivedOn'), dataIndex: 'receivedOn', render: (v: string | null) => v ?? '—' },
    { title: t('case.clock'), key: 'clock', render: (_, c) => <ClockCell clock={c.clock} /> },
  ];

  return (
    <>
      <PageTitle title={t('nav.cases')} extra={findItems} />
      {isNarrow ? <NarrowList /> : <DataTable<CaseListItem> columns={columns} rowKey={(c) => c.number} load={loadMine} clientPaging testId="my-cases" />}
    </>
  );
}

/** On a phone: one card per case. */
function NarrowList() {
  const t = useT();
  const remote = useRemote(loadMine, []);
  const items = remote.data?.items ?? [];
  return (
    <List<CaseListItem>
      data-testid="my-cases"
      loading={remote.loading}
      dataSource={items}
      locale={{ emptyText: <Empty description={t('case.empty')} /> }}
      renderItem={(c) => (
        <List.Item key={c.number}>
          <Link to={`/app/cases/${c.number}`} className="case-card-link" data-testid={`case-link-${c.number}`}>
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>{c.implementationName}</Typography.Text>
              <Typography.Text type="secondary" className="mono small-text">
                {c.number}
              </Typography.Text>
              <Space wrap size={4}>
                <CaseStatusTag status={c.status} testId={`case-status-${c.number}`} />
                <ClockCell clock={c.clock} />
              </Space>
            </Space>
          </Link>
        </List.Item>
      )}
    />
  );
}
