// The small tags of a case: its status, its deadline warning, what it holds for a material.
import { Tag } from 'antd';
import { useT } from '../../i18n.ts';
import type { CaseMaterial, CaseStatus, Warning } from '../../api/types.ts';

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

/** What the case holds for a material: uploaded, pledged, an e-licence, a gap, or nothing. */
export function MaterialModeTag({ m }: { m: CaseMaterial }) {
  const t = useT();
  const color =
    m.mode === 'upload' ? 'blue' : m.mode === 'pledge' ? 'green' : m.mode === 'license' ? 'cyan' : m.mode === 'gap' ? 'orange' : m.required ? 'red' : 'default';
  return (
    <Tag color={color} data-testid={`material-mode-${m.key}`} data-mode={m.mode ?? 'none'}>
      {t(`material.mode.${m.mode ?? 'none'}`)}
    </Tag>
  );
}
