import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { useCan, useSession } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { DepartmentSelect, useDepartmentNames } from '../../components/DepartmentSelect.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/regions.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { BaseItemModal } from './BaseItemModal.tsx';
import { StatusTag, defaultContent, statusLabel, useCodeList } from './catalog.tsx';
import type { BaseItem, Implementation, ImplementationRow, VersionStatus } from '../../api/types.ts';

interface Filters {
  q?: string;
  region?: string;
  department?: number;
  status?: Implementation['status'];
}

interface CreateValues {
  baseItemId: number;
  regionCode: string;
  departmentId: number;
  code: string;
  name: string;
}

// The implementation's own status (the list cannot filter on its latest version's status yet).
const STATUSES: readonly Implementation['status'][] = ['draft', 'published', 'suspended', 'abolished'];

/** The fields of the create modal; they fill in the name and suggest a code from the base item and region. */
function CreateFields({ baseItems, onNewBase, createdBase }: { baseItems: BaseItem[]; onNewBase: () => void; createdBase?: BaseItem }) {
  const t = useT();
  const form = Form.useFormInstance<CreateValues>();
  const baseItemId = Form.useWatch('baseItemId', form);
  const regionCode = Form.useWatch('regionCode', form);
  const base = baseItems.find((b) => b.id === baseItemId);

  useEffect(() => {
    if (createdBase) form.setFieldsValue({ baseItemId: createdBase.id, name: createdBase.name });
  }, [createdBase, form]);

  const suggest = () => {
    if (base && regionCode) form.setFieldsValue({ code: `${base.code}-${regionCode}` });
  };

  return (
    <>
      <Form.Item label={t('catalog.baseItem')} required htmlFor="baseItemId">
        <Space.Compact block>
          <Form.Item name="baseItemId" noStyle rules={[{ required: true, message: t('impl.chooseBase') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('impl.chooseBase')}
              options={baseItems.map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))}
              onChange={(id: number) => {
                const chosen = baseItems.find((b) => b.id === id);
                if (chosen && !form.getFieldValue('name')) form.setFieldsValue({ name: chosen.name });
              }}
              data-testid="impl-base"
            />
          </Form.Item>
          <Button icon={<PlusOutlined />} onClick={onNewBase} data-testid="impl-new-base">
            {t('impl.createBase')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="regionCode" label={t('catalog.region')} rules={[{ required: true }]}>
            <RegionCascader testId="impl-region" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="departmentId" label={t('catalog.department')} rules={[{ required: true }]}>
            <DepartmentSelect regionCode={regionCode} testId="impl-department" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('catalog.code')} required extra={t('impl.codeRule')} htmlFor="code">
        <Space.Compact block>
          <Form.Item name="code" noStyle rules={[{ required: true }, { pattern: /^[0-9A-Za-z-]{1,36}$/, message: t('impl.codeRule') }]}>
            <Input maxLength={36} className="mono" data-testid="impl-code" />
          </Form.Item>
          <Button icon={<ThunderboltOutlined />} onClick={suggest} disabled={!base || !regionCode} data-testid="impl-code-suggest">
            {t('impl.codeSuggest')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="name" label={t('element.name')} extra={t('impl.nameExtra')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="impl-name" />
      </Form.Item>
    </>
  );
}

/** 实施清单: every implementation in the user's scope, its status, and the way to a new one. */
export default function ImplementationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const canEdit = useCan()('catalog.edit');
  const [filters, setFilters] = useState<Filters>({});
  const [isCreating, setIsCreating] = useState(false);
  const [isCreatingBase, setIsCreatingBase] = useState(false);
  const [createdBase, setCreatedBase] = useState<BaseItem>();
  const departmentName = useDepartmentNames();
  const itemTypes = useCodeList('item_type');
  const baseItems = useRemote(() => (canEdit ? api.get('/api/catalog/base-items') : Promise.resolve({ items: [] as BaseItem[] })), [canEdit, createdBase?.id]);
  const homeRegion = user.roles.find((r) => r.regionCode)?.regionCode ?? undefined;

  const columns: TableColumnsType<ImplementationRow> = [
    {
      title: t('element.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={`/app/catalog/${row.id}`} data-testid={`impl-open-${row.code}`}>
          {name}
        </Link>
      ),
    },
    { title: t('catalog.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('catalog.itemType'), dataIndex: 'itemType', render: (v: string) => itemTypes.label(v) },
    { title: t('catalog.department'), dataIndex: 'departmentId', render: (id: number) => departmentName(id) },
    { title: t('catalog.region'), dataIndex: 'regionCode', render: (code: string) => <RegionName code={code} /> },
    {
      title: t('catalog.status'),
      dataIndex: 'status',
      render: (s: Implementation['status'], row) => <StatusTag status={s} testId={`impl-status-${row.code}`} />,
    },
    {
      title: t('catalog.latestVersion'),
      dataIndex: 'latestVersionStatus',
      render: (s: VersionStatus, row) => <StatusTag status={s} testId={`impl-version-status-${row.code}`} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => (
        <Link to={`/app/catalog/${row.id}`}>
          <Button type="link" size="small">
            {canEdit && row.status !== 'abolished' ? t('impl.open') : t('impl.view')}
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.catalog')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="impl-create">
              {t('impl.create')}
            </Button>
          )
        }
      />
      <Card>
        <FilterBar<Filters> onSearch={setFilters} testId="impl-filter">
          <Form.Item name="q">
            <Input allowClear placeholder={t('impl.searchPlaceholder')} style={{ width: 220 }} data-testid="impl-q" />
          </Form.Item>
          <Form.Item name="region" style={{ minWidth: 180 }}>
            <RegionCascader testId="impl-filter-region" aria-label={t('catalog.region')} />
          </Form.Item>
          <Form.Item name="department" style={{ minWidth: 200 }}>
            <DepartmentSelect testId="impl-filter-department" aria-label={t('catalog.department')} />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('impl.allStatuses')}
              aria-label={t('catalog.status')}
              style={{ width: 130 }}
              options={STATUSES.map((s) => ({ value: s, label: statusLabel(s, t) }))}
              data-testid="impl-filter-status"
            />
          </Form.Item>
        </FilterBar>
        <DataTable<ImplementationRow>
          testId="impl-table"
          columns={columns}
          rowKey={(r) => r.id}
          query={filters}
          load={(page, pageSize) => api.get('/api/catalog/implementations', { params: { query: { ...filters, page, pageSize } } })}
        />
      </Card>

      <FormModal<CreateValues>
        open={isCreating}
        title={t('impl.create')}
        initialValues={{ regionCode: homeRegion }}
        onClose={() => setIsCreating(false)}
        onDone={() => undefined}
        successText={t('common.created')}
        testId="impl-create-modal"
        width={680}
        onSubmit={async (v) => {
          const base = (baseItems.data?.items ?? []).find((b) => b.id === v.baseItemId);
          // a new implementation starts from the base item's standard template when it has one
          const content = { ...defaultContent(v.name.trim()), legalBasis: base?.legalBasis ?? '', ...(base?.template ?? {}), name: v.name.trim() };
          const created = await api.create('/api/catalog/implementations', {
            body: {
              code: v.code.trim(),
              baseItemId: v.baseItemId,
              regionCode: v.regionCode,
              departmentId: v.departmentId,
              content,
            },
          });
          navigate(`/app/catalog/${created.id}`);
        }}
      >
        <CreateFields baseItems={baseItems.data?.items ?? []} onNewBase={() => setIsCreatingBase(true)} createdBase={createdBase} />
      </FormModal>
      <BaseItemModal open={isCreatingBase} onClose={() => setIsCreatingBase(false)} onCreated={setCreatedBase} />
    </>
  );
}
