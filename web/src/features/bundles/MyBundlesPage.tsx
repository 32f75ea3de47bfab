import { PartitionOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { bundleCaseApi } from './bundleCaseApi.ts';
import { BundleCaseStatusTag, MemberStatusTag } from './bundleCaseTags.tsx';

/** My bundles (一件事): each as one thing, with its members' progress. */
export default function MyBundlesPage() {
  const t = useT();
  const { lang } = useLang();
  const remote = useRemote(() => bundleCaseApi.mine(), []);
  const items = remote.data?.items ?? [];
  return (
    <>
      <PageTitle
        title={t('nav.myBundles')}
        extra={
          <Link to="/bundles">
            <Button icon={<PartitionOutlined />} data-testid="my-bundles-find">
              {t('bundleCase.find')}
            </Button>
          </Link>
        }
      />
      {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
      {remote.loading && <Skeleton active />}
      {!remote.loading && items.length === 0 && <Empty description={t('bundleCase.none')} />}
      <List
        dataSource={items}
        data-testid="my-bundles"
        renderItem={(b) => (
          <List.Item>
            <Card
              className="block-gap my-bundle-card"
              data-testid={`my-bundle-${b.number}`}
              title={
                <Space>
                  <Link to={`/app/bundle-cases/${b.number}`}>{b.bundleName}</Link>
                  <Typography.Text type="secondary" className="mono">
                    {b.number}
                  </Typography.Text>
                  <BundleCaseStatusTag status={b.status} />
                </Space>
              }
            >
              <Space wrap>
                {b.members.map((m) => (
                  <span key={m.key}>
                    {m.name} <MemberStatusTag status={m.status} waiting={m.waiting} />
                  </span>
                ))}
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
