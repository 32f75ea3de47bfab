// 秒批 (issue 22): what the item's rules decided at submission, for everyone who sees the case — the applicant (why it
// was granted at once, or which condition sent it to people), the window and the reviewer (what to look at), the
// supervisor and auditor (which rule version decided, by its hash).
import { Alert, Card, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import type { CaseDetail } from '../../api/types.ts';

type Recorded = CaseDetail['ruleDecisions'][number];
type TraceLine = Recorded['trace'][number];

const RESULT_COLOR: Record<TraceLine['result'], string> = { pass: 'green', fail: 'red', missing: 'orange', error: 'volcano' };

function shown(value: TraceLine['value'], t: (key: MessageKey) => string): string {
  if (value === null) return t('case.rules.notProvided');
  if (typeof value === 'boolean') return value ? t('case.rules.yes') : t('case.rules.no');
  return String(value);
}

/** The latest decision of the item's rules on the case, with the trace of every condition; nothing when none decided. */
export function RuleDecisionCard({ detail, compact = false }: { detail: Pick<CaseDetail, 'ruleDecisions' | 'status'>; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const d = detail.ruleDecisions.at(-1);
  if (!d) return null;
  const granted = d.outcome === 'grant' && detail.status !== 'submitted';
  return (
    <Card size={compact ? 'small' : undefined} title={t('case.rules.title')} className="block-gap" data-testid="case-rule-decision">
      <Alert
        type={granted ? 'success' : 'warning'}
        showIcon
        title={
          <span data-testid="case-rule-outcome" data-outcome={d.outcome}>
            {t(granted ? 'case.rules.granted' : 'case.rules.referred')}
          </span>
        }
        description={<span data-testid="case-rule-explanation">{lang === 'zh' ? d.explanationZh : d.explanationEn}</span>}
      />
      <Table<TraceLine>
        className="block-gap"
        size="small"
        pagination={false}
        rowKey="condition"
        dataSource={d.trace}
        onRow={(r) => ({ 'data-testid': `case-rule-${r.condition}`, 'data-result': r.result }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('case.rules.condition'), dataIndex: 'labelZh', render: (_: unknown, r) => (lang === 'zh' ? r.labelZh : r.labelEn || r.labelZh) },
          { title: t('case.rules.value'), dataIndex: 'value', render: (_: unknown, r) => `${r.inputLabelZh}：${shown(r.value, t)}` },
          { title: t('case.rules.test'), dataIndex: 'test', render: (v: string) => <span className="mono">{v}</span> },
          {
            title: t('case.rules.result'),
            dataIndex: 'result',
            render: (_: unknown, r) => (
              <Tag color={RESULT_COLOR[r.result]}>
                {t(`case.rules.result.${r.result}` as MessageKey)}
                {r.error ? `：${r.error.message}` : ''}
              </Tag>
            ),
          },
          { title: t('case.rules.article'), dataIndex: 'article' },
        ]}
      />
      {d.error && d.trace.length === 0 && (
        <Typography.Paragraph type="danger" data-testid="case-rule-error">
          {d.error.type}: {d.error.message}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" className="small-text" data-testid="case-rule-version">
        {t('case.rules.version', { code: d.ruleSetCode, number: String(d.versionNumber), hash: d.versionHash.slice(0, 16) })}
      </Typography.Text>
    </Card>
  );
}
