import { Select } from 'antd';
import { api } from '../api.ts';
import type { Department } from '../api/types.ts';
import { useT } from '../i18n.ts';
import { useRemote } from './useRemote.ts';

type DepartmentId = Department['id'];

interface DepartmentSelectProps {
  value?: DepartmentId | null;
  onChange?: (id: DepartmentId | null) => void;
  /** Only departments of this region. */
  regionCode?: string | null;
  /** Leave one department out (a department cannot be its own parent). */
  excludeId?: DepartmentId;
  placeholder?: string;
  testId?: string;
  /** Set by a Form.Item, so that its label names the field. */
  id?: string;
  /** The field's name for screen readers where no label shows (a filter). */
  'aria-label'?: string;
}

export function DepartmentSelect(props: DepartmentSelectProps) {
  const { value, onChange, regionCode, excludeId, placeholder, testId, id, 'aria-label': ariaLabel } = props;
  const t = useT();
  const remote = useRemote(() => api.get('/api/departments', { params: { query: { regionCode: regionCode ?? undefined } } }), [regionCode]);
  const options = (remote.data?.items ?? [])
    .filter((d) => d.id !== excludeId)
    .map((d) => ({ value: d.id, label: d.name, search: `${d.name} ${d.uscc} ${d.regionName}` }));

  return (
    <Select
      data-testid={testId}
      id={id}
      // without a form label (a filter), the placeholder names the field for screen readers (WCAG 4.1.2)
      aria-label={ariaLabel ?? (id ? undefined : (placeholder ?? t('department.placeholder')))}
      value={value ?? undefined}
      onChange={(id) => onChange?.(id ?? null)}
      options={options}
      loading={remote.loading}
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={placeholder ?? t('department.placeholder')}
      style={{ width: '100%' }}
    />
  );
}

/** Every department, to show names where a reply carries only ids. */
export function useDepartmentNames(reloadKey = 0): (id: DepartmentId | null | undefined) => string {
  const remote = useRemote(() => api.get('/api/departments'), [reloadKey]);
  return (id) => {
    if (id == null) return '—';
    return remote.data?.items.find((d) => d.id === id)?.name ?? String(id);
  };
}
