import { Tag } from 'antd';
import { useT } from '../../i18n.ts';

/** A member case's progress in a word: held (waiting for upstream), its status otherwise. */
export function MemberStatusTag({ status, waiting, testId }: { status: string; waiting: boolean; testId?: string }) {
  const t = useT();
  if (waiting)
    return (
      <Tag color="orange" data-testid={testId} data-status="waiting">
        {t('bundleCase.member.waiting')}
      </Tag>
    );
  const known = ['draft', 'submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'] as const;
  const s = (known as readonly string[]).includes(status) ? (status as (typeof known)[number]) : 'draft';
  const color = s === 'decided' || s === 'delivered' ? 'green' : s === 'refused' || s === 'withdrawn' ? 'default' : 'blue';
  return (
    <Tag color={color} data-testid={testId} data-status={s}>
      {t(`bundleCase.member.${s}`)}
    </Tag>
  );
}

/** The bundle case's status. */
export function BundleCaseStatusTag({ status, testId }: { status: 'draft' | 'open' | 'closed' | 'withdrawn' | 'refused'; testId?: string }) {
  const t = useT();
  const color = status === 'open' ? 'blue' : status === 'closed' ? 'green' : 'default';
  return (
    <Tag color={color} data-testid={testId} data-status={status}>
      {t(`bundleCase.status.${status}`)}
    </Tag>
  );
}
