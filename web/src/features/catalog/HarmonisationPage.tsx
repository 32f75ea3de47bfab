import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { canIn, useCan, useSession } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { StatusTag, elementLabel, useElementCodeLists, valueText } from './catalog.tsx';
import type { HarmonisationColumn, HarmonisationIndexRow, HarmonisationRow } from '../../api/types.ts';

const TEMPLATE = '__template';

/** 二次统筹: one base item across regions, element by element; its standard template and local elements. */
export default function HarmonisationPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const session = useSession();
  const can = useCan();
  const lists = useElementCodeLists();
  const [params, setParams] = useSearchParams();
  const baseId = Number(params.get('base')) || undefined;
  const bases = useRemote(() => api.get('/api/catalog/base-items'), []);
  const table = useRemote(
    () => (baseId ? api.get('/api/catalog/base-items/{id}/harmonisation', { params: { path: { id: baseId } } }) : Promise.resolve(undefined)),
    [baseId],
  );
  const index = useRemote(() => api.get('/api/catalog/harmonisation-index'), [table.data]);
  const data = table.data?.baseItem.id === baseId ? table.data : undefined;
  // A base item is changed by its own region's item admins (a national one by national ones), as the server decides.
  const mayReview = can('catalog.review');
  const canReview = mayReview && !!data && canIn(session, 'catalog.review', { regionCode: data.baseItem.regionCode, departmentId: null });

  const [selected, setSelected] = useState<string[]>([]);
  const [source, setSource] = useState<string>();
  const [local, setLocal] = useState<string[]>([]);
  const [saving, setSaving] = useState<string>();
  useEffect(() => {
    if (!data) return;
    setSelected(Object.keys(data.baseItem.template ?? {}));
    setLocal(data.baseItem.localElements);
    setSource((s) => (s && data.columns.some((c) => c.key === s) ? s : data.columns[0]?.key));
  }, [data]);

  const patch = async (key: string, body: Record<string, unknown>, success: string) => {
    if (!data) return;
    setSaving(key);
    try {
      await api.patch('/api/catalog/base-items/{id}', { params: { path: { id: data.baseItem.id } }, body: { ...body, version: data.baseItem.version } });
      message.success(success);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') message.warning(`${errorText(err, lang)} ${t('common.conflict')}`, 6);
      else message.error(errorText(err, lang));
    } finally {
      setSaving(undefined);
      table.reload();
    }
  };

  const saveTemplate = () => {
    if (!data) return;
    const from = (row: HarmonisationRow) => (source === TEMPLATE ? templateValue(row.element) : row.values[source ?? '']);
    const template = Object.fromEntries(
      data.rows
        .filter((r) => selected.includes(r.element))
        .map((r) => [r.element, from(r) ?? null])
        .filter(([, v]) => v !== null),
    );
    return patch('template', { template }, t('harm.templateSaved'));
  };

  const templateValue = (element: string) => (data?.baseItem.template as Record<string, unknown> | null)?.[element];
  const hasTemplate = !!data?.baseItem.template && Object.keys(data.baseItem.template).length > 0;

  const columnTitle = (c: HarmonisationColumn) => (
    <div className="harm-col-title">
      <Link to={`/app/catalog/${c.implementationId}`}>{c.region}</Link>
      <div className="harm-col-sub">{c.department}</div>
      <Space size={4}>
        <span className="mono harm-col-code">{c.code}</span>
        <StatusTag status={c.status} />
      </Space>
    </div>
  );

  const columns: TableColumnsType<HarmonisationRow> = [
    {
      title: t('versions.element'),
      dataIndex: 'element',
      fixed: 'left',
      width: 150,
      render: (e: string, row) => (
        <Space orientation="vertical" size={0}>
          <strong>{elementLabel(e, t)}</strong>
          <Space size={2}>
            {row.local && <Tag>{t('harm.local')}</Tag>}
            {templateValue(e) !== undefined && <Tag color="blue">{t('harm.template')}</Tag>}
            {row.differs && <Tag color="red">≠</Tag>}
          </Space>
        </Space>
      ),
    },
    ...(hasTemplate
      ? [
          {
            title: t('harm.template'),
            key: TEMPLATE,
            width: 220,
            render: (_: unknown, row: HarmonisationRow) => (
              <div className="harm-cell harm-template">
                {templateValue(row.element) === undefined ? '' : valueText(row.element, templateValue(row.element), t, lang, lists)}
              </div>
            ),
          },
        ]
      : []),
    ...(data?.columns ?? []).map((c) => ({
      title: columnTitle(c),
      key: c.key,
      width: 240,
      onCell: (row: HarmonisationRow) =>
        ({
          className: row.local ? 'harm-local' : row.differing.includes(c.key) ? 'harm-diff' : undefined,
          'data-testid': `harm-cell-${row.element}-${c.code}`,
          'data-differs': row.differing.includes(c.key) ? 'true' : 'false',
        }) as HTMLAttributes<HTMLElement>,
      render: (_: unknown, row: HarmonisationRow) => <div className="harm-cell">{valueText(row.element, row.values[c.key], t, lang, lists)}</div>,
    })),
  ];

  const indexColumns: TableColumnsType<HarmonisationIndexRow> = [
    { title: t('catalog.region'), dataIndex: 'region' },
    { title: t('harm.index.baseItems'), dataIndex: 'baseItems' },
    { title: t('harm.index.agreeing'), dataIndex: 'agreeing' },
    {
      title: t('harm.index.value'),
      dataIndex: 'index',
      render: (v: number) => <Progress percent={v} size="small" style={{ minWidth: 120 }} aria-label={t('harm.index.value')} />,
    },
  ];

  return (
    <>
      <PageTitle title={t('nav.harmonisation')} />
      <Typography.Paragraph type="secondary">{t('harm.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card size="small" className="block-gap">
            <Space wrap>
              <Select
                value={baseId}
                onChange={(id: number) => setParams(id ? { base: String(id) } : {})}
                loading={bases.loading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('harm.pick')}
                aria-label={t('harm.pick')}
                style={{ width: 360, maxWidth: '80vw' }}
                options={(bases.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))}
                data-testid="harm-base"
              />
              {data && (
                <Tag color={data.differingElements ? 'red' : 'green'} data-testid="harm-differing">
                  {t('harm.differing', { n: data.differingElements })}
                </Tag>
              )}
              {data && <Tag>{hasTemplate ? t('harm.templateHas', { n: Object.keys(data.baseItem.template ?? {}).length }) : t('harm.noTemplate')}</Tag>}
              {data && mayReview && !canReview && <Tag data-testid="harm-not-yours">{t(data.baseItem.regionCode ? 'harm.otherRegion' : 'harm.national')}</Tag>}
            </Space>
          </Card>
          {table.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(table.error, lang)} />}
          {!baseId && <Empty description={t('harm.pick')} />}
          {data && data.columns.length === 0 && <Empty description={t('harm.noImplementations')} />}
          {data && data.columns.length > 0 && (
            <Card size="small" className="block-gap">
              {canReview && (
                <Space wrap className="block-gap">
                  <Typography.Text type="secondary">{t('harm.selectHint')}</Typography.Text>
                  <span>{t('harm.takeFrom')}</span>
                  <Select
                    value={source}
                    onChange={setSource}
                    aria-label={t('harm.takeFrom')}
                    style={{ width: 260 }}
                    options={[
                      ...(hasTemplate ? [{ value: TEMPLATE, label: t('harm.template') }] : []),
                      ...data.columns.map((c) => ({ value: c.key, label: `${c.region} · ${c.department}` })),
                    ]}
                    data-testid="harm-source"
                  />
                  <Button type="primary" icon={<SaveOutlined />} loading={saving === 'template'} onClick={saveTemplate} data-testid="harm-set-template">
                    {t('harm.setTemplate')}
                  </Button>
                  {hasTemplate && (
                    <Button
                      danger
                      loading={saving === 'clear'}
                      onClick={() => patch('clear', { template: null }, t('harm.templateSaved'))}
                      data-testid="harm-clear-template"
                    >
                      {t('harm.clearTemplate')}
                    </Button>
                  )}
                </Space>
              )}
              <Table<HarmonisationRow>
                columns={columns}
                dataSource={data.rows}
                rowKey="element"
                pagination={false}
                size="small"
                bordered
                scroll={{ x: 'max-content' }}
                rowSelection={canReview ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 40 } : undefined}
                data-testid="harm-table"
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={7}>
          {data && (
            <Card size="small" title={t('harm.localElements')} className="block-gap" data-testid="harm-local">
              <Checkbox.Group
                value={local}
                onChange={(v) => setLocal(v.map(String))}
                disabled={!canReview}
                options={data.rows.map((r) => ({ value: r.element, label: elementLabel(r.element, t) }))}
                className="harm-local-group"
              />
              {canReview && (
                <Button
                  className="calc-outcome"
                  icon={<SaveOutlined />}
                  loading={saving === 'local'}
                  onClick={() => patch('local', { localElements: local }, t('common.saved'))}
                  data-testid="harm-save-local"
                >
                  {t('harm.saveLocal')}
                </Button>
              )}
            </Card>
          )}
          <Card size="small" title={t('harm.index')} data-testid="harm-index">
            <Table<HarmonisationIndexRow>
              columns={indexColumns}
              dataSource={index.data?.items ?? []}
              rowKey="regionCode"
              loading={index.loading}
              pagination={false}
              size="small"
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
