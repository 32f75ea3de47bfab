import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from './PublicLayout.tsx';
import type { ListRow, PathParams } from '../../api/types.ts';

type ListName = PathParams<'/api/catalog/lists/{list}'>['list'];
/** The four published lists, in the order of their tabs. */
const LISTS = ['powers', 'licensing', 'intermediary', 'not-in-hall'] as const satisfies readonly ListName[];

/** The four published lists (权责清单 …), with counts per department and an Excel download. */
export default function ListsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const showError = useShowError();
  const { list = 'powers' } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const [isDownloading, setIsDownloading] = useState(false);
  const isKnown = (LISTS as readonly string[]).includes(list);
  const remote = useRemote(
    () => (isKnown ? api.get('/api/catalog/lists/{list}', { params: { path: { list: list as ListName }, query: { region } } }) : Promise.resolve(undefined)),
    [list, region],
  );
  if (!isKnown) return <Navigate to="/lists/powers" replace />;
  const name = list as ListName;
  const data = remote.data?.list === name ? remote.data : undefined;

  const download = async () => {
    setIsDownloading(true);
    try {
      await api.download('/api/catalog/lists/{list}/export', { params: { path: { list: name }, query: { region } } }, `${name}.xlsx`);
    } catch (err) {
      showError(err);
    } finally {
      setIsDownloading(false);
    }
  };

  const columns: TableColumnsType<ListRow> = [
    { title: t('guide.m.no'), key: 'no', width: 56, render: (_, __, i) => i + 1 },
    {
      title: t('element.name'),
      dataIndex: 'name',
      render: (v: string, row) => <Link to={`/guide/${encodeURIComponent(row.code)}`}>{v}</Link>,
    },
    { title: t('catalog.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('catalog.itemType'), dataIndex: 'itemTypeName' },
    { title: t('catalog.department'), dataIndex: 'department' },
    { title: t('catalog.region'), dataIndex: 'region' },
    { title: t('element.legalBasis'), dataIndex: 'legalBasis', render: (v: string) => <div className="cell-clamp">{v || '—'}</div>, width: 260 },
    { title: t(`lists.detail.${name}`), dataIndex: 'detail', render: (v: string) => <div className="cell-clamp">{v || '—'}</div>, width: 260 },
  ];

  return (
    <PublicLayout wide>
      <Typography.Title level={2}>{t('lists.title')}</Typography.Title>
      <Tabs
        activeKey={name}
        onChange={(key) => navigate({ pathname: `/lists/${key}`, search: params.toString() })}
        items={LISTS.map((l) => ({ key: l, label: <span data-testid={`list-tab-${l}`}>{t(`lists.tab.${l}`)}</span> }))}
        data-testid="list-tabs"
      />
      <Space wrap className="block-gap lists-toolbar">
        <div className="lists-region">
          <RegionCascader
            value={region}
            onChange={(code) => {
              const next = new URLSearchParams(params);
              if (code) next.set('region', code);
              else next.delete('region');
              setParams(next);
            }}
            testId="list-region"
          />
        </div>
        <Button icon={<DownloadOutlined />} onClick={download} loading={isDownloading} data-testid="list-export">
          {t('catalog.exportExcel')}
        </Button>
      </Space>
      {remote.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(remote.error, lang)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Card size="small" title={t('lists.countsByDepartment')} data-testid="list-counts">
            {(data?.countsByDepartment ?? []).length === 0 && <Typography.Text type="secondary">{t('catalog.noData')}</Typography.Text>}
            {(data?.countsByDepartment ?? []).map((c) => (
              <div key={c.department} className="count-row">
                <span>{c.department}</span>
                <Tag color="blue">{c.count}</Tag>
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card size="small" title={data ? `${data.title[lang]} · ${t('lists.total', { total: data.items.length })}` : ' '}>
            <Table<ListRow>
              columns={columns}
              dataSource={data?.items ?? []}
              rowKey={(r) => `${r.code}|${r.detail}`}
              loading={remote.loading}
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
              data-testid="list-table"
            />
          </Card>
        </Col>
      </Row>
    </PublicLayout>
  );
}
