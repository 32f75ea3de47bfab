import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import type { LicenseRegisterItem, LicenseStatus } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';
import { useLicenseTypes } from '../catalog/index.tsx';
import { LicenseStatusTag } from './licenseKit.tsx';

const STATUSES: LicenseStatus[] = ['valid', 'suspended', 'revoked', 'expired', 'superseded'];

interface Filters {
  typeCode?: string;
  status?: LicenseStatus;
  issuedFrom?: string;
  issuedTo?: string;
  holder?: string;
}

/**
 * 证照台账: the licences issued by the departments within the officer's scope, filtered by type, status, issue dates
 * and holder (name, or the whole ID number / USCC), paged, and exported to Excel with the same filters. A natural
 * person is masked (a list), an organisation shown in full; the identifier opens the licence in 证照管理.
 */
export default function RegisterPage() {
  const t = useT();
  const showError = useShowError();
  const types = useLicenseTypes();
  const [filters, setFilters] = useState<Filters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<LicenseRegisterItem> = [
    {
      title: t('license.type'),
      dataIndex: 'typeName',
      render: (v: string, r) => (
        <>
          <div>{v}</div>
          <Link to={`/app/licenses/manage?identifier=${encodeURIComponent(r.identifier)}`} className="mono small-text break-all" data-testid="register-open">
            {r.identifier.split('.').slice(-3, -1).join(' · ')}
          </Link>
        </>
      ),
    },
    {
      title: t('license.holder'),
      dataIndex: 'holder',
      render: (v: string, r) => (
        <>
          <div data-testid="register-holder" data-kind={r.holderKind}>
            {v}
          </div>
          <Typography.Text type="secondary" className="mono small-text">
            {r.holderId ?? '—'}
          </Typography.Text>
        </>
      ),
    },
    { title: t('license.issuer'), dataIndex: 'issuer' },
    { title: t('license.issueDate'), dataIndex: 'issueDate' },
    { title: t('license.validUntil'), dataIndex: 'validUntil', render: (v: string | null) => v ?? t('license.longTerm') },
    { title: t('case.status'), dataIndex: 'status', render: (s: LicenseStatus) => <LicenseStatusTag status={s} testId="register-status" /> },
    { title: t('license.case'), dataIndex: 'caseNumber', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  return (
    <>
      <PageTitle title={t('nav.licenseRegister')} />
      <Typography.Paragraph type="secondary">{t('register.hint')}</Typography.Paragraph>
      <Card>
        <div className="toolbar">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="toolbar-select"
            placeholder={t('license.type')}
            aria-label={t('license.type')}
            options={types.map((x) => ({ value: x.code, label: x.name }))}
            onChange={(typeCode?: string) => set({ typeCode })}
            data-testid="register-type"
          />
          <Select
            allowClear
            className="toolbar-select"
            placeholder={t('case.status')}
            aria-label={t('case.status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`license.status.${s}`) }))}
            onChange={(status?: LicenseStatus) => set({ status })}
            data-testid="register-status-filter"
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              set({ issuedFrom: v?.[0]?.format('YYYY-MM-DD'), issuedTo: v?.[1]?.format('YYYY-MM-DD') });
            }}
            placeholder={[t('register.issuedFrom'), t('register.issuedTo')]}
            aria-label={t('license.issueDate')}
            data-testid="register-dates"
          />
          <Input.Search
            allowClear
            className="toolbar-search"
            placeholder={t('register.holderPlaceholder')}
            aria-label={t('register.holderPlaceholder')}
            onSearch={(v) => set({ holder: v.trim() || undefined })}
            data-testid="register-holder-search"
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => api.download('/api/licenses/register/export', { params: { query: filters } }, 'license-register.xlsx').catch(showError)}
            data-testid="register-export"
          >
            {t('register.export')}
          </Button>
        </div>
        <DataTable<LicenseRegisterItem>
          testId="register-table"
          columns={columns}
          rowKey={(r) => r.identifier}
          query={filters}
          load={(page, pageSize) => api.get('/api/licenses/register', { params: { query: { ...filters, page, pageSize } } })}
        />
      </Card>
    </>
  );
}
