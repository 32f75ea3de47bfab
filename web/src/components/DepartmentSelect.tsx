import { Select } from 'antd';
import { api } from '../api.ts';
import type { Department } from '../api.ts';
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
}

export function DepartmentSelect(props: DepartmentSelectProps) {
  const { value, onChange, regionCode, excludeId, placeholder, testId } = props;
  const t = useT();
  const remote = useRemote(
    () => api.get<{ items: Department[] }>('/api/departments', { regionCode: regionCode ?? undefined }),
    [regionCode],
  );
  const options = (remote.data?.items ?? [])
    .filter((d) => d.id !== excludeId)
    .map((d) => ({ value: d.id, label: d.name, search: `${d.name} ${d.uscc} ${d.regionName}` }));

  return (
    <Select
      data-testid={testId}
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
  const remote = useRemote(() => api.get<{ items: Department[] }>('/api/departments'), [reloadKey]);
  return (id) => {
    if (id == null) return '—';
    return remote.data?.items.find((d) => d.id === id)?.name ?? String(id);
  };
}
