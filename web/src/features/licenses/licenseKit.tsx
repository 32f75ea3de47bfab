// What the licence pages share: the API calls, the status tag and the facts of one licence.
import { Descriptions, Table, Tag } from 'antd';
import { api, saveBlob } from '../../api.ts';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import { useLicenseTypes } from '../catalog/index.tsx';
import type { License, LicenseEntry, LicenseStatus, LicenseUse, Verification } from '../../api/types.ts';

/** A licence as its holder and issuer see it: with the verification code its QR link and document carry. */
export type OwnLicense = License;
/** The public verification reply; `code` says why nothing was found (malformed, code_required, not_found). */
export type VerifyReply = Verification;
const byId = (identifier: string) => ({ params: { path: { identifier } } });

export const licenseApi = {
  mine: () => api.get('/api/licenses/mine'),
  get: (identifier: string) => api.get('/api/licenses/{identifier}', byId(identifier)),
  verify: (identifier: string, code?: string) => api.get('/api/licenses/verify/{identifier}', { params: { path: { identifier }, query: { code } } }),
  document: (l: Pick<License, 'identifier'>) => api.download('/api/licenses/{identifier}/document', byId(l.identifier), 'license.docx'),
  /** The seal (signed data, SM2 signature, public key) saved as a JSON file to check offline. */
  seal: async (l: Pick<License, 'identifier'>) => {
    const seal = await api.get('/api/licenses/{identifier}/seal', byId(l.identifier));
    const serial = l.identifier.split('.').slice(-3, -1).join('-') || 'license';
    saveBlob(new Blob([JSON.stringify(seal, null, 2)], { type: 'application/json' }), `seal-${serial}.json`);
  },
  change: (identifier: string, action: 'suspend' | 'reinstate' | 'revoke', reason: string, version: number) =>
    api.post(`/api/licenses/{identifier}/${action}`, { ...byId(identifier), body: { reason, version } }),
};

/** The public verification page; with the licence's code (as its QR carries it) it shows the licence at once. */
export const verifyPath = (identifier: string, code?: string) => `/verify/${encodeURIComponent(identifier)}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

const STATUS_COLOR: Record<LicenseStatus, string> = { valid: 'success', suspended: 'warning', revoked: 'error', expired: 'default', superseded: 'default' };

export function LicenseStatusTag({ status, testId = 'license-status' }: { status: LicenseStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`license.status.${status}`)}
    </Tag>
  );
}

/** The type's name: the licence's own, else the catalogue of licence types. */
export function useLicenseTypeName(): (code: string, own?: string | null) => string {
  const types = useLicenseTypes();
  return (code, own) => own || types.find((x) => x.code === code)?.name || code;
}

/** A licence value as shown and printed: a list joined with 、, a flag as 是 / 否 (Yes / No). */
export function entryValue(v: LicenseEntry['value'], lang: 'zh' | 'en'): string {
  if (Array.isArray(v)) return v.map((x) => entryValue(x, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  return v === null ? '—' : String(v);
}

/** A field's label in the reader's language: the English one where the type declares it. */
export const entryLabel = (e: Pick<LicenseEntry, 'label' | 'labelEn'>, lang: 'zh' | 'en') => (lang === 'en' && e.labelEn ? e.labelEn : e.label);

/** The facts of a licence and its data under its type's labels (never a raw key), as the holder or the issuer sees them. */
export function LicenseFacts({ license: l, compact = false }: { license: License; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const typeName = useLicenseTypeName();
  return (
    <Descriptions size="small" bordered column={compact ? 1 : { xs: 1, sm: 1, md: 2 }} className="license-facts">
      <Descriptions.Item label={t('license.type')}>{typeName(l.typeCode, l.typeName)}</Descriptions.Item>
      <Descriptions.Item label={t('case.status')}>
        <LicenseStatusTag status={l.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('license.holder')}>{l.holderName}</Descriptions.Item>
      <Descriptions.Item label={t(l.holderKind === 'organisation' ? 'license.holderUscc' : 'license.holderId')}>
        <span className="mono">{l.holderIdNumberMasked ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('license.issueDate')}>{l.issueDate}</Descriptions.Item>
      <Descriptions.Item label={t('license.validUntil')}>{l.validUntil ?? t('license.longTerm')}</Descriptions.Item>
      <Descriptions.Item label={t('license.identifier')} span={compact ? 1 : { xs: 1, sm: 1, md: 2 }}>
        <span className="mono break-all small-text" data-testid="license-identifier">
          {l.identifier}
        </span>
      </Descriptions.Item>
      {l.statusReason && l.status !== 'valid' && (
        <Descriptions.Item label={t('license.statusReason')} span={compact ? 1 : { xs: 1, sm: 1, md: 2 }}>
          {l.statusReason}
        </Descriptions.Item>
      )}
      {!compact &&
        l.entries.map((e) => (
          <Descriptions.Item key={e.key} label={entryLabel(e, lang)}>
            <span data-testid={`license-entry-${e.key}`}>{entryValue(e.value, lang)}</span>
          </Descriptions.Item>
        ))}
    </Descriptions>
  );
}

/** Every use of a licence: when, who read it, for which case and why (免证可办, department checks). */
export function LicenseUsesTable({ uses, loading, testId }: { uses: LicenseUse[]; loading?: boolean; testId?: string }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Table<LicenseUse>
      data-testid={testId}
      loading={loading}
      dataSource={uses}
      rowKey={(u, i) => `${u.at}-${u.userName}-${i}`}
      pagination={false}
      size="small"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('license.usesEmpty') }}
      columns={[
        { title: t('license.useAt'), dataIndex: 'at', render: (v: string | null) => (v ? formatDateTime(v, lang) : '—') },
        { title: t('license.useUser'), dataIndex: 'userName' },
        { title: t('case.number'), dataIndex: 'caseNumber', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
        { title: t('license.usePurpose'), dataIndex: 'purpose' },
      ]}
    />
  );
}
