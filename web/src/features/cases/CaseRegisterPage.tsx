import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Segmented, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import type { MessageKey } from '../../i18n.ts';
import { useT } from '../../i18n.ts';
import { CaseRegisterTable, type RegisterFilters } from './registerTable.tsx';

const STATUSES = ['submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'] as const;
const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'agent', 'post', 'video'] as const;
type Tab = 'all' | 'mine';

/**
 * 办件台账: every case from its submission on within the user's scope (the window's region, the reviewer's
 * department, the supervisor's region), searched by number, applicant (the ID number shown masked; the whole number
 * finds its cases), item, department, status, channel and dates; 已办 narrows it to the cases the user acted on. The
 * export gives the same filters as an Excel workbook.
 */
export default function CaseRegisterPage() {
  const t = useT();
  const showError = useShowError();
  const [filters, setFilters] = useState<RegisterFilters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [tab, setTab] = useState<Tab>('all');
  const set = (patch: Partial<RegisterFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const departments = useRemote(() => api.get('/api/departments', { params: { query: {} } }), []);
  const query: RegisterFilters = { ...filters, handledByMe: tab === 'mine' ? 'true' : undefined };
  const search = (key: 'number' | 'applicant' | 'item', testId: string, label: MessageKey) => (
    <Input.Search
      allowClear
      className="toolbar-search"
      placeholder={t(label)}
      aria-label={t(label)}
      onSearch={(v) => set({ [key]: v.trim() || undefined })}
      data-testid={testId}
    />
  );

  return (
    <>
      <PageTitle
        title={t('nav.caseRegister')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => api.download('/api/cases/register/export', { params: { query } }, 'case-register.xlsx').catch(showError)}
            data-testid="case-register-export"
          >
            {t('caseRegister.export')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('caseRegister.hint')}</Typography.Paragraph>
      <Card>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          options={[
            { value: 'all', label: t('caseRegister.all') },
            { value: 'mine', label: t('caseRegister.handledByMe') },
          ]}
          className="block-gap"
          data-testid="case-register-tab"
        />
        <div className="toolbar">
          {search('number', 'case-register-number', 'caseRegister.numberPlaceholder')}
          {search('applicant', 'case-register-applicant', 'caseRegister.applicantPlaceholder')}
          {search('item', 'case-register-item', 'caseRegister.itemPlaceholder')}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="toolbar-select"
            placeholder={t('case.department')}
            aria-label={t('case.department')}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            onChange={(departmentId?: number) => set({ departmentId })}
            data-testid="case-register-department"
          />
          <Select
            allowClear
            className="toolbar-select"
            placeholder={t('case.status')}
            aria-label={t('case.status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`case.status.${s}`) }))}
            onChange={(status?: RegisterFilters['status']) => set({ status })}
            data-testid="case-register-status"
          />
          <Select
            allowClear
            className="toolbar-select"
            placeholder={t('case.channel')}
            aria-label={t('case.channel')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`case.channel.${c}`) }))}
            onChange={(channel?: RegisterFilters['channel']) => set({ channel })}
            data-testid="case-register-channel"
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
            }}
            placeholder={[t('caseRegister.from'), t('caseRegister.to')]}
            aria-label={t('case.receivedOn')}
            data-testid="case-register-dates"
          />
        </div>
        <CaseRegisterTable filters={query} />
      </Card>
    </>
  );
}
