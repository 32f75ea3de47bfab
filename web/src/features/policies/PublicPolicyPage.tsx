import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import { PolicyFacts, PolicyTags } from './PolicyBits.tsx';
import { policyApi } from './policies.ts';

/** One policy (no sign-in): its benefit and every condition in plain Chinese with the article it rests on. */
export default function PublicPolicyPage() {
  const t = useT();
  const { lang } = useLang();
  const { code = '' } = useParams();
  const remote = useRemote(() => policyApi.publicOne(code), [code]);
  const p = remote.data;
  return (
    <PublicLayout>
      <Card loading={remote.loading} data-testid="public-policy">
        <Link to="/policies">{t('policy.back')}</Link>
        {remote.error ? <Alert type="error" showIcon title={errorText(remote.error, lang)} /> : null}
        {p && (
          <>
            <Typography.Title level={3} data-testid="policy-title">
              {p.title}
            </Typography.Title>
            <PolicyTags automatic={p.automatic} target={p.target} />
            <PolicyFacts p={p} />
            <Typography.Paragraph type="secondary">
              {t('policy.department')}：{p.departmentName}
            </Typography.Paragraph>
            <Typography.Title level={4}>{t('policy.conditions')}</Typography.Title>
            <List
              dataSource={p.conditions}
              renderItem={(c, i) => (
                <List.Item data-testid={`public-condition-${c.key}`}>
                  <Space direction="vertical" size={2}>
                    <span>
                      {i + 1}. {c.labelZh}
                    </span>
                    <Typography.Text type="secondary">
                      {t('policy.article')}：{c.article}
                    </Typography.Text>
                    <Tag>{c.sourceZh}</Tag>
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Text type="secondary" className="mono" style={{ wordBreak: 'break-all' }}>
              {t('policy.hash', { hash: p.hash.slice(0, 16) })}
            </Typography.Text>
          </>
        )}
      </Card>
    </PublicLayout>
  );
}
