import { Alert, Button, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useState } from 'react';
import type { Key } from 'react';
import { errorText, useLang, useT } from '../i18n.ts';
import { useRemote } from './useRemote.ts';

export interface Rows<T> {
  items: T[];
  /** Present for server-side paging. */
  total?: number;
}

interface DataTableProps<T> {
  columns: TableColumnsType<T>;
  rowKey: (row: T) => Key;
  /** Loads one page (server paging), or every row when `clientPaging` is set. */
  load: (page: number, pageSize: number) => Promise<Rows<T>>;
  /** Filters: a change goes back to page 1 and reloads. */
  query?: unknown;
  /** Bump to reload the current page, e.g. after a save. */
  reloadKey?: number;
  clientPaging?: boolean;
  testId?: string;
  /** More of the table's props: row selection, row classes … */
  tableProps?: Omit<TableProps<T>, 'columns' | 'rowKey' | 'dataSource' | 'loading' | 'pagination'>;
  /** Told the rows each time they load (e.g. to drop a selection of rows that left). */
  onLoaded?: (rows: T[]) => void;
}

/** A table over an API list: loading, errors, paging and horizontal scroll on narrow screens. */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { columns, rowKey, load, query, reloadKey = 0, clientPaging = false, testId, tableProps, onLoaded } = props;
  const t = useT();
  const { lang } = useLang();
  const queryKey = JSON.stringify(query ?? null);
  const [paging, setPaging] = useState({ queryKey, page: 1, pageSize: 20 });
  if (paging.queryKey !== queryKey) setPaging({ ...paging, queryKey, page: 1 });

  const pageDeps = clientPaging ? [] : [paging.page, paging.pageSize];
  const remote = useRemote(
    () =>
      load(paging.page, paging.pageSize).then((r) => {
        onLoaded?.(r.items);
        return r;
      }),
    [queryKey, reloadKey, ...pageDeps],
  );
  const rows = remote.data?.items ?? [];

  return (
    <div data-testid={testId}>
      {remote.error !== undefined && (
        <Alert
          type="error"
          showIcon
          className="block-gap"
          title={t('common.loadFailed')}
          description={errorText(remote.error, lang)}
          action={
            <Button size="small" onClick={remote.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<T>
        {...tableProps}
        columns={columns}
        rowKey={rowKey}
        dataSource={rows}
        loading={remote.loading}
        scroll={{ x: 'max-content' }}
        size="middle"
        pagination={{
          current: clientPaging ? undefined : paging.page,
          pageSize: clientPaging ? undefined : paging.pageSize,
          defaultPageSize: 20,
          total: clientPaging ? undefined : (remote.data?.total ?? 0),
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: clientPaging ? undefined : (page, pageSize) => setPaging({ queryKey, page, pageSize }),
        }}
      />
    </div>
  );
}
