// What the case pages share: the API calls, and the small views of a case (status, clock, timeline, materials,
// notices, form data) that the applicant, the window and the department all show.
import {
  ClockCircleOutlined,
  DownloadOutlined,
  FileOutlined,
  PauseCircleOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Alert, Button, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TableColumnType } from 'antd';
import { api } from '../../api.ts';
import { isVersionConflict } from '../../components/FormModal.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import type { MessageKey, Translate } from '../../i18n.ts';
import { fieldsOf } from '../catalog/editor/formSchema.ts';
import type {
  CaseClock,
  CaseDetail,
  CaseEvent,
  CaseMaterial,
  CaseStatus,
  Created,
  LicenceCandidate,
  Warning,
} from './types.ts';

// ---- the API ----

const base = (n: string) => `/api/cases/${encodeURIComponent(n)}`;

export const caseApi = {
  get: (n: string) => api.get<CaseDetail>(base(n)),
  create: (body: Record<string, unknown>) => api.create<Created>('/api/cases', body),
  saveDraft: (n: string, version: number, formData: Record<string, unknown>) => api.put<CaseDetail>(`${base(n)}/draft`, { version, formData }),
  /** Every transition: POST /api/cases/{n}/{action} with the case's version; the reply is the case. */
  act: (n: string, action: string, body: Record<string, unknown>) => api.post<CaseDetail>(`${base(n)}/${action}`, body),
  upload: (n: string, key: string, file: File) => api.putFile<{ key: string; mode: string }>(`${base(n)}/materials/${encodeURIComponent(key)}`, file, { fileName: file.name }),
  pledge: (n: string, key: string) => api.post<{ key: string; pledgeText: string }>(`${base(n)}/materials/${encodeURIComponent(key)}/pledge`),
  attachLicence: (n: string, key: string, identifier: string) => api.post(`${base(n)}/materials/${encodeURIComponent(key)}/licence`, { identifier }),
  candidates: (n: string) => api.get<{ items: LicenceCandidate[] }>(`${base(n)}/licence-candidates`),
  /** Reviewers of the case's department a claimed step can be handed to. */
  colleagues: (n: string) => api.get<{ items: { id: number; displayName: string }[] }>(`${base(n)}/colleagues`),
  fileUrl: (n: string, key: string) => `${base(n)}/materials/${encodeURIComponent(key)}/file`,
  notice: (n: string, kind: NoticeKind) => api.download(`${base(n)}/notices/${kind}`, undefined, `${n}-${kind}.docx`),
};

// ---- reading a case ----

/** The last correction notice, if the applicant has not answered it yet. */
export function openCorrection(d: Pick<CaseDetail, 'timeline'>): { materialKey?: string | null; note: string }[] | null {
  let open: { materialKey?: string | null; note: string }[] | null = null;
  for (const e of d.timeline) {
    if (e.type === 'correction_requested') open = (e.data.items as { materialKey?: string | null; note: string }[]) ?? [];
    if (e.type === 'correction_answered') open = null;
  }
  return open;
}

/** The kind of the special procedure under way, if one is. */
export function openSpecial(d: Pick<CaseDetail, 'timeline'>): string | null {
  let open: string | null = null;
  for (const e of d.timeline) {
    if (e.type === 'special_started') open = String(e.data.kind ?? '');
    if (e.type === 'special_ended') open = null;
  }
  return open;
}

export const CLOSED_STATUSES: readonly CaseStatus[] = ['decided', 'delivered', 'refused', 'withdrawn'];
export const WITHDRAWABLE: readonly CaseStatus[] = ['draft', 'submitted', 'correction_requested', 'in_review'];

export const NOTICE_KINDS = ['receipt', 'acceptance', 'correction', 'refusal', 'decision'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The notices the case has reached (the server answers 404 for the others). */
export function availableNotices(d: CaseDetail): NoticeKind[] {
  const has = (type: string) => d.timeline.some((e) => e.type === type);
  return NOTICE_KINDS.filter((k) =>
    k === 'receipt' ? !!d.receivedOn : k === 'acceptance' ? !!d.clock.acceptedOn : k === 'correction' ? has('correction_requested') : k === 'refusal' ? has('refused') : has('decided'),
  );
}

/** The licence a granted case issued, if any. */
export function issuedLicence(d: CaseDetail): string | null {
  const e = [...d.timeline].reverse().find((x) => x.type === 'license_issued');
  return e ? String(e.data.identifier) : null;
}

/** Required materials with nothing supplied (gaps count as supplied for now). */
export function missingMaterials(materials: CaseMaterial[]): CaseMaterial[] {
  return materials.filter((m) => m.required && !m.mode);
}

// ---- files ----

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

/** The problem with a file before it is sent, or null: the server checks the content again. */
export function fileProblem(file: File): MessageKey | null {
  if (file.size > MAX_BYTES) return 'material.tooBig';
  if (!/\.(pdf|jpe?g|png|ofd)$/i.test(file.name)) return 'material.badType';
  return null;
}

/** A button that opens the file chooser; the hidden input carries the test id. */
export function FilePick(props: { testId: string; onPick: (file: File) => Promise<void>; label: string; disabled?: boolean; primary?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      message.error(t(problem));
      return;
    }
    setBusy(true);
    try {
      await props.onPick(file);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept={ACCEPT} hidden data-testid={props.testId} onChange={(e) => void pick(e.target.files?.[0])} />
      <Button icon={<UploadOutlined />} loading={busy} disabled={props.disabled} type={props.primary ? 'primary' : 'default'} onClick={() => input.current?.click()}>
        {props.label}
      </Button>
    </>
  );
}

// ---- running actions ----

/**
 * Runs a case action: a toast on success, the error otherwise; on a version conflict (someone else acted first)
 * it says so and reloads. Resolves to whether it succeeded.
 */
export function useCaseAction(reload: () => void) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  return useCallback(
    async (run: () => Promise<unknown>, success?: string): Promise<boolean> => {
      try {
        await run();
        if (success) message.success(success);
        reload();
        return true;
      } catch (err) {
        if (isVersionConflict(err)) {
          message.warning(t('case.refreshed'));
          reload();
        } else {
          showError(err);
        }
        return false;
      }
    },
    [message, reload, showError, t],
  );
}

// ---- labels and tags ----

const STATUS_COLOR: Record<CaseStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_requested: 'warning',
  in_review: 'blue',
  decided: 'cyan',
  delivered: 'success',
  refused: 'error',
  withdrawn: 'default',
};

export function CaseStatusTag({ status, testId = 'case-status' }: { status: CaseStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`case.status.${status}`)}
    </Tag>
  );
}

const WARNING_COLOR: Record<Warning, string> = { none: 'green', amber: 'gold', red: 'red' };

export function WarningTag({ warning }: { warning: Warning }) {
  const t = useT();
  return (
    <Tag color={WARNING_COLOR[warning]} data-testid="warning-tag" data-warning={warning}>
      {t(`case.warning.${warning}`)}
    </Tag>
  );
}

/** A stopped clock: the day the case closed instead of a warning. */
function StoppedTag({ day }: { day: string }) {
  const t = useT();
  return (
    <Tag color="default" data-testid="clock-stopped">
      {t('clock.stopped', { day })}
    </Tag>
  );
}

/** Whether a closed case kept its deadline (the working days left are as of the day it closed). */
function resultText(n: number, t: Translate) {
  return n < 0 ? t('clock.late', { n: -n }) : n === 0 ? t('clock.onTimeExact') : t('clock.onTime', { n });
}

/** The deadline and what is left of it, in one line for lists; for a closed case, when it closed and whether on time. */
export function ClockCell({ clock }: { clock: CaseClock }) {
  const t = useT();
  if (!clock.deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  if (clock.stoppedOn) {
    return (
      <Space size={4} wrap>
        <StoppedTag day={clock.stoppedOn} />
        {clock.remainingWorkingDays !== null && <Typography.Text type="secondary">{resultText(clock.remainingWorkingDays, t)}</Typography.Text>}
      </Space>
    );
  }
  return (
    <Space size={4} wrap>
      <WarningTag warning={clock.warning} />
      <span>{clock.deadline}</span>
      {clock.remainingWorkingDays !== null && <Typography.Text type="secondary">{remainingText(clock.remainingWorkingDays, t)}</Typography.Text>}
      {clock.paused && (
        <Tag icon={<PauseCircleOutlined />} color="purple">
          {t('clock.paused')}
        </Tag>
      )}
    </Space>
  );
}

function remainingText(n: number, t: Translate) {
  return n < 0 ? t('clock.overdueDays', { n: -n }) : t('clock.remainingDays', { n });
}

/** The statutory clock: accepted on, deadlines, working days left, the warning, paused, deemed accepted, extended. */
export function ClockView({ clock, compact = false }: { clock: CaseClock; compact?: boolean }) {
  const t = useT();
  // A year the calendar lacks: no deadline and no warning is guessed, but the acceptance day (and 视为受理), which
  // needs no day of that year, is shown with the facts below, the deadlines as —.
  const missing = clock.calendarMissingYear ? <Alert type="warning" showIcon title={t('clock.calendarMissing', { year: clock.calendarMissingYear })} className="block-gap" data-testid="clock-calendar-missing" /> : null;
  if (!clock.acceptedOn) {
    if (missing) return <div data-testid="case-clock">{missing}</div>;
    return (
      <Typography.Text type="secondary" data-testid="case-clock" data-warning="none">
        <ClockCircleOutlined /> {t('clock.notStarted')}
      </Typography.Text>
    );
  }
  return (
    <div data-testid="case-clock" data-warning={clock.warning} data-paused={String(clock.paused)} className={`case-clock case-clock-${clock.warning}`}>
      {missing}
      <Space wrap size={[8, 8]} className="block-gap">
        {!missing && (clock.stoppedOn ? <StoppedTag day={clock.stoppedOn} /> : <WarningTag warning={clock.warning} />)}
        {clock.paused && (
          <Tag icon={<PauseCircleOutlined />} color="purple" data-testid="clock-paused">
            {t('clock.paused')}
          </Tag>
        )}
        {clock.deemedAccepted && (
          <Tag color="blue" data-testid="clock-deemed">
            {t('clock.deemed')}
          </Tag>
        )}
        {clock.extended && (
          <Tag color="orange" data-testid="clock-extended">
            {t('clock.extended')}
          </Tag>
        )}
      </Space>
      <Descriptions size="small" column={compact ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, lg: 4 }} bordered className="clock-facts">
        <Descriptions.Item label={t('clock.acceptedOn')}>
          <span data-testid="clock-accepted-on">{clock.acceptedOn}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('clock.deadline')}>
          <span data-testid="clock-deadline">{clock.deadline ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('clock.legalDeadline')}>{clock.legalDeadline ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(clock.stoppedOn ? 'clock.result' : 'clock.remaining')}>
          <span data-testid="clock-remaining">
            {clock.remainingWorkingDays === null ? '—' : clock.stoppedOn ? resultText(clock.remainingWorkingDays, t) : remainingText(clock.remainingWorkingDays, t)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {clock.paused && (
        <Typography.Text type="secondary" className="case-clock-hint">
          {t('clock.pausedHint')}
        </Typography.Text>
      )}
    </div>
  );
}

/** What happened, newest last, with the details that matter (reasons, opinions, correction items). */
export function CaseTimeline({ detail }: { detail: Pick<CaseDetail, 'timeline' | 'materials'> }) {
  const t = useT();
  const { lang } = useLang();
  const name = (key: unknown) => detail.materials.find((m) => m.key === key)?.name ?? String(key ?? '');
  const extra = (e: CaseEvent): ReactNode => {
    const d = e.data;
    switch (e.type) {
      case 'correction_requested':
        return (
          <ul className="timeline-list">
            {((d.items as { materialKey?: string | null; note: string }[]) ?? []).map((i, k) => (
              <li key={k}>
                {i.materialKey ? `${name(i.materialKey)}：` : ''}
                {i.note}
              </li>
            ))}
          </ul>
        );
      case 'accepted': {
        const gaps = (d.gaps as { materialKey: string; dueOn: string }[] | undefined) ?? [];
        return gaps.length ? t('event.gaps', { list: gaps.map((g) => `${name(g.materialKey)}（${g.dueOn}）`).join('、') }) : null;
      }
      case 'step_claimed':
        return String(d.name ?? '');
      case 'step_completed':
        return `${String(d.name ?? '')} · ${t(`step.result.${String(d.result)}` as MessageKey)}：${String(d.opinion ?? '')}`;
      case 'special_started':
        return `${t(`special.${String(d.kind)}` as MessageKey)}：${String(d.reason ?? '')}`;
      case 'special_ended':
      case 'correction_answered':
        return d.result || d.note ? String(d.result ?? d.note) : null;
      case 'refused':
        return `${String(d.reason ?? '')}（${String(d.legalBasis ?? '')}）`;
      case 'withdrawn':
      case 'extension_granted':
        return String(d.reason ?? '');
      case 'decided':
        return `${t(`case.outcome.${String(d.outcome)}` as MessageKey)}${d.reason ? `：${String(d.reason)}` : ''}`;
      case 'delivered':
        return `${t(`case.delivery.${String(d.method)}` as MessageKey)}${d.trackingNumber ? ` ${String(d.trackingNumber)}` : ''}`;
      case 'license_issued':
        return <span className="mono break-all">{String(d.identifier)}</span>;
      case 'gap_supplied':
        return name(d.materialKey);
      default:
        return null;
    }
  };
  return (
    <Timeline
      data-testid="case-timeline"
      items={detail.timeline.map((e) => {
        const more = extra(e);
        return {
          color: e.type === 'refused' || e.type === 'license_revoked' ? 'red' : e.type === 'correction_requested' || e.type === 'special_started' ? 'orange' : 'blue',
          content: (
            <div data-testid={`event-${e.type}`}>
              <Typography.Text strong>{t(`event.${e.type}` as MessageKey)}</Typography.Text>
              <Typography.Text type="secondary" className="timeline-meta">
                {formatDateTime(e.at, lang)}
                {e.actor ? ` · ${e.actor}` : ''}
              </Typography.Text>
              {more && <div className="timeline-extra">{more}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

/** What the case holds for a material: uploaded, pledged, an e-licence, a gap, or nothing. */
export function MaterialModeTag({ m }: { m: CaseMaterial }) {
  const t = useT();
  const color = m.mode === 'upload' ? 'blue' : m.mode === 'pledge' ? 'green' : m.mode === 'licence' ? 'cyan' : m.mode === 'gap' ? 'orange' : m.required ? 'red' : 'default';
  return (
    <Tag color={color} data-testid={`material-mode-${m.key}`} data-mode={m.mode ?? 'none'}>
      {t(`material.mode.${m.mode ?? 'none'}`)}
    </Tag>
  );
}

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
              {m.mode === 'licence' && (
                <Tag icon={<SafetyCertificateOutlined />} color="green">
                  {t('material.licenceAttached')}
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
            {m.mode === 'licence' && m.licenceIdentifier && <div className="mono small-text break-all">{m.licenceIdentifier}</div>}
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
  const show = (v: unknown) => (Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '✓' : '✗') : v === undefined || v === null || v === '' ? '—' : String(v));
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
  const kinds = availableNotices(detail);
  if (kinds.length === 0) return <Typography.Text type="secondary">{t('notice.none')}</Typography.Text>;
  return (
    <Space wrap data-testid="case-notices">
      {kinds.map((k) => (
        <Button key={k} icon={<DownloadOutlined />} onClick={() => caseApi.notice(detail.number, k).catch(showError)} data-testid={`notice-${k}`}>
          {t(`notice.${k}`)}
        </Button>
      ))}
    </Space>
  );
}

/** The facts at the top of every case view. */
export function CaseSummary({ detail, compact = false }: { detail: CaseDetail; compact?: boolean }) {
  const t = useT();
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
            {t(`case.outcome.${detail.outcome}` as MessageKey)}
            {detail.outcomeReason ? `：${detail.outcomeReason}` : ''}
          </span>
        </Descriptions.Item>
      )}
      {detail.delivery && (
        <Descriptions.Item label={t('case.delivery')}>
          {t(`case.delivery.${detail.delivery.method}`)}
          {detail.delivery.trackingNumber ? ` ${detail.delivery.trackingNumber}` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * A workbench's state in the address (open case, search, filters), so a reload or a shared link shows the same, and a
 * counter that reloads its queue after an action.
 */
export function useWorkbench() {
  const [params, setParams] = useSearchParams();
  const [reloadKey, setReloadKey] = useState(0);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'q' });
  };
  return { params, setParam, reloadKey, refresh: () => setReloadKey((n) => n + 1) };
}

/** The case-number column of a queue: the number opens the case beside the queue. */
export function caseNumberColumn<T extends { number: string }>(t: Translate, open: (number: string) => void): TableColumnType<T> {
  return {
    title: t('case.number'),
    dataIndex: 'number',
    render: (n: string) => (
      <Button type="link" className="mono table-link" onClick={() => open(n)} data-testid={`queue-open-${n}`}>
        {n}
      </Button>
    ),
  };
}
