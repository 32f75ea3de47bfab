import { DownloadOutlined, HistoryOutlined, KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Modal, Row, Skeleton, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import type { Licence } from '../../api/types.ts';
import { LicenceStatusTag, LicenceUsesTable, licenceApi, useLicenceTypeName, verifyPath, type OwnLicence } from './licenceKit.tsx';

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
    <figure className="licence-qr">
      {svg ? (
        <img
          src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
          width={size}
          height={size}
          alt={t('licence.qr')}
          data-testid="licence-qr"
          data-url={url}
        />
      ) : (
        <Skeleton.Image style={{ width: size, height: size }} />
      )}
      <figcaption>{t('licence.qr')}</figcaption>
    </figure>
  );
}

/** 证照夹: the holder's licences with their status, the QR code to verify them, downloads and every use. */
export default function WalletPage() {
  const t = useT();
  const remote = useRemote(() => licenceApi.mine(), []);
  const [usesOf, setUsesOf] = useState<Licence>();
  const items = remote.data?.items ?? [];
  return (
    <>
      <PageTitle title={t('nav.licences')} />
      {remote.loading && !remote.data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('licence.walletEmpty')} data-testid="wallet-empty" />
      ) : (
        <Row gutter={[16, 16]} data-testid="wallet">
          {items.map((l) => (
            <Col xs={24} lg={12} key={l.identifier}>
              <LicenceCard licence={l} onUses={() => setUsesOf(l)} />
            </Col>
          ))}
        </Row>
      )}
      <UsesModal licence={usesOf} onClose={() => setUsesOf(undefined)} />
    </>
  );
}

function LicenceCard({ licence: l, onUses }: { licence: OwnLicence; onUses: () => void }) {
  const t = useT();
  const showError = useShowError();
  const typeName = useLicenceTypeName();
  return (
    <Card
      className={`licence-card licence-card-${l.status}`}
      data-testid="licence-card"
      data-identifier={l.identifier}
      data-status={l.status}
      title={
        <Space wrap>
          <SafetyCertificateOutlined />
          <span data-testid="licence-type">{typeName(l.typeCode, l.typeName)}</span>
          <LicenceStatusTag status={l.status} />
        </Space>
      }
    >
      <div className="licence-card-body">
        <VerifyQr identifier={l.identifier} code={l.verifyCode} />
        <dl className="licence-card-facts">
          <dt>{t('licence.holder')}</dt>
          <dd>{l.holderName}</dd>
          <dt>{t('licence.issueDate')}</dt>
          <dd>{l.issueDate}</dd>
          <dt>{t('licence.validUntil')}</dt>
          <dd>{l.validUntil ?? t('licence.longTerm')}</dd>
          {l.caseNumber && (
            <>
              <dt>{t('licence.case')}</dt>
              <dd>
                <Link to={`/app/cases/${l.caseNumber}`} className="mono">
                  {l.caseNumber}
                </Link>
              </dd>
            </>
          )}
          {l.statusReason && l.status !== 'valid' && (
            <>
              <dt>{t('licence.statusReason')}</dt>
              <dd>{l.statusReason}</dd>
            </>
          )}
          <dt>{t('licence.identifier')}</dt>
          <dd className="mono break-all small-text">{l.identifier}</dd>
          {l.verifyCode && (
            <>
              <dt>{t('verify.code')}</dt>
              <dd className="mono" data-testid="licence-verify-code">
                {l.verifyCode}
              </dd>
            </>
          )}
        </dl>
      </div>
      <Space wrap className="licence-card-actions">
        <Button icon={<DownloadOutlined />} onClick={() => licenceApi.document(l).catch(showError)} data-testid="licence-document">
          {t('licence.download')}
        </Button>
        <Button icon={<KeyOutlined />} onClick={() => licenceApi.seal(l).catch(showError)} data-testid="licence-seal">
          {t('licence.seal')}
        </Button>
        <Button icon={<HistoryOutlined />} onClick={onUses} data-testid="licence-uses">
          {t('licence.uses')}
        </Button>
        <Link to={verifyPath(l.identifier, l.verifyCode)} target="_blank" data-testid="licence-verify-link">
          <Button type="link">{t('licence.verify')}</Button>
        </Link>
      </Space>
    </Card>
  );
}

/** Every use of a licence: who read it, for which case and why (免证可办, department checks). */
function UsesModal({ licence, onClose }: { licence?: Licence; onClose: () => void }) {
  const t = useT();
  const remote = useRemote(() => (licence ? licenceApi.get(licence.identifier) : Promise.resolve(undefined)), [licence?.identifier]);
  return (
    <Modal open={licence !== undefined} title={t('licence.uses')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <LicenceUsesTable uses={remote.data?.uses ?? []} loading={remote.loading} testId="licence-uses-table" />
      <Typography.Text type="secondary" className="small-text">
        {licence?.identifier}
      </Typography.Text>
    </Modal>
  );
}
