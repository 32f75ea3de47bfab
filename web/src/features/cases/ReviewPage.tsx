import {
  AuditOutlined,
  CheckCircleOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { Key } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../auth.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import { LicenseStatusTag } from '../licenses/index.tsx';
import { caseApi } from './caseApi.ts';
import { openSpecial } from './caseFacts.ts';
import { ClockCell } from './ClockView.tsx';
import { caseNumberColumn, QueueSearch, useWorkbench } from './queue.tsx';
import { CaseRegisterTable } from './registerTable.tsx';
import { useCaseAction } from './useCaseAction.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { CorrectionModal, ReasonModal } from './actionModals.tsx';
import type { Body, CaseDetail, CaseListItem, Reply } from '../../api/types.ts';

type Scope = 'all' | 'mine' | 'unclaimed' | 'done';
type Dialog = 'complete' | 'transfer' | 'start' | 'end' | 'correction' | null;

const SPECIAL_KINDS = ['hearing', 'tender', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review', 'site_check'] as const;

/**
 * 部门审批: the department's review queue (by step, mine or unclaimed, most urgent first), bulk claim, and a case
 * beside it: materials (uploads, attached licences verified), claim, complete, transfer, special procedures and
 * corrections after acceptance.
 */
export default function ReviewPage() {
  const t = useT();
  const { user } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const workbench = useWorkbench();
  const { params, setParam, reloadKey, refresh } = workbench;
  const scope = (params.get('scope') as Scope | null) ?? 'all';
  const step = params.get('step') ?? undefined;
  const open = params.get('case');
  const [selected, setSelected] = useState<Key[]>([]);
  const [steps, setSteps] = useState<string[]>([]);
  const [claiming, setClaiming] = useState(false);
  const me = Number(user.id);

  const claimSelected = async () => {
    setClaiming(true);
    try {
      const r = await api.post('/api/cases/claim', { body: { numbers: selected.map(String) } });
      if (r.claimed.length) message.success(t('review.claimed', { n: r.claimed.length }));
      if (r.failed.length) message.warning(t('review.claimFailed', { n: r.failed.length }));
      setSelected([]);
      refresh();
    } catch (err) {
      showError(err);
    } finally {
      setClaiming(false);
    }
  };

  const columns: TableColumnsType<CaseListItem> = [
    caseNumberColumn(t, (n) => setParam('case', n)),
    { title: t('case.item'), dataIndex: 'implementationName' },
    { title: t('case.applicant'), dataIndex: 'applicantName' },
    { title: t('case.currentStep'), dataIndex: 'currentStep', render: (v: string | null) => v ?? '—' },
    {
      title: t('case.status'),
      key: 'claim',
      render: (_, c) =>
        c.assigneeUserId === null ? (
          <Tag>{t('case.unclaimed')}</Tag>
        ) : c.assigneeUserId === me ? (
          <Tag color="blue">{t('case.claimedByMe')}</Tag>
        ) : (
          <Tag color="purple">{t('case.claimedByOther')}</Tag>
        ),
    },
    { title: t('case.clock'), key: 'clock', render: (_, c) => <ClockCell clock={c.clock} /> },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.review')}
        extra={
          <Button type="primary" disabled={selected.length === 0} loading={claiming} onClick={claimSelected} data-testid="review-claim-bulk">
            {t('review.claimBulk', { n: selected.length })}
          </Button>
        }
      />
      <div className="toolbar">
        <Segmented<Scope>
          value={scope}
          onChange={(v) => setParam('scope', v === 'all' ? null : v)}
          options={(['all', 'mine', 'unclaimed', 'done'] as const).map((s) => ({ value: s, label: t(`review.scope.${s}`) }))}
          aria-label={t('review.scopeLabel')}
          data-testid="review-scope"
        />
        <Select
          allowClear
          value={step}
          onChange={(v?: string) => setParam('step', v ?? null)}
          placeholder={t('review.allSteps')}
          aria-label={t('review.allSteps')}
          options={[...new Set([...steps, ...(step ? [step] : [])])].map((s) => ({ value: s, label: s }))}
          className="toolbar-select"
          data-testid="review-step"
        />
        <QueueSearch workbench={workbench} testId="review-search" />
      </div>
      {/* 已办: the cases this reviewer acted on, from the register (closed ones too). */}
      {scope === 'done' ? (
        <CaseRegisterTable filters={{ handledByMe: 'true' }} onOpen={(n) => setParam('case', n)} testId="review-done" />
      ) : (
        <DataTable<CaseListItem>
          columns={columns}
          rowKey={(c) => c.number}
          load={async () => {
            const r = await api.get('/api/cases/queue', {
              params: { query: { kind: 'review', step, mine: scope === 'mine' ? 'true' : undefined, q: params.get('q') ?? undefined } },
            });
            return { items: scope === 'unclaimed' ? r.items.filter((c) => c.assigneeUserId === null) : r.items };
          }}
          onLoaded={(rows) => {
            setSteps((old) => [...new Set([...old, ...rows.map((r) => r.currentStep).filter((s): s is string => !!s)])]);
            setSelected((old) => old.filter((k) => rows.some((r) => r.number === k)));
          }}
          query={{ scope, step, q: params.get('q') }}
          reloadKey={reloadKey}
          clientPaging
          testId="review-queue"
          tableProps={{
            rowClassName: (c) => `warning-row-${c.clock.warning}`,
            rowSelection: {
              selectedRowKeys: selected,
              onChange: setSelected,
              getCheckboxProps: (c) => ({ 'data-testid': `queue-select-${c.number}` }) as object,
            },
          }}
        />
      )}
      <CaseDrawer
        number={open}
        onClose={() => setParam('case', null)}
        onChanged={refresh}
        actions={(d, reload) => <ReviewActions detail={d} reload={reload} me={me} />}
        materialExtra={(d, m) => (m.mode === 'license' ? <LicenseCheck number={d.number} materialKey={m.key} /> : null)}
      />
    </>
  );
}

/** The department reads the attached licence, verified (each read is logged for the holder). */
function LicenseCheck({ number, materialKey }: { number: string; materialKey: string }) {
  const t = useT();
  const showError = useShowError();
  const [result, setResult] = useState<Reply<'/api/cases/{number}/materials/{key}/license'>>();
  const [busy, setBusy] = useState(false);
  if (result) {
    const ok = result.status === 'valid' && result.sealValid;
    return (
      <Space orientation="vertical" size={2} data-testid={`license-check-${materialKey}`} data-ok={String(ok)}>
        <Space size={4} wrap>
          <LicenseStatusTag status={result.status} testId={`license-check-status-${materialKey}`} />
          <Tag color="green">{t('material.mode.license')}</Tag>
        </Space>
        <Typography.Text type={ok ? 'success' : 'danger'} className="small-text">
          <SafetyCertificateOutlined /> {ok ? t('material.licenseVerified') : t('material.licenseNotVerified')}
        </Typography.Text>
        <Typography.Text className="small-text">
          {result.holderName}
          {result.validUntil ? ` · ${t('license.validUntil')} ${result.validUntil}` : ''}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Button
      size="small"
      icon={<SafetyCertificateOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          setResult(await api.get('/api/cases/{number}/materials/{key}/license', { params: { path: { number, key: materialKey } } }));
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}
      data-testid={`license-check-button-${materialKey}`}
    >
      {t('material.viewLicense')}
    </Button>
  );
}

const REVIEW_ACTIONS: readonly CaseDetail['allowedActions'][number][] = [
  'claim',
  'complete_step',
  'transfer_step',
  'start_special',
  'end_special',
  'request_correction',
];

/**
 * The department's buttons on the case: those the server offers (allowedActions: the state machine and the viewer's
 * grants), on the step the viewer holds (claimed by nobody: claim; by the viewer: the rest).
 */
function ReviewActions({ detail: d, reload, me }: { detail: CaseDetail; reload: () => void; me: number }) {
  const t = useT();
  const { lang } = useLang();
  const run = useCaseAction(reload);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const may = (action: CaseDetail['allowedActions'][number]) => d.allowedActions.includes(action);
  const active = d.steps.find((s) => s.status === 'active');
  if (!active || (!REVIEW_ACTIONS.some(may) && d.blockedActions.length === 0)) return null;
  const special = openSpecial(d);
  const isMine = active.assigneeUserId === me;
  const version = d.version;
  return (
    <Space wrap>
      <Tag color="blue" data-testid="review-active-step">
        {t('case.currentStep')}：{active.name}
      </Tag>
      {active.assigneeUserId === null && may('claim') && (
        <Button
          type="primary"
          icon={<AuditOutlined />}
          onClick={() => run(() => caseApi.act(d.number, 'claim', { version }), t('review.claimed', { n: 1 }))}
          data-testid="review-claim"
        >
          {t('review.claim')}
        </Button>
      )}
      {active.assigneeUserId !== null && !isMine && <Tag color="purple">{t('case.claimedByOther')}</Tag>}
      {d.blockedActions[0] && (
        // Why the server did not offer the step (separation of duties): its message, not a silent absence.
        <Alert type="warning" showIcon title={d.blockedActions[0].message[lang]} data-testid="review-blocked" data-code={d.blockedActions[0].code} />
      )}
      {isMine && (
        <>
          {may('complete_step') && (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('complete')} data-testid="review-complete">
              {t('review.complete')}
            </Button>
          )}
          {special
            ? may('end_special') && (
                <Button icon={<PlayCircleOutlined />} onClick={() => setDialog('end')} data-testid="review-end-special">
                  {t('review.endSpecial')}
                </Button>
              )
            : may('start_special') && (
                <Button icon={<PauseCircleOutlined />} onClick={() => setDialog('start')} data-testid="review-start-special">
                  {t('review.startSpecial')}
                </Button>
              )}
          {may('request_correction') && (
            <Button icon={<WarningOutlined />} onClick={() => setDialog('correction')} data-testid="review-correction">
              {t('review.requestCorrection')}
            </Button>
          )}
          {may('transfer_step') && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="review-transfer">
              {t('review.transfer')}
            </Button>
          )}
        </>
      )}
      <CompleteModal detail={d} open={dialog === 'complete'} onClose={close} onDone={reload} />
      <CorrectionModal detail={d} open={dialog === 'correction'} onClose={close} onDone={reload} action="request-correction-review" />
      <StartSpecialModal detail={d} open={dialog === 'start'} onClose={close} onDone={reload} />
      <ReasonModal
        open={dialog === 'end'}
        title={t('review.endSpecial')}
        label={t('review.specialResult')}
        optional
        okText={t('review.endSpecial')}
        successText={t('review.ended')}
        testId="end-special"
        onSubmit={(result) => caseApi.act(d.number, 'end-special', { version, result: result || undefined })}
        onClose={close}
        onDone={reload}
      />
      <FormModal<{ toUserId: number }>
        open={dialog === 'transfer'}
        title={t('review.transfer')}
        onSubmit={(v) => caseApi.act(d.number, 'transfer-step', { version, toUserId: v.toUserId })}
        onClose={close}
        onDone={reload}
        successText={t('review.transferred')}
        okText={t('review.transfer')}
        testId="transfer"
      >
        <Alert type="info" showIcon className="block-gap" title={t('review.transferHint')} />
        <Form.Item name="toUserId" label={t('review.toUser')} rules={[{ required: true, message: t('form.required') }]}>
          <ColleagueSelect number={d.number} open={dialog === 'transfer'} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

interface CompleteValues {
  result: 'pass' | 'return' | 'fail';
  opinion: string;
  legalBasis?: string;
  toStepKey?: string;
}

/** Completes the claimed step: pass (at the last step, the grant), return to an earlier step, or deny with the legal basis. */
function CompleteModal({ detail: d, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const activeIndex = d.steps.findIndex((s) => s.status === 'active');
  const earlier = d.steps.slice(0, Math.max(0, activeIndex));
  const isLast = activeIndex === d.steps.length - 1;
  // The words of the item's type, as the server sends them (准予许可 only for 行政许可).
  const { lang } = useLang();
  const words = d.itemRules.outcome;
  return (
    <FormModal<CompleteValues>
      open={open}
      title={t('review.complete')}
      initialValues={{ result: 'pass' }}
      onSubmit={(v) =>
        caseApi.act(d.number, 'complete-step', {
          version: d.version,
          result: v.result,
          opinion: v.opinion.trim(),
          legalBasis: v.result === 'fail' ? v.legalBasis?.trim() : undefined,
          toStepKey: v.result === 'return' ? v.toStepKey : undefined,
        })
      }
      onClose={onClose}
      onDone={onDone}
      successText={t('review.completed')}
      okText={t('common.submit')}
      testId="complete"
    >
      {isLast && (
        <Alert type="info" showIcon className="block-gap" title={t('review.lastStep', { outcome: words.granted[lang] })} data-testid="complete-last" />
      )}
      <Form.Item name="result" label={t('review.result')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'pass', label: isLast ? words.granted[lang] : t('review.pass') },
            ...(earlier.length ? [{ value: 'return', label: t('review.return') }] : []),
            { value: 'fail', label: words.denied[lang] },
          ]}
          data-testid="complete-result"
        />
      </Form.Item>
      <Form.Item name="opinion" label={t('review.opinion')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="complete-opinion" />
      </Form.Item>
      <Form.Item noStyle dependencies={['result']}>
        {({ getFieldValue }) => (
          <>
            {getFieldValue('result') === 'fail' && (
              <Form.Item
                name="legalBasis"
                label={t('window.legalBasis')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}
              >
                <Input.TextArea autoSize={{ minRows: 2 }} data-testid="complete-basis" />
              </Form.Item>
            )}
            {getFieldValue('result') === 'return' && (
              <Form.Item name="toStepKey" label={t('review.toStep')}>
                <Select
                  allowClear
                  options={earlier.map((s) => ({ value: s.key, label: s.name }))}
                  placeholder={earlier.at(-1)?.name}
                  data-testid="complete-to-step"
                />
              </Form.Item>
            )}
          </>
        )}
      </Form.Item>
    </FormModal>
  );
}

/** 行政许可法 art. 45: a hearing, test, expert review … stops the clock; the applicant is told in writing. */
function StartSpecialModal({ detail: d, open, onClose, onDone }: { detail: CaseDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <FormModal<{ kind: Body<'/api/cases/{number}/start-special'>['kind']; reason: string }>
      open={open}
      title={t('review.startSpecial')}
      initialValues={{ kind: 'hearing' }}
      onSubmit={(v) => caseApi.act(d.number, 'start-special', { version: d.version, kind: v.kind, reason: v.reason.trim() })}
      onClose={onClose}
      onDone={onDone}
      successText={t('review.started')}
      okText={t('review.startSpecial')}
      testId="start-special"
    >
      <Alert type="info" showIcon className="block-gap" title={t('review.specialHint')} />
      <Form.Item name="kind" label={t('review.specialKind')} rules={[{ required: true }]}>
        <Select options={SPECIAL_KINDS.map((k) => ({ value: k, label: t(`special.${k}`) }))} data-testid="start-special-kind" />
      </Form.Item>
      <Form.Item name="reason" label={t('review.specialReason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="start-special-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** The department's other reviewers, loaded when the transfer dialog opens. */
function ColleagueSelect({ number, open, value, onChange }: { number: string; open: boolean; value?: number; onChange?: (v: number) => void }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>();
  useEffect(() => {
    if (!open) return;
    let current = true;
    caseApi.colleagues(number).then(
      (r) => current && setOptions(r.items.map((u) => ({ value: u.id, label: u.displayName }))),
      () => current && setOptions([]),
    );
    return () => {
      current = false;
    };
  }, [number, open]);
  return (
    <Select
      value={value}
      onChange={onChange}
      options={options}
      loading={!options}
      showSearch
      optionFilterProp="label"
      style={{ width: '100%' }}
      data-testid="transfer-user"
    />
  );
}
