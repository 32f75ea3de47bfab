import { Statistic, Tag } from 'antd';
import type { Reply } from '../../api/types.ts';
import { useT, type MessageKey } from '../../i18n.ts';

export type Reductions = Reply<'/api/bundles'>['items'][number]['reductions'];
type Measure = Reductions['materials'];
export const MEASURES = ['materials', 'days', 'visits', 'steps'] as const satisfies readonly (keyof Reductions)[];
const LABEL: Record<(typeof MEASURES)[number] | 'fields', MessageKey> = {
  materials: 'bundles.materials',
  days: 'bundles.days',
  visits: 'bundles.visits',
  steps: 'bundles.steps',
  fields: 'bundles.fields',
};

/** One measure: before → after, and the reduction in per cent when there was something before. */
export function MeasureStat({ name, measure, testId }: { name: keyof typeof LABEL; measure: Measure; testId?: string }) {
  const t = useT();
  return (
    <div className="bundle-measure" data-testid={testId} data-before={measure.before} data-after={measure.after} data-ratio={measure.ratio ?? ''}>
      <Statistic title={t(LABEL[name])} value={t('bundles.beforeAfter', { before: measure.before, after: measure.after })} />
      {measure.ratio !== null && measure.ratio > 0 && <Tag color="green">{t('bundles.cut', { ratio: measure.ratio.toFixed(2) })}</Tag>}
    </div>
  );
}

/** The reductions of a bundle, measure by measure (fields too when asked). */
export function ReductionBadges({ reductions, withFields = false, testId }: { reductions: Reductions; withFields?: boolean; testId?: string }) {
  const names = withFields ? [...MEASURES, 'fields' as const] : MEASURES;
  return (
    <div className="bundle-measures" data-testid={testId}>
      {names.map((name) => (
        <MeasureStat key={name} name={name} measure={reductions[name]} testId={testId ? `${testId}-${name}` : undefined} />
      ))}
    </div>
  );
}
