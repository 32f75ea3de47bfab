import { DownloadOutlined, HistoryOutlined, KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Modal, Row, Skeleton, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { Fragment, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import type { License } from '../../api/types.ts';
import { entryLabel, entryValue, LicenseStatusTag, LicenseUsesTable, licenseApi, useLicenseTypeName, verifyPath, type OwnLicense } from './licenseKit.tsx';

/** A QR code of the licence's public verification page. */
export function VerifyQr({ identifier, code, size = 132 }: { identifier: string; code?: string; size?: number }) {
  const t = useT();
  const [svg, setSvg] = useState<string>();
  const url = `${window.location.origin}${verifyPath(identifier, code)}`;
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (s) => live && setSvg(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="license-qr">
      {svg ? (
        <img
          src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
          width={size}
          height={size}
          alt={t('license.qr')}
          data-testid="license-qr"
          data-url={url}
        />
      ) : (
        <Skeleton.Image style={{ width: size, height: size }} />
      )}
      <figcaption>{t('license.qr')}</figcaption>
    </figure>
  );
}

/** 证照夹: the holder's licences with their status, the QR code to verify them, downloads and every use. */
export default function WalletPage() {
  const t = useT();
  const remote = useRemote(() => licenseApi.mine(), []);
  const [usesOf, setUsesOf] = useState<License>();
  const items = remote.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('nav.licenses')} />
      {remote.loading && !remote.data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('license.walletEmpty')} data-testid="wallet-empty" />
      ) : (
        <Row gutter={[16, 16]} data-testid="wallet">
          {items.map((l) => (
            <Col xs={24} lg={12} key={l.identifier}>
              <LicenseCard license={l} onUses={() => setUsesOf(l)} />
            </Col>
          ))}
        </Row>
      )}
      <UsesModal license={usesOf} onClose={() => setUsesOf(undefined)} />
    </>
  );
}

function LicenseCard({ license: l, onUses }: { license: OwnLicense; onUses: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const showError = useShowError();
  const typeName = useLicenseTypeName();
  return (
    <Card
      className={`license-card license-card-${l.status}`}
      data-testid="license-card"
      data-identifier={l.identifier}
      data-status={l.status}
      title={
        <Space wrap>
          <SafetyCertificateOutlined />
          <span data-testid="license-type">{typeName(l.typeCode, l.typeName)}</span>
          <LicenseStatusTag status={l.status} />
        </Space>
      }
    >
      <div className="license-card-body">
        <VerifyQr identifier={l.identifier} code={l.verifyCode} />
        <dl className="license-card-facts">
          <dt>{t('license.holder')}</dt>
          <dd>{l.holderName}</dd>
          <dt>{t('license.issueDate')}</dt>
          <dd>{l.issueDate}</dd>
          <dt>{t('license.validUntil')}</dt>
          <dd>{l.validUntil ?? t('license.longTerm')}</dd>
          {l.entries
            .filter((e) => e.printed)
            .map((e) => (
              <Fragment key={e.key}>
                <dt>{entryLabel(e, lang)}</dt>
                <dd data-testid="license-card-entry">{entryValue(e.value, lang)}</dd>
              </Fragment>
            ))}
          {l.caseNumber && (
            <>
              <dt>{t('license.case')}</dt>
              <dd>
                <Link to={`/app/cases/${l.caseNumber}`} className="mono">
                  {l.caseNumber}
                </Link>
              </dd>
            </>
          )}
          {l.statusReason && l.status !== 'valid' && (
            <>
              <dt>{t('license.statusReason')}</dt>
              <dd>{l.statusReason}</dd>
            </>
          )}
          <dt>{t('license.identifier')}</dt>
          <dd className="mono break-all small-text">{l.identifier}</dd>
          {l.verifyCode && (
            <>
              <dt>{t('verify.code')}</dt>
              <dd className="mono" data-testid="license-verify-code">
                {l.verifyCode}
              </dd>
            </>
          )}
        </dl>
      </div>
      <Space wrap className="license-card-actions">
        <Button icon={<DownloadOutlined />} onClick={() => licenseApi.document(l).catch(showError)} data-testid="license-document">
          {t('license.download')}
        </Button>
        <Button icon={<KeyOutlined />} onClick={() => licenseApi.seal(l).catch(showError)} data-testid="license-seal">
          {t('license.seal')}
        </Button>
        <Button icon={<HistoryOutlined />} onClick={onUses} data-testid="license-uses">
          {t('license.uses')}
        </Button>
        <Link to={verifyPath(l.identifier, l.verifyCode)} target="_blank" data-testid="license-verify-link">
          <Button type="link">{t('license.verify')}</Button>
        </Link>
      </Space>
    </Card>
  );
}

/** Every use of a licence: who read it, for which case and why (免证可办, department checks). */
function UsesModal({ license, onClose }: { license?: License; onClose: () => void }) {
  const t = useT();
  const remote = useRemote(() => (license ? licenseApi.get(license.identifier) : Promise.resolve(undefined)), [license?.identifier]);
  return (
    <Modal open={license !== undefined} title={t('license.uses')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <LicenseUsesTable uses={remote.data?.uses ?? []} loading={remote.loading} testId="license-uses-table" />
      <Typography.Text type="secondary" className="small-text">
        {license?.identifier}
      </Typography.Text>
    </Modal>
  );
}
