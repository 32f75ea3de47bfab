import { SwapRightOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { api } from '../../../api.ts';
import { useRemote } from '../../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT } from '../../../i18n.ts';
import { StatusTag, elementLabel, useElementCodeLists, valueText } from '../catalog.tsx';
import type { Change, Version } from '../../../api/types.ts';

/** 版本历史: every version with its status, and the difference between any two, element by element. */
export function VersionsTab({ implementationId, versions }: { implementationId: number; versions: Version[] }) {
  const t = useT();
  const { lang } = useLang();
  const lists = useElementCodeLists();
  const newest = versions[0]?.number;
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const from = pair.from ?? versions[1]?.number;
  const to = pair.to ?? newest;
  const canCompare = from !== undefined && to !== undefined && from !== to;
  const diff = useRemote(
    () =>
      canCompare
        ? api.get('/api/catalog/implementations/{id}/diff', { params: { path: { id: implementationId }, query: { from, to } } })
        : Promise.resolve(undefined),
    [implementationId, from, to, versions.length, versions[0]?.version],
  );

  const columns: TableColumnsType<Version> = [
    { title: t('versions.number'), dataIndex: 'number', render: (n: number) => t('catalog.versionNumber', { n }) },
    { title: t('catalog.status'), dataIndex: 'status', render: (s: Version['status'], v) => <StatusTag status={s} testId={`version-status-${v.number}`} /> },
    { title: t('versions.createdBy'), dataIndex: 'createdBy' },
    { title: t('versions.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    { title: t('versions.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => (v ? formatDateTime(v, lang) : '—') },
    { title: t('versions.reviewedBy'), dataIndex: 'reviewedBy', render: (v: string | null) => v ?? '—' },
    { title: t('versions.reviewNote'), dataIndex: 'reviewNote', render: (v: string | null) => v || '—' },
  ];
  const changeColumns: TableColumnsType<Change> = [
    { title: t('versions.element'), dataIndex: 'element', width: 160, render: (e: string) => <strong>{elementLabel(e, t)}</strong> },
    {
      title: `${t('versions.before')}（${from ? t('catalog.versionNumber', { n: from }) : ''}）`,
      dataIndex: 'before',
      render: (v: unknown, c) => <div className="diff-before">{valueText(c.element, v, t, lang, lists)}</div>,
    },
    {
      title: `${t('versions.after')}（${to ? t('catalog.versionNumber', { n: to }) : ''}）`,
      dataIndex: 'after',
      render: (v: unknown, c) => <div className="diff-after">{valueText(c.element, v, t, lang, lists)}</div>,
    },
  ];
  const options = versions.map((v) => ({ value: v.number, label: t('catalog.versionNumber', { n: v.number }) }));

  return (
    <div data-testid="versions-tab">
      <Table<Version>
        columns={columns}
        dataSource={versions}
        rowKey="id"
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        className="block-gap"
        onRow={(v) => ({ 'data-testid': `version-row-${v.number}` }) as HTMLAttributes<HTMLElement>}
      />
      <Card size="small" title={t('versions.compare')}>
        {versions.length < 2 ? (
          <Typography.Text type="secondary">{t('versions.onlyOne')}</Typography.Text>
        ) : (
          <>
            <Space wrap className="block-gap">
              <span>{t('versions.from')}</span>
              <Select
                value={from}
                onChange={(v: number) => setPair({ from: v, to })}
                options={options}
                style={{ width: 120 }}
                aria-label={t('versions.from')}
                data-testid="diff-from"
              />
              <SwapRightOutlined />
              <span>{t('versions.to')}</span>
              <Select
                value={to}
                onChange={(v: number) => setPair({ from, to: v })}
                options={options}
                style={{ width: 120 }}
                aria-label={t('versions.to')}
                data-testid="diff-to"
              />
            </Space>
            {diff.error !== undefined && <Alert type="error" showIcon title={errorText(diff.error, lang)} />}
            {canCompare && diff.data && (
              <div data-testid="diff-result">
                {diff.data.changes.length === 0 ? (
                  <Empty description={t('versions.noChanges')} />
                ) : (
                  <>
                    <Typography.Paragraph type="secondary">{t('versions.changes', { n: diff.data.changes.length })}</Typography.Paragraph>
                    <Table<Change>
                      columns={changeColumns}
                      dataSource={diff.data.changes}
                      rowKey="element"
                      pagination={false}
                      size="small"
                      bordered
                      scroll={{ x: 'max-content' }}
                      onRow={(c) => ({ 'data-testid': `diff-row-${c.element}` }) as HTMLAttributes<HTMLElement>}
                    />
                  </>
                )}
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
