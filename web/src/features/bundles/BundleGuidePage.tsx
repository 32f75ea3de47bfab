import { FormOutlined, PartitionOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Steps, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import { ReductionBadges } from './ReductionBadges.tsx';

type Guide = Reply<'/api/bundles/{code}'>;
type Evaluation = Guide['evaluation'];

/** The members as a flow: what each waits for, which run in parallel, which depend on an answer. */
export function MemberFlow({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const names = new Map(evaluation.members.map((m) => [m.key, m.name]));
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={evaluation.members}
        columns={[
          { title: t('bundles.members'), dataIndex: 'name' },
          { title: t('bundles.lead'), dataIndex: 'departmentName' },
          {
            title: t('bundles.flow'),
            key: 'flow',
            render: (_: unknown, m: Evaluation['members'][number]) => (
              <>
                {m.dependsOn.length ? t('bundles.waitsFor', { names: m.dependsOn.map((k) => names.get(k) ?? k).join('、') }) : t('bundles.parallel')}
                {m.condition && (
                  <Tag color="orange" className="tag-gap">
                    {t('bundles.conditional')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('bundles.promise'), dataIndex: 'promisedDays', render: (d: number) => t('bundles.workingDays', { days: d }) },
          { title: t('bundles.materials'), dataIndex: 'materials' },
        ]}
      />
      <Typography.Paragraph type="secondary" className="block-gap" data-testid="bundle-longest-path">
        {t('bundles.longestPath', {
          path: evaluation.reductions.longestPath.path.map((k) => names.get(k) ?? k).join(' → '),
          days: evaluation.reductions.longestPath.days,
        })}
      </Typography.Paragraph>
    </>
  );
}

/** The merged materials: each once, with why it need not be submitted. */
export function MergedMaterials({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="identity"
      dataSource={evaluation.materials}
      data-testid="bundle-materials"
      columns={[
        { title: t('bundles.mergedMaterials'), dataIndex: 'name' },
        {
          title: '',
          key: 'exempt',
          render: (_: unknown, m: Evaluation['materials'][number]) =>
            m.exempt ? <Tag color="green">{t(`bundles.exempt.${m.exempt}`)}</Tag> : <Tag color="blue">{t('bundles.submit')}</Tag>,
        },
        {
          title: '',
          key: 'members',
          render: (_: unknown, m: Evaluation['materials'][number]) => (m.members.length > 1 ? t('bundles.askedBy', { count: m.members.length }) : ''),
        },
      ]}
    />
  );
}

/** The public guide of one bundle (no sign-in). */
export default function BundleGuidePage() {
  const t = useT();
  const { lang } = useLang();
  const { code = '' } = useParams();
  const remote = useRemote(() => api.get('/api/bundles/{code}', { params: { path: { code } } }), [code]);
  const g = remote.data;

  return (
    <PublicLayout wide>
      <Card data-testid="bundle-guide">
        <Link to="/bundles">{t('bundles.back')}</Link>
        {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
        {remote.loading && <Skeleton active />}
        {g && (
          <>
            <Typography.Title level={2}>
              <PartitionOutlined /> {g.name}
            </Typography.Title>
            <Typography.Paragraph>{g.summary}</Typography.Paragraph>
            <Link to={`/app/bundle-apply/${g.code}`}>
              <Button type="primary" icon={<FormOutlined />} data-testid="bundle-apply" className="block-gap">
                {t('bundleCase.apply')}
              </Button>
            </Link>
            <ReductionBadges reductions={g.reductions} withFields testId="bundle-reductions" />
            <Descriptions bordered column={1} size="small" className="block-gap">
              <Descriptions.Item label={t('bundles.eligibility')}>{g.eligibility}</Descriptions.Item>
              <Descriptions.Item label={t('bundles.outcomes')}>{g.outcomes.join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('bundles.lead')}>{g.departmentName}</Descriptions.Item>
              <Descriptions.Item label={t('bundles.promise')}>{t('bundles.workingDays', { days: g.promisedDays })}</Descriptions.Item>
            </Descriptions>
            <Steps className="block-gap" size="small" items={g.steps.map((s) => ({ title: s }))} />
            <Typography.Title level={4}>{t('bundles.flow')}</Typography.Title>
            <MemberFlow evaluation={g.evaluation} />
            <Typography.Title level={4}>{t('bundles.mergedMaterials')}</Typography.Title>
            <MergedMaterials evaluation={g.evaluation} />
            <Typography.Title level={4}>{t('bundles.mergedForm')}</Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={g.evaluation.form.filter((f) => f.merged)}
              columns={[
                { title: t('bundles.mergedForm'), dataIndex: 'title' },
                {
                  title: '',
                  key: 'maps',
                  render: (_: unknown, f: Evaluation['form'][number]) => (f.maps.length ? t('bundles.answers', { count: f.maps.length }) : ''),
                },
              ]}
            />
          </>
        )}
      </Card>
    </PublicLayout>
  );
}
