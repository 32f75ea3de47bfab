import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Department, LicenseType } from '../../api/types.ts';
import { canIn, useSession } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionName } from '../../components/regions.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';

interface TypeValues {
  code: string;
  name: string;
  definingBodyName: string;
  holderKind: 'person' | 'organisation';
  validityYears?: number | null;
  fields?: string[];
  issuers?: number[];
}

// The defining body's USCC (18 characters, GB 32100 alphabet) and a 3-digit number; the server checks the USCC.
const CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const SHOWN_FIELDS = 6;

const cleanFields = (fields?: string[]) => [...new Set((fields ?? []).map((f) => f.trim()).filter(Boolean))];

/**
 * Fills the code and the defining body's name from one of the actor's departments: the code is that department's
 * USCC and the next free 3-digit number.
 */
function DefinerPicker({ departments, types }: { departments: Department[]; types: LicenseType[] }) {
  const t = useT();
  const form = Form.useFormInstance<TypeValues>();
  const pick = (id: number) => {
    const d = departments.find((x) => Number(x.id) === id);
    if (!d) return;
    const used = types.filter((x) => x.definingBodyUscc === d.uscc).map((x) => Number(x.code.slice(18)));
    const next = String(Math.max(0, ...used) + 1).padStart(3, '0');
    form.setFieldsValue({ code: `${d.uscc}${next}`, definingBodyName: d.name });
  };
  return (
    <Form.Item label={t('licenseType.definer')} extra={t('licenseType.definerHint')}>
      <Select
        allowClear
        options={departments.map((d) => ({ value: Number(d.id), label: d.name, search: `${d.name} ${d.uscc}` }))}
        showSearch={{ optionFilterProp: 'search' }}
        onChange={(id?: number) => id !== undefined && pick(id)}
        placeholder={t('department.placeholder')}
        data-testid="license-type-definer"
      />
    </Form.Item>
  );
}

/**
 * 证照类型: each type's data fields and issuing departments. A type belongs to its defining body (its code starts
 * with that body's USCC): a national body's types (公安部, 民政部 …) are an administrator without a region's to change;
 * a department's types, whoever's scope holds the department; issuing departments only within the actor's scope. The
 * server decides; the page says so beforehand and shows its refusals.
 */
export default function LicenseTypesPage() {
  const t = useT();
  const session = useSession();
  const [q, setQ] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const [editing, setEditing] = useState<LicenseType>();
  const reload = () => setReloadKey((k) => k + 1);
  const departments = useRemote(() => api.get('/api/departments'), []);
  const types = useRemote(() => api.get('/api/license-types'), [reloadKey]);

  const isNational = canIn(session, 'license_types.manage', { regionCode: null, departmentId: null });
  const scopedRegions = [...new Set(session.grants.filter((g) => g.permissions.includes('license_types.manage') && g.regionCode).map((g) => g.regionCode!))];
  const allDepartments = departments.data?.items ?? [];
  const inScope = (d: Department) => canIn(session, 'license_types.manage', { regionCode: d.regionCode, departmentId: Number(d.id) });
  const ownDepartments = allDepartments.filter(inScope);
  /** The same rule as the server's: a national grant, or a grant covering the department that defines the type. */
  const manages = (type: LicenseType) => {
    if (isNational) return true;
    const definer = allDepartments.find((d) => d.uscc === type.definingBodyUscc);
    return definer !== undefined && inScope(definer);
  };

  const regionNames = scopedRegions.map((code, i) => (
    <span key={code}>
      {i > 0 && '、'}
      <RegionName code={code} />
    </span>
  ));

  const departmentOptions = allDepartments.map((d) => ({
    value: Number(d.id),
    label: d.name,
    search: `${d.name} ${d.uscc} ${d.regionName ?? ''}`,
  }));

  const columns: TableColumnsType<LicenseType> = [
    { title: t('licenseType.code'), dataIndex: 'code', render: (v: string) => <span className="mono small-text">{v}</span> },
    {
      title: t('licenseType.name'),
      dataIndex: 'name',
      render: (v: string, row) => (
        <>
          <div data-testid={`license-type-name-${row.code}`}>{v}</div>
          <Typography.Text type="secondary" className="small-text">
            {row.definingBodyName}
          </Typography.Text>
        </>
      ),
    },
    { title: t('licenseType.holderKind'), dataIndex: 'holderKind', render: (v: LicenseType['holderKind']) => t(`licenseType.holder.${v}`) },
    {
      title: t('licenseType.validity'),
      dataIndex: 'validityYears',
      render: (v: number | null) => (v ? t('licenseType.years', { n: v }) : t('license.longTerm')),
    },
    {
      title: t('licenseType.issuers'),
      dataIndex: 'issuers',
      render: (issuers: LicenseType['issuers'], row) => (
        <Space size={[0, 4]} wrap style={{ maxWidth: 320 }} data-testid={`license-type-issuers-${row.code}`}>
          {issuers.length === 0 && <Typography.Text type="secondary">{t('licenseType.none')}</Typography.Text>}
          {issuers.map((i) => (
            <Tag key={i.departmentId} color="blue">
              {i.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('licenseType.fields'),
      dataIndex: 'fields',
      render: (fields: string[], row) => (
        <Space size={[0, 4]} wrap style={{ maxWidth: 300 }} data-testid={`license-type-fields-${row.code}`}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('licenseType.none')}</Typography.Text>}
          {fields.slice(0, SHOWN_FIELDS).map((f) => (
            <Tag key={f}>{f}</Tag>
          ))}
          {fields.length > SHOWN_FIELDS && (
            <Tooltip title={fields.slice(SHOWN_FIELDS).join('、')}>
              <Tag>{t('licenseType.more', { n: fields.length - SHOWN_FIELDS })}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) =>
        manages(row) ? (
          <Button type="link" onClick={() => setEditing(row)} data-testid={`license-type-edit-${row.code}`}>
            {t('common.edit')}
          </Button>
        ) : (
          <Tooltip title={t('licenseType.notYours')}>
            <Button type="link" disabled data-testid={`license-type-edit-${row.code}`}>
              {t('common.edit')}
            </Button>
          </Tooltip>
        ),
    },
  ];

  const typeItems = (
    <>
      <Form.Item name="name" label={t('licenseType.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} data-testid="license-type-name" />
      </Form.Item>
      <Form.Item name="definingBodyName" label={t('licenseType.definingBody')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} data-testid="license-type-body" />
      </Form.Item>
      <Form.Item name="validityYears" label={t('licenseType.validity')} extra={t('licenseType.validityHint')}>
        <InputNumber min={1} max={100} precision={0} addonAfter={t('licenseType.yearUnit')} data-testid="license-type-validity" />
      </Form.Item>
      <Form.Item name="fields" label={t('licenseType.fields')} extra={t('licenseType.fieldsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} data-testid="license-type-fields" />
      </Form.Item>
      <Form.Item
        name="issuers"
        label={t('licenseType.issuers')}
        extra={
          isNational ? undefined : (
            <>
              {t('licenseType.issuersScoped')}
              {regionNames}
            </>
          )
        }
      >
        <Select
          mode="multiple"
          options={departmentOptions}
          loading={departments.loading}
          showSearch={{ optionFilterProp: 'search' }}
          placeholder={t('department.placeholder')}
          data-testid="license-type-issuers"
        />
      </Form.Item>
    </>
  );

  const term = q.trim().toLowerCase();

  return (
    <>
      <PageTitle
        title={t('nav.licenseTypes')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="license-types-create">
            {t('licenseType.create')}
          </Button>
        }
      />
      <Alert
        className="block-gap"
        type="info"
        showIcon
        data-testid="license-types-scope"
        data-national={isNational}
        title={
          isNational ? (
            t('licenseType.nationalNote')
          ) : (
            <>
              {t('licenseType.scopedNote')}
              {regionNames}
            </>
          )
        }
      />
      <Card>
        <Input.Search allowClear className="search-box" placeholder={t('licenseType.searchPlaceholder')} onSearch={setQ} data-testid="license-types-search" />
        <DataTable<LicenseType>
          testId="license-types-table"
          clientPaging
          columns={columns}
          rowKey={(r) => r.code}
          query={{ q }}
          reloadKey={reloadKey}
          load={async () => {
            const { items } = await api.get('/api/license-types');
            return { items: items.filter((x) => !term || x.name.toLowerCase().includes(term) || x.code.toLowerCase().includes(term)) };
          }}
        />
      </Card>

      <FormModal<TypeValues>
        open={isCreating}
        title={t('licenseType.create')}
        initialValues={{ holderKind: 'organisation' }}
        onClose={() => setIsCreating(false)}
        onDone={reload}
        successText={t('common.created')}
        testId="license-type-create"
        width={640}
        onSubmit={(v) =>
          api.create('/api/license-types', {
            body: {
              code: v.code.trim().toUpperCase(),
              name: v.name.trim(),
              definingBodyName: v.definingBodyName.trim(),
              holderKind: v.holderKind,
              validityYears: v.validityYears ?? null,
              fields: cleanFields(v.fields),
              issuers: v.issuers ?? [],
            },
          })
        }
      >
        <DefinerPicker departments={ownDepartments} types={types.data?.items ?? []} />
        <Form.Item
          name="code"
          label={t('licenseType.code')}
          extra={t('licenseType.codeHint')}
          normalize={(v?: string) => v?.toUpperCase()}
          rules={[{ required: true }, { pattern: CODE_SHAPE, message: t('licenseType.codeInvalid') }]}
        >
          <Input maxLength={21} className="mono" data-testid="license-type-code" />
        </Form.Item>
        <Form.Item name="holderKind" label={t('licenseType.holderKind')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="license-type-holder"
            options={[
              { value: 'person', label: t('licenseType.holder.person') },
              { value: 'organisation', label: t('licenseType.holder.organisation') },
            ]}
          />
        </Form.Item>
        {typeItems}
      </FormModal>

      <FormModal<TypeValues>
        open={editing !== undefined}
        title={editing ? `${t('licenseType.edit')}：${editing.name}` : ''}
        initialValues={editing && { ...editing, issuers: editing.issuers.map((i) => i.departmentId) }}
        onClose={() => setEditing(undefined)}
        onDone={reload}
        successText={t('common.saved')}
        testId="license-type-edit"
        width={640}
        onSubmit={(v) =>
          api.patch('/api/license-types/{code}', {
            params: { path: { code: editing!.code } },
            body: {
              version: editing!.version,
              name: v.name.trim(),
              definingBodyName: v.definingBodyName.trim(),
              validityYears: v.validityYears ?? null,
              fields: cleanFields(v.fields),
              issuers: v.issuers ?? [],
            },
          })
        }
      >
        <Form.Item label={t('licenseType.code')}>
          <span className="mono">{editing?.code}</span>
        </Form.Item>
        {typeItems}
      </FormModal>
    </>
  );
}
