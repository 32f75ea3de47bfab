import { Card, Empty, Input, List, Pagination, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import { PolicyLink, PolicyTags } from './PolicyBits.tsx';
import { policyApi } from './policies.ts';

/** 惠企政策 (no sign-in): the published policies in force, searched in Chinese. */
export default function PublicPoliciesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [page, setPage] = useState(1);
  const remote = useRemote(() => policyApi.publicList(q, page), [q, page]);
  return (
    <PublicLayout>
      <Card data-testid="public-policies">
        <Typography.Title level={3}>{t('policy.public.title')}</Typography.Title>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('policy.public.search')}
          aria-label={t('policy.public.search')}
          onSearch={(v) => {
            setPage(1);
            setParams(v.trim() ? { q: v.trim() } : {});
          }}
          data-testid="policy-search"
          className="block-gap"
        />
        <List
          loading={remote.loading}
          dataSource={remote.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('policy.public.none')} /> }}
          renderItem={(p) => (
            <List.Item data-testid={`public-policy-${p.code}`}>
              <List.Item.Meta
                title={<PolicyLink code={p.code} title={p.title} />}
                description={
                  <Space direction="vertical" size={2}>
                    <PolicyTags automatic={p.automatic} target={p.target} />
                    <span>
                      {p.issuer} · {p.documentNumber}
                    </span>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {p.benefitZh}
                    </Typography.Paragraph>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {(remote.data?.total ?? 0) > 20 && <Pagination current={page} total={remote.data?.total} pageSize={20} onChange={setPage} size="small" />}
      </Card>
    </PublicLayout>
  );
}
