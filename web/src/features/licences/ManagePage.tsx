import { PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { ReasonModal } from '../cases/index.tsx';
import { LicenceFacts, LicenceUsesTable, licenceApi, verifyPath } from './licenceKit.tsx';

type Action = 'suspend' | 'reinstate' | 'revoke';

/** The issuing department looks a licence up by its identifier and suspends, reinstates or revokes it, with a reason. */
export default function ManagePage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const identifier = params.get('identifier')?.trim() ?? '';
  const [typed, setTyped] = useState(identifier);
  const [action, setAction] = useState<Action | null>(null);
  const remote = useRemote(() => (identifier ? licenceApi.get(identifier) : Promise.resolve(undefined)), [identifier]);
  const l = remote.data;

  return (
    <>
      <PageTitle title={t('nav.licenceManage')} />
      <Typography.Paragraph type="secondary">{t('licence.manageHint')}</Typography.Paragraph>
      <Input.Search
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { identifier: v.trim() } : {})}
        enterButton={t('licence.lookup')}
        placeholder={t('licence.lookupPlaceholder')}
        className="search-box mono"
        allowClear
        data-testid="licence-lookup"
      />
      {identifier && remote.error !== undefined && (
        <Result status="warning" title={t('verify.notFound')} subTitle={errorText(remote.error, lang)} data-testid="licence-lookup-error" />
      )}
      {identifier && remote.loading && !l && <Skeleton active />}
      {l && (
        <Card
          data-testid="licence-managed"
          data-status={l.status}
          title={t('licence.data')}
          extra={
            <Link to={verifyPath(l.identifier, l.verifyCode)} target="_blank">
              {t('licence.verify')}
            </Link>
          }
        >
          <LicenceFacts licence={l} />
          <Space wrap className="licence-manage-actions">
            {l.status === 'valid' && (
              <Button icon={<PauseCircleOutlined />} onClick={() => setAction('suspend')} data-testid="licence-suspend">
                {t('licence.suspend')}
              </Button>
            )}
            {l.status === 'suspended' && (
              <Button icon={<PlayCircleOutlined />} onClick={() => setAction('reinstate')} data-testid="licence-reinstate">
                {t('licence.reinstate')}
              </Button>
            )}
            {(l.status === 'valid' || l.status === 'suspended') && (
              <Button danger icon={<StopOutlined />} onClick={() => setAction('revoke')} data-testid="licence-revoke">
                {t('licence.revoke')}
              </Button>
            )}
          </Space>
          <Typography.Title level={5}>{t('licence.uses')}</Typography.Title>
          <LicenceUsesTable uses={l.uses} />
        </Card>
      )}
      {l && (
        <ReasonModal
          open={action !== null}
          title={action ? t(`licence.${action}`) : ''}
          label={t('licence.reason')}
          hint={action === 'revoke' ? t('licence.revokeWarning') : undefined}
          okText={action ? t(`licence.${action}`) : ''}
          successText={t('licence.changed')}
          testId="licence-action"
          onSubmit={(reason) => licenceApi.change(l.identifier, action!, reason, l.version)}
          onClose={() => setAction(null)}
          onDone={remote.reload}
        />
      )}
      {!identifier && <Alert type="info" showIcon title={t('licence.lookupPlaceholder')} />}
    </>
  );
}
