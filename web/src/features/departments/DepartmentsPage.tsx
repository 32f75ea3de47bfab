import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Department } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { DepartmentSelect, useDepartmentNames } from '../../components/DepartmentSelect.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { localize, useLang, useT } from '../../i18n.ts';

interface DepartmentValues {
  name: string;
  uscc: string;
  regionCode: string;
  parentId?: Department['id'] | null;
}

// GB 32100: 18 characters from digits and capitals without I, O, S, V, Z.
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export default function DepartmentsPage() {
  const t = useT();
  const { lang } = useLang();
  const [filters, setFilters] = useState<{ q: string; regionCode?: string }>({ q: '' });
  const [reloadKey, setReloadKey] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const [editing, setEditing] = useState<Department>();
  const reload = () => setReloadKey((k) => k + 1);
  const departmentName = useDepartmentNames(reloadKey);

  const checkUscc = async (_: unknown, raw?: string) => {
    const value = raw?.trim().toUpperCase() ?? '';
    if (!value) return;
    if (value.length !== 18) throw new Error(t('departments.usccLength'));
    if (!USCC_SHAPE.test(value)) throw new Error(t('departments.usccInvalid'));
    const r = await api.get('/api/check/uscc/{value}', { params: { path: { value } } });
    if (!r.valid)
      throw new Error(
        r.reason ? `${t('departments.usccInvalid')}: ${localize({ zh: r.reasonZh ?? r.reason, en: r.reason }, lang)}` : t('departments.usccInvalid'),
      );
  };

  const columns: TableColumnsType<Department> = [
    { title: t('departments.name'), dataIndex: 'name' },
    { title: t('departments.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('departments.region'), dataIndex: 'regionName' },
    { title: t('departments.parent'), dataIndex: 'parentId', render: (id: Department['parentId']) => departmentName(id) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" onClick={() => setEditing(row)} data-testid={`department-edit-${row.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  // One form for create and edit; the USCC is fixed once created (PATCH does not take it).
  const fields = (editingId?: Department['id']) => (
    <>
      <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} data-testid="department-name" />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('departments.uscc')}
        extra={editingId !== undefined ? t('departments.usccFixed') : undefined}
        validateTrigger="onBlur"
        normalize={(v?: string) => v?.toUpperCase()}
        rules={editingId !== undefined ? [] : [{ required: true }, { validator: checkUscc }]}
      >
        <Input maxLength={18} disabled={editingId !== undefined} className="mono" data-testid="department-uscc" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('departments.region')} rules={[{ required: true }]}>
        <RegionCascader testId="department-region" />
      </Form.Item>
      <Form.Item name="parentId" label={t('departments.parent')}>
        <DepartmentSelect excludeId={editingId} placeholder={t('departments.noParent')} testId="department-parent" />
      </Form.Item>
    </>
  );

  return (
    <>
      <PageTitle
        title={t('nav.departments')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="departments-create">
            {t('departments.create')}
          </Button>
        }
      />
      <Card>
        <Space wrap className="search-box">
          <Input.Search
            allowClear
            placeholder={t('departments.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() }))}
            data-testid="departments-search"
          />
          <div style={{ minWidth: 240 }}>
            <RegionCascader
              placeholder={t('departments.filterRegion')}
              value={filters.regionCode}
              onChange={(regionCode) => setFilters((f) => ({ ...f, regionCode }))}
              testId="departments-region-filter"
            />
          </div>
        </Space>
        <DataTable<Department>
          testId="departments-table"
          clientPaging
          columns={columns}
          rowKey={(r) => r.id}
          query={filters}
          reloadKey={reloadKey}
          load={() => api.get('/api/departments', { params: { query: filters } })}
        />
      </Card>

      <FormModal<DepartmentValues>
        open={isCreating}
        title={t('departments.create')}
        onClose={() => setIsCreating(false)}
        onDone={reload}
        successText={t('common.created')}
        testId="department-create"
        onSubmit={(v) =>
          api.create('/api/departments', {
            body: {
              name: v.name.trim(),
              uscc: v.uscc.trim().toUpperCase(),
              regionCode: v.regionCode,
              parentId: v.parentId ?? undefined,
            },
          })
        }
      >
        {fields()}
      </FormModal>

      <FormModal<DepartmentValues>
        open={editing !== undefined}
        title={t('departments.edit')}
        initialValues={editing}
        onClose={() => setEditing(undefined)}
        onDone={reload}
        successText={t('common.saved')}
        testId="department-edit"
        onSubmit={(v) =>
          api.patch('/api/departments/{id}', {
            params: { path: { id: editing!.id } },
            body: {
              name: v.name.trim(),
              regionCode: v.regionCode,
              parentId: v.parentId ?? null,
              version: editing!.version,
            },
          })
        }
      >
        {fields(editing?.id)}
      </FormModal>
    </>
  );
}
