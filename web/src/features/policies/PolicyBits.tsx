import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import { CONDITION_COLOR, type Eligibility, type PublicPolicy } from './policies.ts';

/** 免申即享 or 依申请, and the target. */
export function PolicyTags({ automatic, target }: { automatic: boolean; target: 'organisation' | 'person' }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color={automatic ? 'green' : 'blue'}>{t(automatic ? 'policy.automatic' : 'policy.byApplication')}</Tag>
      <Tag>{t(`policy.target.${target}`)}</Tag>
    </Space>
  );
}

/** The facts of a policy: issuer, document number, period, benefit, amount. */
export function PolicyFacts({
  p,
}: {
  p: Pick<PublicPolicy, 'issuer' | 'documentNumber' | 'validFrom' | 'validTo' | 'benefitZh' | 'amountYuan' | 'amountRuleZh'>;
}) {
  const t = useT();
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('policy.issuer')}>{p.issuer}</Descriptions.Item>
      <Descriptions.Item label={t('policy.documentNumber')}>{p.documentNumber}</Descriptions.Item>
      <Descriptions.Item label={t('policy.period')}>
        {p.validFrom} ~ {p.validTo ?? t('policy.openEnded')}
      </Descriptions.Item>
      <Descriptions.Item label={t('policy.benefit')}>{p.benefitZh}</Descriptions.Item>
      {p.amountYuan !== null && (
        <Descriptions.Item label={t('policy.amount')}>
          {t('policy.yuan', { amount: p.amountYuan })}
          {p.amountRuleZh && <Typography.Text type="secondary">（{p.amountRuleZh}）</Typography.Text>}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Each condition of an eligibility: met / not met / unknown, the value read, the article. */
export function ConditionTable({ e }: { e: Eligibility }) {
  const t = useT();
  return (
    <Table
      rowKey="condition"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={e.conditions}
      data-testid={`policy-conditions-${e.policy.code}`}
      columns={[
        { title: t('policy.conditions'), dataIndex: 'labelZh' },
        {
          title: t('policy.benefit.status'),
          key: 'status',
          render: (_, c) => (
            <Tag color={CONDITION_COLOR[c.status]} data-testid={`condition-${e.policy.code}-${c.condition}`} data-status={c.status}>
              {t(`policy.condition.${c.status}`)}
            </Tag>
          ),
        },
        { title: t('policy.source'), key: 'value', render: (_, c) => `${c.inputLabelZh}：${c.value === null ? t('policy.profile.unknown') : String(c.value)}` },
        { title: t('policy.article'), dataIndex: 'article' },
      ]}
    />
  );
}

export function PolicyLink({ code, title }: { code: string; title: string }) {
  return <Link to={`/policies/${encodeURIComponent(code)}`}>{title}</Link>;
}
