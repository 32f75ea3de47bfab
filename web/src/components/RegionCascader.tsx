import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import type { Region } from '../api/types.ts';
import { useT } from '../i18n.ts';
import { getRegion, loadRegions } from './regions.tsx';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const toOption = (r: Region): RegionOption => ({ value: r.code, label: r.name, isLeaf: r.level >= 3 });

interface RegionCascaderProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  testId?: string;
  /** Set by a Form.Item, so that its label names the field. */
  id?: string;
  /** The field's name for screen readers where no label shows (a filter). */
  'aria-label'?: string;
}

/** Picks one region at any level (province, city or county); the value is its code. */
export function RegionCascader({ value, onChange, placeholder, testId, id, 'aria-label': ariaLabel }: RegionCascaderProps) {
  const t = useT();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    loadRegions().then(
      (items) => setOptions(items.map(toOption)),
      () => setOptions([]),
    );
  }, []);

  // Open the tree down to a value set from outside (an edit form), so the names show.
  useEffect(() => {
    if (!value) {
      setPath([]);
      return;
    }
    if (path[path.length - 1] === value || options.length === 0) return;
    let isCancelled = false;
    (async () => {
      const region = await getRegion(value);
      const chain = [...region.path].reverse(); // the reply lists the region first, the province last
      let level: RegionOption[] | undefined = options;
      for (const node of chain.slice(0, -1)) {
        const option: RegionOption | undefined = level?.find((o) => o.value === node.code);
        if (!option) break;
        option.children ??= (await loadRegions(option.value)).map(toOption);
        level = option.children;
      }
      if (isCancelled) return;
      setOptions((o) => [...o]);
      setPath(chain.map((r) => r.code));
    })().catch(() => setPath([value]));
    return () => {
      isCancelled = true;
    };
    // path is left out on purpose: only a new value or the first load should open the tree
  }, [value, options.length]);

  const loadData = (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    loadRegions(target.value).then((items) => {
      target.children = items.map(toOption);
      if (items.length === 0) target.isLeaf = true;
      setOptions((o) => [...o]);
    });
  };

  return (
    <Cascader<RegionOption>
      data-testid={testId}
      id={id}
      // without a form label (a filter), the placeholder names the field for screen readers (WCAG 4.1.2)
      aria-label={ariaLabel ?? (id ? undefined : (placeholder ?? t('region.placeholder')))}
      options={options}
      value={path}
      loadData={loadData}
      changeOnSelect
      allowClear
      placeholder={placeholder ?? t('region.placeholder')}
      style={{ width: '100%' }}
      onChange={(values) => {
        const codes = (values ?? []) as string[];
        setPath(codes);
        onChange?.(codes[codes.length - 1]);
      }}
    />
  );
}
