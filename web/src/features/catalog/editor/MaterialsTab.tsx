import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Switch, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useContext } from 'react';
import { useT } from '../../../i18n.ts';
import { rowErrors, useLicenseTypes } from '../catalog.tsx';
import type { Material } from '../../../api/types.ts';
import { ErrorsContext } from './Field.tsx';
import type { TabProps } from './Field.tsx';
import { FileField } from './FileField.tsx';

/** A key for a new row that is not used yet: m1, m2 … */
export function freshKey(prefix: string, used: string[]): string {
  for (let n = used.length + 1; ; n++) if (!used.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function moved<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

const KEY_SHAPE = /^[a-z0-9_-]{1,40}$/;

/** 申请材料: one editable row per material, in the order the guide lists them. */
export function MaterialsTab({ content, onChange, readOnly }: TabProps) {
  const t = useT();
  const errors = useContext(ErrorsContext);
  const licenseTypes = useLicenseTypes();
  const materials = content.materials;
  const set = (i: number, patch: Partial<Material>) => onChange({ materials: materials.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const add = () =>
    onChange({
      materials: [
        ...materials,
        {
          key: freshKey(
            'm',
            materials.map((m) => m.key),
          ),
          name: '',
          required: true,
          form: 'paper',
          source: 'applicant',
          licenseTypeCode: null,
          sourceDepartment: null,
          originals: 1,
          copies: 0,
          blankFormFile: null,
          sampleFile: null,
          acceptanceStandard: '',
          legalBasis: '',
          pledgeAllowed: false,
        },
      ],
    });
  const problems = materials.flatMap((m, i) =>
    rowErrors(errors, 'materials', i, m.key).map((message) => t('editor.material.rowErrors', { n: i + 1, name: m.name || m.key, message })),
  );
  const plain = errors.filter((e) => e.element === 'materials').map((e) => e.message);

  const columns: TableColumnsType<Material> = [
    { title: '#', key: 'no', width: 40, fixed: 'left', render: (_, __, i) => i + 1 },
    {
      title: t('guide.m.name'),
      key: 'name',
      width: 220,
      fixed: 'left',
      render: (_, m, i) => (
        <Input
          value={m.name}
          status={m.name.trim() ? undefined : 'warning'}
          onChange={(e) => set(i, { name: e.target.value })}
          data-testid={`material-name-${i}`}
        />
      ),
    },
    {
      title: (
        <Tooltip title={t('editor.material.keyRule')}>
          <span>{t('editor.material.key')}</span>
        </Tooltip>
      ),
      key: 'key',
      width: 150,
      render: (_, m, i) => (
        <Input
          value={m.key}
          status={KEY_SHAPE.test(m.key) ? undefined : 'error'}
          onChange={(e) => set(i, { key: e.target.value.trim().toLowerCase() })}
          className="mono"
          data-testid={`material-key-${i}`}
        />
      ),
    },
    {
      title: t('guide.m.required'),
      key: 'required',
      width: 70,
      render: (_, m, i) => <Switch size="small" checked={m.required} onChange={(required) => set(i, { required })} data-testid={`material-required-${i}`} />,
    },
    {
      title: t('guide.m.form'),
      key: 'form',
      width: 130,
      render: (_, m, i) => (
        <Select<Material['form']>
          value={m.form}
          onChange={(form) => set(i, { form })}
          style={{ width: '100%' }}
          options={(['paper', 'electronic', 'both'] as const).map((v) => ({ value: v, label: t(`catalog.materialForm.${v}`) }))}
          data-testid={`material-form-${i}`}
        />
      ),
    },
    {
      title: t('guide.m.source'),
      key: 'source',
      width: 230,
      render: (_, m, i) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Select<Material['source']>
            value={m.source}
            onChange={(source) =>
              set(i, {
                source,
                licenseTypeCode: source === 'license' ? m.licenseTypeCode : null,
                sourceDepartment: source === 'department' ? m.sourceDepartment : null,
              })
            }
            style={{ width: '100%' }}
            options={(['applicant', 'license', 'department'] as const).map((v) => ({ value: v, label: t(`catalog.source.${v}`) }))}
            data-testid={`material-source-${i}`}
          />
          {m.source === 'license' && (
            <Select
              value={m.licenseTypeCode ?? undefined}
              onChange={(code?: string) => set(i, { licenseTypeCode: code ?? null })}
              placeholder={t('editor.licenseType')}
              status={m.licenseTypeCode ? undefined : 'error'}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              options={licenseTypes.map((l) => ({ value: l.code, label: `${l.name}（${l.code}）` }))}
              data-testid={`material-license-${i}`}
            />
          )}
          {m.source === 'department' && (
            <Input
              value={m.sourceDepartment ?? ''}
              onChange={(e) => set(i, { sourceDepartment: e.target.value || null })}
              placeholder={t('editor.material.sourceDepartment')}
            />
          )}
        </Space>
      ),
    },
    {
      title: t('guide.m.copies'),
      key: 'copies',
      width: 170,
      render: (_, m, i) => (
        <Space size={4}>
          <InputNumber
            size="small"
            min={0}
            max={99}
            precision={0}
            value={m.originals}
            onChange={(v) => set(i, { originals: v ?? 0 })}
            aria-label={t('editor.material.originals')}
            prefix={t('editor.material.originals')}
            style={{ width: 80 }}
          />
          <InputNumber
            size="small"
            min={0}
            max={99}
            precision={0}
            value={m.copies}
            onChange={(v) => set(i, { copies: v ?? 0 })}
            aria-label={t('editor.material.copies')}
            prefix={t('editor.material.copies')}
            style={{ width: 86 }}
            data-testid={`material-copies-${i}`}
          />
        </Space>
      ),
    },
    {
      title: t('guide.m.standard'),
      key: 'standard',
      width: 240,
      render: (_, m, i) => (
        <Input.TextArea
          value={m.acceptanceStandard}
          autoSize={{ minRows: 1, maxRows: 5 }}
          onChange={(e) => set(i, { acceptanceStandard: e.target.value })}
          data-testid={`material-standard-${i}`}
        />
      ),
    },
    {
      title: t('guide.m.basis'),
      key: 'basis',
      width: 200,
      render: (_, m, i) => (
        <Input.TextArea value={m.legalBasis} autoSize={{ minRows: 1, maxRows: 5 }} onChange={(e) => set(i, { legalBasis: e.target.value })} />
      ),
    },
    {
      title: t('guide.m.pledge'),
      key: 'pledge',
      width: 80,
      render: (_, m, i) => (
        <Checkbox checked={m.pledgeAllowed} onChange={(e) => set(i, { pledgeAllowed: e.target.checked })} data-testid={`material-pledge-${i}`} />
      ),
    },
    {
      title: t('guide.m.files'),
      key: 'files',
      width: 190,
      render: (_, m, i) => (
        <Space orientation="vertical" size={4}>
          <FileField
            value={m.blankFormFile}
            onChange={(blankFormFile) => set(i, { blankFormFile })}
            label={t('guide.m.blankForm')}
            disabled={readOnly}
            testId={`material-blank-${i}`}
          />
          <FileField
            value={m.sampleFile}
            onChange={(sampleFile) => set(i, { sampleFile })}
            label={t('guide.m.sample')}
            disabled={readOnly}
            testId={`material-sample-${i}`}
          />
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, __, i) => (
        <Space size={0}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('editor.moveUp')}
            disabled={i === 0}
            onClick={() => onChange({ materials: moved(materials, i, i - 1) })}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('editor.moveDown')}
            disabled={i === materials.length - 1}
            onClick={() => onChange({ materials: moved(materials, i, i + 1) })}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('editor.remove')}
            onClick={() => onChange({ materials: materials.filter((_, j) => j !== i) })}
            data-testid={`material-remove-${i}`}
          />
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="materials-tab">
      {(problems.length > 0 || plain.length > 0) && (
        <Alert
          type="error"
          showIcon
          className="block-gap"
          title={
            <ul className="problem-list" data-testid="error-materials">
              {[...plain, ...problems].map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Material>
        columns={readOnly ? columns.filter((c) => c.key !== 'actions') : columns}
        dataSource={materials}
        rowKey={(m) => materials.indexOf(m)}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        rowClassName={(m) => (rowErrors(errors, 'materials', materials.indexOf(m), m.key).length ? 'row-error' : '')}
        onRow={(_, i) => ({ 'data-testid': `material-row-${i}` }) as HTMLAttributes<HTMLElement>}
        className="block-gap editor-table"
      />
      {!readOnly && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={add} data-testid="material-add">
          {t('editor.material.add')}
        </Button>
      )}
    </div>
  );
}
