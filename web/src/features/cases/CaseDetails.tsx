// The read-only panels of a case that the applicant, the window and the department all show: the summary, the
// materials, the form as filled in and the notices.
import { DownloadOutlined, FileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import { fieldsOf } from '../catalog/index.tsx';
import { caseApi } from './caseApi.ts';
import { openSpecial, outcomeWords } from './caseFacts.ts';
import { CaseStatusTag, MaterialModeTag } from './caseTags.tsx';
import type { CaseDetail, CaseMaterial } from '../../api/types.ts';

/** A read-only list of the case's materials, with each file to open; `extra` adds controls per material. */
export function MaterialList({ detail, extra }: { detail: CaseDetail; extra?: (m: CaseMaterial) => ReactNode }) {
  const t = useT();
  if (detail.materials.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div className="material-list" data-testid="case-materials">
      {detail.materials.map((m) => (
        <div key={m.key} className="material-row" data-testid={`case-material-${m.key}`}>
          <div className="material-row-main">
            <Space size={4} wrap>
              <Typography.Text strong>{m.name}</Typography.Text>
              {m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag>{t('material.optional')}</Tag>}
              <MaterialModeTag m={m} />
              {m.mode === 'license' && (
                <Tag icon={<SafetyCertificateOutlined />} color="green">
                  {t('material.licenseAttached')}
                </Tag>
              )}
            </Space>
            {m.mode === 'upload' && m.hasFile && (
              <div>
                <a href={caseApi.fileUrl(detail.number, m.key)} target="_blank" rel="noreferrer" data-testid={`material-file-link-${m.key}`}>
                  <FileOutlined /> {m.fileName ?? t('material.open')}
                </a>
              </div>
            )}
            {m.mode === 'pledge' && m.pledgeText && <Typography.Paragraph className="pledge-text small-text">{m.pledgeText}</Typography.Paragraph>}
            {m.mode === 'license' && m.licenseIdentifier && <div className="mono small-text break-all">{m.licenseIdentifier}</div>}
            {m.mode === 'gap' && m.gapDueOn && <Typography.Text type="warning">{t('material.gapDue', { date: m.gapDueOn })}</Typography.Text>}
          </div>
          {extra && <div className="material-row-extra">{extra(m)}</div>}
        </div>
      ))}
    </div>
  );
}

/** The application form as filled in, labelled by the schema's titles. */
export function FormDataView({ detail }: { detail: Pick<CaseDetail, 'form' | 'formData'> }) {
  const fields = fieldsOf(detail.form);
  const show = (v: unknown) =>
    Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '✓' : '✗') : v === undefined || v === null || v === '' ? '—' : String(v);
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} data-testid="case-form-data">
      {fields.map((f) => (
        <Descriptions.Item key={f.key} label={f.label || f.key}>
          {show(detail.formData[f.key])}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** A download button per notice the case has reached. */
export function NoticeButtons({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const showError = useShowError();
  const { lang } = useLang();
  // The notices reached, titled by the server for the item's type (不予行政许可决定书 only for 行政许可).
  const notices = detail.notices;
  if (notices.length === 0) return <Typography.Text type="secondary">{t('notice.none')}</Typography.Text>;
  return (
    <Space wrap data-testid="case-notices">
      {notices.map(({ kind: k, title }) => (
        <Button key={k} icon={<DownloadOutlined />} onClick={() => caseApi.notice(detail.number, k).catch(showError)} data-testid={`notice-${k}`}>
          {lang === 'zh' ? title : t(`notice.${k}`)}
        </Button>
      ))}
    </Space>
  );
}

/** The facts at the top of every case view. */
export function CaseSummary({ detail, compact = false }: { detail: CaseDetail; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Descriptions size="small" column={compact ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, md: 3 }} data-testid="case-summary">
      <Descriptions.Item label={t('case.number')}>
        <span className="mono" data-testid="case-number">
          {detail.number}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('case.status')}>
        <CaseStatusTag status={detail.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('case.department')}>{detail.implementation.department}</Descriptions.Item>
      <Descriptions.Item label={t('case.applicant')}>{detail.applicant.name}</Descriptions.Item>
      <Descriptions.Item label={t('case.applicantId')}>
        <span className="mono">{detail.applicant.idNumberMasked ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('case.channel')}>{t(`case.channel.${detail.channel}` as MessageKey)}</Descriptions.Item>
      <Descriptions.Item label={t('case.receivedOn')}>{detail.receivedOn ?? '—'}</Descriptions.Item>
      {detail.outcome !== null && (
        <Descriptions.Item label={t('case.outcome')}>
          <span data-testid="case-outcome" data-outcome={detail.outcome}>
            {outcomeWords(detail, detail.outcome)?.[lang] ?? t(`case.outcome.${detail.outcome}` as MessageKey)}
            {detail.outcomeReason ? `：${detail.outcomeReason}` : ''}
          </span>
        </Descriptions.Item>
      )}
      {detail.delivery && (
        <Descriptions.Item label={t('case.delivery')}>
          {t(`case.delivery.${detail.delivery.method}` as MessageKey)}
          {detail.delivery.trackingNumber ? ` ${detail.delivery.trackingNumber}` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** The special procedure (听证, 检验检测…) that stops the clock now, if one is open. */
export function SpecialProcedureAlert({ detail }: { detail: Pick<CaseDetail, 'timeline'> }) {
  const t = useT();
  const special = openSpecial(detail);
  if (!special) return null;
  return (
    <Alert
      className="block-gap"
      type="info"
      showIcon
      title={t('case.specialOpen', { kind: t(`special.${special}` as MessageKey) })}
      data-testid="case-special"
    />
  );
}
