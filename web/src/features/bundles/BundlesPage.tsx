import { PartitionOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import { MEASURES, MeasureStat, ReductionBadges } from './ReductionBadges.tsx';

/** 一件事一次办 (no sign-in): the published bundles with their reductions, and the overall reductions across them. */
export default function BundlesPage() {
  const t = useT();
  const { lang } = useLang();
  const remote = useRemote(() => api.get('/api/bundles'), []);
  const items = remote.data?.items ?? [];
  const overall = remote.data?.overall;

  return (
    <PublicLayout wide>
      <Card data-testid="bundles-page">
        <Typography.Title level={2}>
          <PartitionOutlined /> {t('bundles.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('bundles.intro')}</Typography.Paragraph>
        {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
        {overall && overall.bundles > 0 && (
          <Card size="small" className="block-gap" title={t('bundles.overall', { count: overall.bundles })} data-testid="bundles-overall">
            <div className="bundle-measures">
              {MEASURES.map((name) => (
                <div key={name}>
                  <MeasureStat name={name} measure={overall[name]} testId={`bundles-overall-${name}`} />
                  {overall[name].averageBefore !== null && (
                    <Typography.Text type="secondary">
                      {t('bundles.average', { before: overall[name].averageBefore!.toFixed(2), after: overall[name].averageAfter!.toFixed(2) })}
                    </Typography.Text>
                  )}
                </div>
              ))}
            </div>
            <Typography.Paragraph type="secondary" className="block-gap">
              {t('bundles.overallNote')}
            </Typography.Paragraph>
          </Card>
        )}
        {!remote.loading && remote.error === undefined && items.length === 0 ? (
          <Empty description={t('bundles.none')} />
        ) : (
          <List
            className="block-gap"
            loading={remote.loading}
            dataSource={items}
            rowKey="code"
            renderItem={(b) => (
              <List.Item data-testid={`bundle-${b.code}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/bundles/${encodeURIComponent(b.code)}`}>{b.name}</Link>
                      <Tag>{t(b.audience === 'person' ? 'bundles.audience.person' : 'bundles.audience.organisation')}</Tag>
                      {b.departmentName && <Typography.Text type="secondary">{`${t('bundles.lead')}：${b.departmentName}`}</Typography.Text>}
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Paragraph>{b.summary}</Typography.Paragraph>
                      <Typography.Paragraph type="secondary">{`${t('bundles.members')}：${b.memberNames.join('、')}`}</Typography.Paragraph>
                      <ReductionBadges reductions={b.reductions} testId={`bundle-${b.code}-reductions`} />
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PublicLayout>
  );
}
