import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import type { CaseDetail, CaseEvent } from '../../api/types.ts';
import { outcomeWords } from './caseFacts.ts';

/** What happened, newest last, with the details that matter (reasons, opinions, correction items). */
export function CaseTimeline({ detail }: { detail: Pick<CaseDetail, 'timeline' | 'materials' | 'itemRules'> }) {
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
      case 'rules_referred':
        return String(d.reason ?? '');
      case 'accepted': {
        if (d.instant) return t('case.rules.granted');
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
      case 'pledge_found_false':
      case 'pledge_false_kept':
      case 'pledge_false_confirmed':
      case 'decision_revoked':
        return `${name(d.materialKey)}：${String(d.reason ?? '')}`;
      case 'decided':
        return `${outcomeWords(detail, String(d.outcome))?.[lang] ?? t(`case.outcome.${String(d.outcome)}` as MessageKey)}${d.reason ? `：${String(d.reason)}` : ''}${
          d.instant && d.ruleSet
            ? `（${t('case.rules.version', { code: String(d.ruleSet), number: String(d.ruleVersion), hash: String(d.ruleVersionHash ?? '').slice(0, 16) })}）`
            : ''
        }`;
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
          color:
            e.type === 'refused' || e.type === 'license_revoked' || e.type === 'decision_revoked' || e.type === 'pledge_found_false'
              ? 'red'
              : e.type === 'correction_requested' || e.type === 'special_started'
                ? 'orange'
                : 'blue',
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
