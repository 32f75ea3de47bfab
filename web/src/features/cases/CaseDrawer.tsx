import { Alert, Card, Drawer, Grid, Result, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { caseApi } from './caseApi.ts';
import { openCorrection } from './caseFacts.ts';
import { CaseSummary, FormDataView, MaterialList, NoticeButtons, SpecialProcedureAlert } from './CaseDetails.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { RuleDecisionCard } from './RuleDecisionCard.tsx';
import { ClockView } from './ClockView.tsx';
import type { CaseDetail, CaseMaterial } from '../../api/types.ts';

interface CaseDrawerProps {
  number: string | null;
  onClose: () => void;
  /** The workbench's buttons for this case; `reload` fetches it again (and refreshes the queue). */
  actions: (detail: CaseDetail, reload: () => void) => ReactNode;
  /** Controls beside each material (the department checks attached licences). */
  materialExtra?: (detail: CaseDetail, m: CaseMaterial) => ReactNode;
  /** Called after any reload, so the queue behind the drawer follows. */
  onChanged?: () => void;
}

/** A case opened from a workbench queue: its actions on top, then the clock, materials, form, timeline and notices. */
export function CaseDrawer({ number, onClose, actions, materialExtra, onChanged }: CaseDrawerProps) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={number !== null}
      onClose={onClose}
      size={screens.md === false ? '100%' : 760}
      destroyOnHidden
      title={number ? <span className="mono">{number}</span> : null}
      data-testid="case-drawer"
    >
      {number && <CasePanel number={number} actions={actions} materialExtra={materialExtra} onChanged={onChanged} />}
    </Drawer>
  );
}

function CasePanel({ number, actions, materialExtra, onChanged }: Omit<CaseDrawerProps, 'onClose' | 'number'> & { number: string }) {
  const t = useT();
  const { lang } = useLang();
  const remote = useRemote(() => caseApi.get(number), [number]);
  const d = remote.data;
  const reload = () => {
    remote.reload();
    onChanged?.();
  };
  if (remote.error !== undefined && !d) return <Result status="error" title={t('common.loadFailed')} subTitle={errorText(remote.error, lang)} />;
  if (!d) return <Skeleton active paragraph={{ rows: 10 }} />;
  const correction = openCorrection(d);
  const name = (key: string | null | undefined) => d.materials.find((m) => m.key === key)?.name ?? t('case.correctionGeneral');
  return (
    <div data-testid="case-panel" data-status={d.status} data-version={d.version}>
      <Typography.Title level={4} className="case-panel-title" data-testid="case-title">
        {d.implementation.name}
      </Typography.Title>
      <div className="case-panel-actions" data-testid="case-actions">
        {actions(d, reload)}
      </div>
      {correction && (
        <Alert
          className="block-gap"
          type="warning"
          showIcon
          title={t('event.correction_requested')}
          description={
            <ul className="timeline-list">
              {correction.map((i, k) => (
                <li key={k}>
                  {name(i.materialKey)}：{i.note}
                </li>
              ))}
            </ul>
          }
          data-testid="case-open-correction"
        />
      )}
      <SpecialProcedureAlert detail={d} />
      <RuleDecisionCard detail={d} compact />
      <Card size="small" title={t('case.clock')} className="block-gap">
        <ClockView clock={d.clock} compact />
      </Card>
      <Card size="small" className="block-gap">
        <CaseSummary detail={d} compact />
      </Card>
      {d.steps.length > 0 && (
        <Card size="small" title={t('case.steps')} className="block-gap">
          <Space orientation="vertical" size={4} data-testid="case-steps">
            {d.steps.map((s) => (
              <div key={s.key} data-testid={`step-${s.key}`} data-status={s.status}>
                <Typography.Text strong={s.status === 'active'}>{s.name}</Typography.Text>{' '}
                <Typography.Text type="secondary">· {t(`step.status.${s.status}`)}</Typography.Text>
                {s.opinion && <Typography.Text type="secondary"> · {s.opinion}</Typography.Text>}
              </div>
            ))}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('case.materials')} className="block-gap">
        <MaterialList detail={d} extra={materialExtra ? (m) => materialExtra(d, m) : undefined} />
      </Card>
      <Card size="small" title={t('case.form')} className="block-gap">
        <FormDataView detail={d} />
      </Card>
      <Card size="small" title={t('case.notices')} className="block-gap">
        <NoticeButtons detail={d} />
      </Card>
      <Card size="small" title={t('case.timeline')}>
        <CaseTimeline detail={d} />
      </Card>
    </div>
  );
}
