import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { ReasonModal } from '../cases/index.tsx';
import { LicenseFacts, LicenseUsesTable, licenseApi, verifyPath } from './licenseKit.tsx';

type Action = 'suspend' | 'reinstate' | 'revoke';

/** The issuing department looks a licence up by its identifier and suspends, reinstates or revokes it, with a reason. */
export default function ManagePage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const identifier = params.get('identifier')?.trim() ?? '';
  const [typed, setTyped] = useState(identifier);
  const [action, setAction] = useState<Action | null>(null);
  const remote = useRemote(() => (identifier ? licenseApi.get(identifier) : Promise.resolve(undefined)), [identifier]);
  const l = remote.data;

  return (
    <>
      <PageTitle title={t('nav.licenseManage')} />
      <Typography.Paragraph type="secondary">{t('license.manageHint')}</Typography.Paragraph>
      <Input.Search
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { identifier: v.trim() } : {})}
        enterButton={t('license.lookup')}
        placeholder={t('license.lookupPlaceholder')}
        className="search-box mono"
        allowClear
        data-testid="license-lookup"
      />
      {identifier && remote.error !== undefined && (
        <Result status="warning" title={t('verify.notFound')} subTitle={errorText(remote.error, lang)} data-testid="license-lookup-error" />
      )}
      {identifier && remote.loading && !l && <Skeleton active />}
      {l && (
        <Card
          data-testid="license-managed"
          data-status={l.status}
          title={t('license.data')}
          extra={
            <Link to={verifyPath(l.identifier, l.verifyCode)} target="_blank">
              {t('license.verify')}
            </Link>
          }
        >
          <LicenseFacts license={l} />
          <Space wrap className="license-manage-actions">
            {l.status === 'valid' && (
              <Button icon={<PauseCircleOutlined />} onClick={() => setAction('suspend')} data-testid="license-suspend">
                {t('license.suspend')}
              </Button>
            )}
            {l.status === 'suspended' && (
              <Button icon={<PlayCircleOutlined />} onClick={() => setAction('reinstate')} data-testid="license-reinstate">
                {t('license.reinstate')}
              </Button>
            )}
            {(l.status === 'valid' || l.status === 'suspended') && (
              <Button danger icon={<StopOutlined />} onClick={() => setAction('revoke')} data-testid="license-revoke">
                {t('license.revoke')}
              </Button>
            )}
          </Space>
          <Typography.Title level={5}>{t('license.uses')}</Typography.Title>
          <LicenseUsesTable uses={l.uses} />
        </Card>
      )}
      {l && (
        <ReasonModal
          open={action !== null}
          title={action ? t(`license.${action}`) : ''}
          label={t('license.reason')}
          hint={action === 'revoke' ? t('license.revokeWarning') : undefined}
          okText={action ? t(`license.${action}`) : ''}
          successText={t('license.changed')}
          testId="license-action"
          onSubmit={(reason) => licenseApi.change(l.identifier, action!, reason, l.version)}
          onClose={() => setAction(null)}
          onDone={remote.reload}
        />
      )}
      {!identifier && <Alert type="info" showIcon title={t('license.lookupPlaceholder')} />}
    </>
  );
}
