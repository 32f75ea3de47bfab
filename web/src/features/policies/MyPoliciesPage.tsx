import { Alert, App, Button, Card, Collapse, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { ConditionTable, PolicyLink, PolicyTags } from './PolicyBits.tsx';
import { ELIGIBILITY_COLOR, policyApi, STATUS_COLOR, type Benefit, type Eligibility } from './policies.ts';

/**
 * 我的惠企政策 (an applicant): my benefits (免申即享, and 快申快享 offers to confirm in one click), then every policy in
 * force with each condition met / not met / unknown and what would change the answer, and what the platform holds.
 */
export default function MyPoliciesPage() {
  const t = useT();
  const { lang } = useLang();
  const mine = useRemote(() => policyApi.mine(), []);
  const benefits = useRemote(() => policyApi.myBenefits(), []);
  return (
    <div data-testid="my-policies-page">
      <PageTitle title={t('nav.myPolicies')} />
      {mine.error !== undefined && <Alert type="info" showIcon className="block-gap" title={errorText(mine.error, lang)} data-testid="my-policies-none" />}
      <MyBenefits items={benefits.data?.items} loading={benefits.loading} reload={benefits.reload} />
      <Card title={t('policy.mine.title')} className="block-gap" loading={mine.loading}>
        <List
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('policy.mine.none')} /> }}
          renderItem={(e) => (
            <List.Item key={e.policy.code} data-testid={`my-policy-${e.policy.code}`}>
              <EligibilityCard e={e} />
            </List.Item>
          )}
        />
      </Card>
      {mine.data && (
        <Card title={t('policy.profile')} className="block-gap" data-testid="my-profile">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            {mine.data.profile.facts.map((f) => (
              <Descriptions.Item key={f.attribute} label={f.labelZh}>
                {f.value === null ? <Typography.Text type="secondary">{t('policy.profile.unknown')}</Typography.Text> : String(f.value)}
                {f.value !== null && <Typography.Text type="secondary">（{f.sourceZh}）</Typography.Text>}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('policy.profile.tags')}>
              {mine.data.profile.tags.length ? mine.data.profile.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </div>
  );
}

function EligibilityCard({ e }: { e: Eligibility }) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={ELIGIBILITY_COLOR[e.eligibility]} data-testid={`eligibility-${e.policy.code}`} data-eligibility={e.eligibility}>
          {t(`policy.eligibility.${e.eligibility}`)}
        </Tag>
        <Typography.Text strong>
          <PolicyLink code={e.policy.code} title={e.policy.title} />
        </Typography.Text>
        <PolicyTags automatic={e.policy.automatic} target={e.policy.target} />
      </Space>
      <Typography.Text type="secondary">
        {e.policy.issuer} · {e.policy.documentNumber}
      </Typography.Text>
      <Typography.Paragraph style={{ marginBottom: 0 }} data-testid={`explanation-${e.policy.code}`}>
        {e.explanationZh}
      </Typography.Paragraph>
      {e.changes.length > 0 && (
        <Card size="small" title={t('policy.changes')} type="inner">
          {e.changes.map((c) => (
            <div key={c.condition}>· {c.zh}</div>
          ))}
        </Card>
      )}
      <Collapse size="small" items={[{ key: 'c', label: t('policy.conditions'), children: <ConditionTable e={e} /> }]} />
    </Space>
  );
}

function MyBenefits({ items, loading, reload }: { items: Benefit[] | undefined; loading: boolean; reload: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<number>();
  const accept = async (b: Benefit) => {
    setBusy(b.id);
    try {
      await policyApi.accept(b);
      message.success(t('policy.benefit.accepted'));
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Card title={t('policy.benefits.mine')} className="block-gap">
      <Table<Benefit>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('policy.benefits.none')} /> }}
        data-testid="my-benefits"
        columns={[
          { title: t('policy.benefit.policy'), key: 'policy', render: (_, b) => <PolicyLink code={b.policyCode} title={b.policyTitle} /> },
          { title: t('policy.benefit.kind.automatic'), key: 'kind', render: (_, b) => <Tag>{t(`policy.benefit.kind.${b.kind}`)}</Tag> },
          { title: t('policy.amount'), key: 'amount', render: (_, b) => (b.amountYuan === null ? '—' : t('policy.yuan', { amount: b.amountYuan })) },
          {
            title: t('policy.benefit.status'),
            key: 'status',
            render: (_, b) => (
              <Tag color={STATUS_COLOR[b.status]} data-testid={`my-benefit-status-${b.policyCode}`} data-status={b.status}>
                {t(`policy.benefit.status.${b.status}`)}
              </Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, b) =>
              b.status === 'offered' && (
                <Button size="small" type="primary" loading={busy === b.id} onClick={() => accept(b)} data-testid={`accept-${b.policyCode}`}>
                  {t('policy.benefit.accept')}
                </Button>
              ),
          },
        ]}
        expandable={{ expandedRowRender: (b) => <Typography.Paragraph style={{ marginBottom: 0 }}>{b.explanationZh}</Typography.Paragraph> }}
      />
    </Card>
  );
}
