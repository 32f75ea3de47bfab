import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { canIn, useCan, useSession } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { PolicyLink, PolicyTags } from './PolicyBits.tsx';
import { policyApi, type PolicyListItem } from './policies.ts';

const STATUS_COLOR: Record<PolicyListItem['status'], string> = { draft: 'gold', published: 'green', retired: 'default' };

/**
 * 惠企政策库 (department staff): the policies within my scope in every state; a draft's conditions are edited in the
 * condition editor, a list of policies is imported from Excel.
 */
export default function PolicyLibraryPage() {
  const t = useT();
  const session = useSession();
  const mayEdit = useCan()('policies.edit');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const list = useRemote(() => policyApi.library(page, q), [page, q]);
  return (
    <div data-testid="policy-library-page">
      <PageTitle
        title={t('nav.policyLibrary')}
        extra={
          mayEdit && (
            <Link to="/app/policies/import" data-testid="policy-import-link">
              <Button icon={<UploadOutlined />}>{t('policy.library.import')}</Button>
            </Link>
          )
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('policy.library.search')}
          aria-label={t('policy.library.search')}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
          className="block-gap"
          data-testid="policy-library-search"
        />
        <Table<PolicyListItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="policy-library-table"
          columns={[
            { title: t('policy.library.code'), dataIndex: 'code' },
            {
              title: t('policy.library.title'),
              key: 'title',
              render: (_, p) => (p.status === 'draft' ? p.title : <PolicyLink code={p.code} title={p.title} />),
            },
            { title: t('policy.issuer'), dataIndex: 'issuer' },
            { title: '', key: 'tags', render: (_, p) => <PolicyTags automatic={p.automatic} target={p.target} /> },
            { title: t('policy.library.conditionCount'), dataIndex: 'conditionCount', align: 'right' },
            {
              title: t('policy.benefit.status'),
              key: 'status',
              render: (_, p) => (
                <Tag color={STATUS_COLOR[p.status]} data-testid={`policy-status-${p.code}`} data-status={p.status}>
                  {t(`policy.status.${p.status}`)}
                </Tag>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, p) =>
                p.status === 'draft' && mayEdit && canIn(session, 'policies.edit', p) ? (
                  <Space>
                    <Link to={`/app/policies/${p.id}/conditions`} data-testid={`policy-edit-${p.code}`}>
                      <EditOutlined /> {t('policy.library.editConditions')}
                    </Link>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
