import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Form, Progress, Result, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useSession } from '../../auth.tsx';
import { DepartmentSelect, useDepartmentNames } from '../../components/DepartmentSelect.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/regions.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT } from '../../i18n.ts';
import { SeverityTag, elementLabel } from './catalog.tsx';
import type { Finding, InspectionReport } from '../../api/types.ts';

type Summary = InspectionReport['totals'];

interface Filters {
  region?: string;
  department?: number;
}

interface FindingRow extends Finding {
  id: string;
  implementationId: number;
  code: string;
  name: string;
  departmentName: string;
  regionCode: string;
}

const percent = (v: number, label: string) => (
  <Progress percent={v} size="small" status={v < 80 ? 'exception' : 'normal'} style={{ minWidth: 110 }} aria-label={label} />
);

/** 全量巡检: completeness and accuracy of the published guides, by department and region, and every finding. */
export default function InspectionPage() {
  const t = useT();
  const { lang } = useLang();
  const { user } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [ranAt, setRanAt] = useState<string>();
  const remote = useRemote(async () => {
    const report = await api.get('/api/catalog/inspection', { params: { query: { ...filters } } });
    setRanAt(new Date().toISOString());
    return report;
  }, [JSON.stringify(filters)]);
  const departmentName = useDepartmentNames();
  // Department staff (a reviewer of one department) see their department only: the server narrows the report.
  const ownDepartment = user.roles.length > 0 && user.roles.every((r) => r.departmentId != null) ? user.roles[0].departmentId : null;
  const report = remote.data;

  const rows: FindingRow[] = (report?.guides ?? []).flatMap((g) =>
    g.findings
      .filter((f) => !onlyErrors || f.severity === 'error')
      .map((f, i) => ({
        ...f,
        id: `${g.implementationId}-${i}`,
        implementationId: g.implementationId,
        code: g.code,
        name: g.name,
        departmentName: g.departmentName,
        regionCode: g.regionCode,
      })),
  );

  const summaryColumns = <T extends Summary>(first: TableColumnsType<T>[number]): TableColumnsType<T> => [
    first,
    { title: t('inspection.guides'), dataIndex: 'guides', width: 90 },
    { title: t('inspection.completeness'), dataIndex: 'completeness', render: (v: number) => percent(v, t('inspection.completeness')) },
    { title: t('inspection.accuracy'), dataIndex: 'accuracyFindings', width: 110 },
    {
      title: t('inspection.errors'),
      dataIndex: 'errors',
      width: 80,
      render: (v: number) => <Typography.Text type={v ? 'danger' : undefined}>{v}</Typography.Text>,
    },
    { title: t('inspection.warnings'), dataIndex: 'warnings', width: 80 },
  ];

  const findingColumns: TableColumnsType<FindingRow> = [
    {
      title: t('inspection.guide'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/app/catalog/${row.implementationId}`} data-testid={`finding-link-${row.code}`}>
          {name}
        </Link>
      ),
    },
    { title: t('catalog.department'), dataIndex: 'departmentName' },
    { title: t('inspection.severity'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    {
      title: t('inspection.rule'),
      dataIndex: 'ruleName',
      render: (name: Finding['ruleName'], row) => <span title={row.rule}>{name[lang]}</span>,
    },
    { title: t('inspection.element'), dataIndex: 'element', render: (e: string) => elementLabel(e, t) },
    { title: t('inspection.message'), dataIndex: 'message', render: (m: Finding['message']) => m[lang] },
  ];

  const totals = report?.totals;
  // The figures agree by construction: the tab counts the rows the table shows, the cards the report's totals.
  const findingCount = totals ? totals.errors + totals.warnings : 0;
  /** Loaded, and nothing to list: say so instead of an empty table (issue 20). */
  const clean = report !== undefined && remote.error === undefined && findingCount === 0;
  return (
    <>
      <PageTitle
        title={t('nav.inspection')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={remote.reload} loading={remote.loading} data-testid="inspection-rerun">
            {t('inspection.rerun')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('inspection.intro')}{' '}
        {ranAt && !remote.loading && <span data-testid="inspection-ran-at">{t('inspection.ranAt', { at: formatDateTime(ranAt, lang) })}</span>}
      </Typography.Paragraph>
      {ownDepartment != null ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t('inspection.ownDepartment', { name: departmentName(ownDepartment) })}
          data-testid="inspection-own-department"
        />
      ) : (
        <FilterBar<Filters> onSearch={setFilters} testId="inspection-filter">
          <Form.Item name="region" style={{ minWidth: 180 }}>
            <RegionCascader testId="inspection-region" aria-label={t('catalog.region')} />
          </Form.Item>
          <Form.Item name="department" style={{ minWidth: 220 }}>
            <DepartmentSelect testId="inspection-department" aria-label={t('catalog.department')} />
          </Form.Item>
        </FilterBar>
      )}
      {remote.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(remote.error, lang)} />}
      <Row gutter={[16, 16]} className="block-gap" data-testid="inspection-totals">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('inspection.guides')} value={totals?.guides ?? '—'} loading={remote.loading && !totals} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            {/* no guide: no share of filled elements (the server's 100 would say all is complete) */}
            <Statistic
              title={t('inspection.completeness')}
              value={totals?.guides ? totals.completeness : '—'}
              suffix={totals?.guides ? '%' : undefined}
              precision={totals?.guides ? 1 : undefined}
              loading={remote.loading && !totals}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('inspection.accuracy')} value={totals?.accuracyFindings ?? '—'} loading={remote.loading && !totals} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={`${t('inspection.errors')} / ${t('inspection.warnings')}`}
              value={totals ? `${totals.errors} / ${totals.warnings}` : '—'}
              styles={{ content: { color: totals?.errors ? '#cf1322' : undefined } }}
              loading={remote.loading && !totals}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'findings',
              label: <span data-testid="inspection-tab-findings">{`${t('inspection.findings')}（${rows.length}）`}</span>,
              children: clean ? (
                <Result
                  status={totals?.guides ? 'success' : 'info'}
                  title={
                    totals?.guides ? t(ownDepartment != null ? 'inspection.cleanOwn' : 'inspection.clean', { count: totals.guides }) : t('inspection.noGuides')
                  }
                  subTitle={totals?.guides ? t('inspection.cleanHint') : undefined}
                  data-testid="inspection-no-findings"
                />
              ) : (
                <>
                  <Space className="block-gap">
                    <Checkbox checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} data-testid="inspection-only-errors">
                      {t('inspection.onlyErrors')}
                    </Checkbox>
                  </Space>
                  <Table<FindingRow>
                    columns={findingColumns}
                    dataSource={rows}
                    rowKey="id"
                    loading={remote.loading}
                    size="small"
                    scroll={{ x: 'max-content' }}
                    pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
                    locale={{
                      emptyText: onlyErrors && totals?.warnings ? t('inspection.noErrors', { warnings: totals.warnings }) : t('inspection.noFindings'),
                    }}
                    onRow={(r) => ({ 'data-testid': `finding-${r.code}-${r.rule}`, 'data-department': r.departmentName }) as HTMLAttributes<HTMLElement>}
                    data-testid="inspection-findings"
                  />
                </>
              ),
            },
            {
              key: 'department',
              label: <span data-testid="inspection-tab-department">{t('inspection.byDepartment')}</span>,
              children: (
                <Table
                  columns={summaryColumns<InspectionReport['byDepartment'][number]>({ title: t('catalog.department'), dataIndex: 'departmentName' })}
                  dataSource={report?.byDepartment ?? []}
                  rowKey="departmentId"
                  loading={remote.loading}
                  pagination={false}
                  size="small"
                  scroll={{ x: 'max-content' }}
                  data-testid="inspection-by-department"
                />
              ),
            },
            {
              key: 'region',
              label: <span data-testid="inspection-tab-region">{t('inspection.byRegion')}</span>,
              children: (
                <Table
                  columns={summaryColumns<InspectionReport['byRegion'][number]>({
                    title: t('catalog.region'),
                    dataIndex: 'regionCode',
                    render: (code: string) => <RegionName code={code} />,
                  })}
                  dataSource={report?.byRegion ?? []}
                  rowKey="regionCode"
                  loading={remote.loading}
                  pagination={false}
                  size="small"
                  scroll={{ x: 'max-content' }}
                  data-testid="inspection-by-region"
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
