// What the queue pages (the window, the department) share: their state in the address, the search and the case-number column.
import { Button, Input } from 'antd';
import type { TableColumnType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import type { Translate } from '../../i18n.ts';

/**
 * A workbench's state in the address (open case, search, filters), so a reload or a shared link shows the same, and a
 * counter that reloads its queue after an action.
 */
export function useWorkbench() {
  const [params, setParams] = useSearchParams();
  const [reloadKey, setReloadKey] = useState(0);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'q' });
  };
  return { params, setParam, reloadKey, refresh: () => setReloadKey((n) => n + 1) };
}

/** A queue's search (case number or applicant): typed freely, searched on Enter, kept in the address as `q`. */
export function QueueSearch({ workbench, testId }: { workbench: Pick<ReturnType<typeof useWorkbench>, 'params' | 'setParam'>; testId: string }) {
  const t = useT();
  const [q, setQ] = useState(workbench.params.get('q') ?? '');
  return (
    <Input.Search
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => workbench.setParam('q', v.trim() || null)}
      allowClear
      placeholder={t('window.search')}
      className="toolbar-search"
      data-testid={testId}
    />
  );
}

/** The case-number column of a queue: the number opens the case beside the queue. */
export function caseNumberColumn<T extends { number: string }>(t: Translate, open: (number: string) => void): TableColumnType<T> {
  return {
    title: t('case.number'),
    dataIndex: 'number',
    render: (n: string) => (
      <Button type="link" className="mono table-link" onClick={() => open(n)} data-testid={`queue-open-${n}`}>
        {n}
      </Button>
    ),
  };
}
