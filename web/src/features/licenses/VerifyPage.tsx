import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleFilled,
  QuestionCircleFilled,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Card, Descriptions, Input, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, formatDateTime, useLang, useT } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import type { LicenseStatus } from '../../api/types.ts';
import { entryLabel, entryValue, licenseApi, verifyPath, type VerifyReply } from './licenseKit.tsx';

const STATUS_ICON: Record<LicenseStatus, ReactNode> = {
  valid: <CheckCircleFilled />,
  suspended: <ExclamationCircleFilled />,
  revoked: <CloseCircleFilled />,
  expired: <MinusCircleFilled />,
  superseded: <MinusCircleFilled />,
};

/** A verify reply for an identifier that is well formed but unknown, or whose code does not match. */
const isUnknown = (v: VerifyReply) => !v.found && v.code === 'not_found';

/**
 * The public page a licence's QR code opens (no sign-in): the status big and clear, type, issuer, dates, the holder
 * (an organisation in full with its printed fields, so a customer can tell whose licence is on the wall; a person
 * masked), and whether the seal verifies; an unknown or malformed identifier gets a plain answer. The QR link carries
 * the licence's verification code; typed by hand, the code printed on the licence is asked for too.
 */
export default function VerifyPage() {
  const t = useT();
  const { lang } = useLang();
  const { identifier = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const navigate = useNavigate();
  const [typed, setTyped] = useState(identifier);
  const [typedCode, setTypedCode] = useState(code);
  useEffect(() => setTyped(identifier), [identifier]);
  useEffect(() => setTypedCode(code), [code]);
  const remote = useRemote(() => (identifier ? licenseApi.verify(identifier, code) : Promise.resolve(undefined)), [identifier, code]);
  const v = remote.data;
  const [checkedAt, setCheckedAt] = useState('');
  useEffect(() => {
    if (v) setCheckedAt(new Date().toISOString());
  }, [v]);

  let verdict: ReactNode = null;
  const status = v?.status;
  if (v && v.found && status) {
    verdict = (
      <div className={`verify-verdict verify-${status}`} data-testid="verify-status" data-status={status}>
        <span className="verify-icon">{STATUS_ICON[status]}</span>
        <div>
          <div className="verify-word">{t(`license.status.${status}`)}</div>
          <div className="verify-sentence">{t(`verify.text.${status}`)}</div>
        </div>
      </div>
    );
  } else if (v && v.code === 'code_required') {
    verdict = (
      <div className="verify-verdict verify-unknown" data-testid="verify-status" data-status="code_required">
        <span className="verify-icon">
          <QuestionCircleFilled />
        </span>
        <div>
          <div className="verify-word">{t('verify.codeRequired')}</div>
          <div className="verify-sentence">{t('verify.codeRequiredText')}</div>
        </div>
      </div>
    );
  } else if (v) {
    const unknown = isUnknown(v);
    verdict = (
      <div className="verify-verdict verify-unknown" data-testid="verify-status" data-status={unknown ? 'not_found' : 'malformed'}>
        <span className="verify-icon">
          <QuestionCircleFilled />
        </span>
        <div>
          <div className="verify-word">{unknown ? t('verify.notFound') : t('verify.malformed')}</div>
          <div className="verify-sentence">{unknown ? t('verify.notFoundText') : lang === 'zh' ? (v.reasonZh ?? v.reason) : (v.reason ?? v.reasonZh)}</div>
        </div>
      </div>
    );
  }

  return (
    <PublicLayout>
      <Card className="verify-card" data-testid="verify-page">
        <Typography.Title level={2} className="verify-title">
          <SafetyCertificateOutlined /> {t('verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
        {remote.error !== undefined && (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} className="block-gap" />
        )}
        {identifier && remote.loading && !v && <Skeleton active />}
        {verdict}
        {v?.found && (
          <Descriptions bordered size="small" column={1} className="verify-facts" data-testid="verify-facts">
            <Descriptions.Item label={t('license.type')}>{v.type}</Descriptions.Item>
            <Descriptions.Item label={t('license.issuer')}>{v.issuer}</Descriptions.Item>
            <Descriptions.Item label={t('license.issueDate')}>{v.issueDate}</Descriptions.Item>
            <Descriptions.Item label={t('license.validUntil')}>{v.validUntil ?? t('license.longTerm')}</Descriptions.Item>
            <Descriptions.Item label={t('license.holder')}>
              <span data-testid="verify-holder" data-kind={v.holderKind}>
                {v.holder}
              </span>
            </Descriptions.Item>
            {v.holderId && (
              <Descriptions.Item label={t(v.holderKind === 'organisation' ? 'license.holderUscc' : 'license.holderId')}>
                <span className="mono" data-testid="verify-holder-id">
                  {v.holderId}
                </span>
              </Descriptions.Item>
            )}
            {(v.entries ?? []).map((e) => (
              <Descriptions.Item key={e.key} label={entryLabel(e, lang)}>
                <span data-testid="verify-entry">{entryValue(e.value, lang)}</span>
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('verify.seal')}>
              <Tag color={v.sealValid ? 'success' : 'error'} data-testid="verify-seal" data-valid={String(v.sealValid)}>
                {v.sealValid ? t('verify.sealOk') : t('verify.sealBad')}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('license.identifier')}>
              <span className="mono break-all small-text">{v.identifier}</span>
            </Descriptions.Item>
          </Descriptions>
        )}
        {v?.found && (
          <Typography.Paragraph type="secondary" className="small-text verify-note">
            {v.holderKind === 'person' && t('verify.holderNote')} {checkedAt && t('verify.checkedAt', { time: formatDateTime(checkedAt, lang) })}
          </Typography.Paragraph>
        )}
        <Input
          value={typedCode}
          onChange={(e) => setTypedCode(e.target.value)}
          placeholder={t('verify.code')}
          aria-label={t('verify.code')}
          maxLength={40}
          className="verify-input mono block-gap"
          data-testid="verify-code"
        />
        <Input.Search
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(value) => value.trim() && navigate(verifyPath(value.trim(), typedCode.trim()))}
          enterButton={t('verify.submit')}
          placeholder={t('license.lookupPlaceholder')}
          aria-label={t('verify.input')}
          className="verify-input mono"
          data-testid="verify-input"
        />
      </Card>
    </PublicLayout>
  );
}
