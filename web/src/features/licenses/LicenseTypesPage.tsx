import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Department, LicenseField, LicenseType } from '../../api/types.ts';
import { canIn, useSession } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionName } from '../../components/regions.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useLang, useT } from '../../i18n.ts';
import { entryLabel } from './licenseKit.tsx';

interface TypeValues {
  code: string;
  name: string;
  definingBodyName: string;
  holderKind: 'person' | 'organisation';
  validityYears?: number | null;
  validityBasis?: string | null;
  fields?: Partial<LicenseField>[];
  issuers?: number[];
}

// The defining body's USCC (18 characters, GB 32100 alphabet) and a 3-digit number; the server checks the USCC.
const CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const SHOWN_FIELDS = 6;

// The server's rule, said beforehand: a contact phone is neither sealed nor printed (it refuses otherwise).
const CONTACT = /phone|mobile|telephone|^tel$|电话|手机|联系方式/i;
const isContact = (f: Partial<LicenseField>) => CONTACT.test(f.key ?? '') || CONTACT.test(f.label ?? '');

/** The declared fields as the server takes them: one per key, labelled, printed only when sealed. */
const cleanFields = (fields?: Partial<LicenseField>[]) => {
  const seen = new Set<string>();
  return (fields ?? []).flatMap((f) => {
    const key = f.key?.trim() ?? '';
    if (!key || seen.has(key)) return [];
    seen.add(key);
    const label = f.label?.trim() || key;
    const sealed = !isContact({ key, label }) && Boolean(f.sealed);
    return [{ key, label, labelEn: f.labelEn?.trim() || null, sealed, printed: sealed && Boolean(f.printed) }];
  });
};

/**
 * The fields of a type, one row each: key (the form's key a case hands over), Chinese and English label, sealed,
 * printed. A contact phone may be declared, never sealed or printed.
 */
function FieldsEditor() {
  const t = useT();
  const form = Form.useFormInstance<TypeValues>();
  return (
    <Form.Item label={t('licenseType.fields')} extra={t('licenseType.fieldsHint')}>
      <Form.List name="fields">
        {(rows, { add, remove }) => (
          <div className="license-fields-editor" data-testid="license-type-fields">
            {rows.map((row, i) => (
              <Space key={row.key} align="start" wrap className="license-field-row" data-testid={`license-type-field-${i}`}>
                <Form.Item name={[row.name, 'key']} rules={[{ required: true, whitespace: true, message: t('licenseType.fieldKeyRequired') }]}>
                  <Input
                    placeholder={t('licenseType.fieldKey')}
                    aria-label={t('licenseType.fieldKey')}
                    maxLength={50}
                    className="mono"
                    data-testid={`license-type-field-key-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[row.name, 'label']} rules={[{ required: true, whitespace: true, message: t('licenseType.fieldLabelRequired') }]}>
                  <Input
                    placeholder={t('licenseType.fieldLabel')}
                    aria-label={t('licenseType.fieldLabel')}
                    maxLength={50}
                    data-testid={`license-type-field-label-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[row.name, 'labelEn']}>
                  <Input
                    placeholder={t('licenseType.fieldLabelEn')}
                    aria-label={t('licenseType.fieldLabelEn')}
                    maxLength={100}
                    data-testid={`license-type-field-label-en-${i}`}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const f = form.getFieldValue(['fields', row.name]) as Partial<LicenseField> | undefined;
                    const contact = f ? isContact(f) : false;
                    return (
                      <Space className="license-field-flags">
                        <Form.Item name={[row.name, 'sealed']} valuePropName="checked" noStyle>
                          <Checkbox disabled={contact} data-testid={`license-type-field-sealed-${i}`}>
                            {t('licenseType.fieldSealed')}
                          </Checkbox>
                        </Form.Item>
                        <Form.Item name={[row.name, 'printed']} valuePropName="checked" noStyle>
                          <Checkbox disabled={contact || !f?.sealed} data-testid={`license-type-field-printed-${i}`}>
                            {t('licenseType.fieldPrinted')}
                          </Checkbox>
                        </Form.Item>
                        {contact && (
                          <Typography.Text type="secondary" className="small-text">
                            {t('licenseType.fieldContact')}
                          </Typography.Text>
                        )}
                      </Space>
                    );
                  }}
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('licenseType.fieldRemove')}
                  onClick={() => remove(row.name)}
                  data-testid={`license-type-field-remove-${i}`}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sealed: true, printed: true })} data-testid="license-type-field-add">
              {t('licenseType.fieldAdd')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

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
  const { lang } = useLang();
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
      render: (v: number | null, row) => {
        const text = v ? t('licenseType.years', { n: v }) : t('license.longTerm');
        return row.validityBasis ? (
          <Tooltip title={row.validityBasis}>
            <span data-testid={`license-type-validity-${row.code}`}>{text}</span>
          </Tooltip>
        ) : (
          <span data-testid={`license-type-validity-${row.code}`}>{text}</span>
        );
      },
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
      render: (fields: LicenseField[], row) => (
        <Space size={[0, 4]} wrap style={{ maxWidth: 300 }} data-testid={`license-type-fields-${row.code}`}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('licenseType.none')}</Typography.Text>}
          {fields.slice(0, SHOWN_FIELDS).map((f) => (
            <Tooltip
              key={f.key}
              title={f.sealed ? (f.printed ? t('licenseType.fieldSealedPrinted') : t('licenseType.fieldSealedOnly')) : t('licenseType.fieldNotSealed')}
            >
              <Tag color={f.sealed ? (f.printed ? 'blue' : undefined) : 'default'}>{entryLabel(f, lang)}</Tag>
            </Tooltip>
          ))}
          {fields.length > SHOWN_FIELDS && (
            <Tooltip
              title={fields
                .slice(SHOWN_FIELDS)
                .map((f) => entryLabel(f, lang))
                .join('、')}
            >
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

  /** The items both forms share; a new type must name the law that makes it long-term (older types are not blocked from other edits). */
  const typeItems = (isNew: boolean) => (
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
      <Form.Item noStyle dependencies={['validityYears']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="validityBasis"
            label={t('licenseType.validityBasis')}
            extra={t('licenseType.validityBasisHint')}
            // Long-term only where the law says so: without a term, the basis is required.
            rules={[{ required: isNew && !getFieldValue('validityYears'), whitespace: true, message: t('licenseType.validityBasisRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="license-type-validity-basis" />
          </Form.Item>
        )}
      </Form.Item>
      <FieldsEditor />
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
        initialValues={{ holderKind: 'organisation', fields: [] }}
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
              validityBasis: v.validityBasis?.trim() || null,
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
        {typeItems(true)}
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
              validityBasis: v.validityBasis?.trim() || null,
              fields: cleanFields(v.fields),
              issuers: v.issuers ?? [],
            },
          })
        }
      >
        <Form.Item label={t('licenseType.code')}>
          <span className="mono">{editing?.code}</span>
        </Form.Item>
        {typeItems(false)}
      </FormModal>
    </>
  );
}
