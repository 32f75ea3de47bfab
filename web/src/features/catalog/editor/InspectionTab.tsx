import { Button, Card, Col, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useLang, useT } from '../../../i18n.ts';
import { SeverityTag, elementLabel, tabOfElement } from '../catalog.tsx';
import type { EditorTab } from '../catalog.tsx';
import type { Finding, Inspection } from '../../../api/types.ts';

/** 巡检: the inspection of the latest version, each finding with a way to the element it concerns. */
export function InspectionTab({ inspection, versionNumber, onGoTo }: { inspection: Inspection; versionNumber: number; onGoTo: (tab: EditorTab) => void }) {
  const t = useT();
  const { lang } = useLang();
  const warnings = inspection.findings.filter((f) => f.severity === 'warning').length;
  const columns: TableColumnsType<Finding> = [
    { title: t('inspection.severity'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    { title: t('inspection.element'), dataIndex: 'element', width: 180, render: (e: string) => elementLabel(e, t) },
    { title: t('inspection.message'), dataIndex: 'message', render: (m: Finding['message']) => m[lang] },
    { title: t('inspection.rule'), dataIndex: 'rule', render: (r: string) => <span className="mono">{r}</span> },
    {
      title: t('common.actions'),
      key: 'go',
      width: 90,
      render: (_, f) => (
        <Button type="link" size="small" onClick={() => onGoTo(tabOfElement(f.element))}>
          {t('inspection.goTo')}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="inspection-tab">
      <Typography.Paragraph type="secondary">{t('inspection.draftNote', { n: versionNumber })}</Typography.Paragraph>
      <Row gutter={[16, 16]} className="block-gap">
        <Col xs={24} sm={6}>
          <Card size="small" className="stat-card">
            <Statistic title={t('inspection.completeness')} value={inspection.completeness} precision={1} suffix="%" />
            <Progress
              percent={inspection.completeness}
              size="small"
              showInfo={false}
              aria-label={t('inspection.completeness')}
              status={inspection.completeness < 80 ? 'exception' : 'normal'}
              data-testid="inspection-completeness"
            />
          </Card>
        </Col>
        <Col xs={8} sm={6}>
          <Card size="small" className="stat-card">
            <Statistic title={t('inspection.accuracy')} value={inspection.accuracyFindings} />
          </Card>
        </Col>
        <Col xs={8} sm={6}>
          <Card size="small" className="stat-card">
            <Statistic title={t('inspection.errors')} value={inspection.errors} styles={{ content: { color: inspection.errors ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={8} sm={6}>
          <Card size="small" className="stat-card">
            <Statistic title={t('inspection.warnings')} value={warnings} />
          </Card>
        </Col>
      </Row>
      <Table<Finding>
        columns={columns}
        dataSource={inspection.findings}
        rowKey={(f) => `${f.rule}|${f.element}|${f.message.zh}`}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('inspection.noFindings') }}
        data-testid="inspection-findings"
      />
    </div>
  );
}
