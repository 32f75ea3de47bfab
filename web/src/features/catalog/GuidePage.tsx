import { ArrowLeftOutlined, DownloadOutlined, FormOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Grid, List, Result, Skeleton, Space, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { depthLabel, fileUrl, limitText, useCodeList, useLicenseTypes } from './catalog.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import type { Fee, Material } from '../../api/types.ts';

/** Text that keeps the line breaks it was written with. */
function Pre({ children }: { children: ReactNode }) {
  return <div className="guide-text">{children || '—'}</div>;
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="guide-section" id={id} data-testid={`guide-${id}`}>
      <Typography.Title level={4} className="guide-section-title">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** The public 办事指南 of one published item: everything an applicant needs before applying. */
export default function GuidePage() {
  const t = useT();
  const { lang } = useLang();
  const { code = '' } = useParams();
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md === false;
  const remote = useRemote(() => api.get('/api/items/{code}', { params: { path: { code } } }), [code]);
  const itemTypes = useCodeList('item_type');
  const useLevels = useCodeList('use_level');
  const caseTypes = useCodeList('case_type');
  const handlingForms = useCodeList('handling_form');
  const serviceObjects = useCodeList('service_object');
  const licenseTypes = useLicenseTypes();
  const { state } = useAuth();
  const navigate = useNavigate();
  const g = remote.data;
  // Applicants, agents and window clerks apply; anyone not signed in is sent to sign in first.
  const permissions = state.status === 'signedIn' ? state.session.permissions : [];
  const canApply = state.status !== 'signedIn' || permissions.includes('cases.apply') || permissions.includes('cases.accept');
  const apply = () => {
    const target = `/app/apply/${encodeURIComponent(code)}`;
    navigate(state.status === 'signedIn' ? target : `/login?next=${encodeURIComponent(target)}`);
  };

  useEffect(() => {
    if (!g) return;
    document.title = `${g.name} · ${t('guide.title')}`;
    return () => {
      document.title = t('app.fullName');
    };
  }, [g, t]);

  if (remote.error !== undefined) {
    const isMissing = remote.error instanceof ApiError && remote.error.status === 404;
    return (
      <PublicLayout>
        <Result
          status={isMissing ? '404' : 'error'}
          title={isMissing ? '404' : t('common.loadFailed')}
          subTitle={isMissing ? t('guide.notFound') : errorText(remote.error, lang)}
          extra={
            <Link to="/items">
              <Button type="primary">{t('guide.back')}</Button>
            </Link>
          }
          data-testid="guide-missing"
        />
      </PublicLayout>
    );
  }
  if (!g) {
    return (
      <PublicLayout>
        <Skeleton active paragraph={{ rows: 12 }} />
      </PublicLayout>
    );
  }

  const yesNo = (v: boolean) => (v ? t('catalog.yes') : t('catalog.no'));
  const licenseName = (code: string | null) => licenseTypes.find((l) => l.code === code)?.name ?? code ?? '';
  const join = (items: string[]) => (items.length ? items.join(lang === 'zh' ? '、' : ', ') : '—');
  const sourceText = (m: Material) =>
    m.source === 'license'
      ? t('guide.m.licenseFree', { type: licenseName(m.licenseTypeCode) })
      : m.source === 'department'
        ? `${t('catalog.source.department')}${m.sourceDepartment ? `（${m.sourceDepartment}）` : ''}`
        : t('catalog.source.applicant');
  const files = (m: Material) =>
    m.blankFormFile || m.sampleFile ? (
      <Space orientation="vertical" size={0}>
        {m.blankFormFile && (
          <a href={fileUrl(m.blankFormFile)} target="_blank" rel="noreferrer" data-testid={`blank-${m.key}`}>
            <DownloadOutlined /> {t('guide.m.blankForm')}
          </a>
        )}
        {m.sampleFile && (
          <a href={fileUrl(m.sampleFile)} target="_blank" rel="noreferrer" data-testid={`sample-${m.key}`}>
            <DownloadOutlined /> {t('guide.m.sample')}
          </a>
        )}
      </Space>
    ) : (
      '—'
    );

  const materialColumns: TableColumnsType<Material> = [
    { title: t('guide.m.no'), key: 'no', width: 52, render: (_, __, i) => i + 1 },
    {
      title: t('guide.m.name'),
      key: 'name',
      width: 220,
      render: (_, m) => (
        <>
          <div className="guide-material-name">{m.name}</div>
          {m.pledgeAllowed && <Tag color="green">{t('guide.m.pledgeYes')}</Tag>}
          {m.legalBasis && (
            <Typography.Text type="secondary" className="guide-material-basis">
              {t('guide.m.basis')}：{m.legalBasis}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('guide.m.required'),
      dataIndex: 'required',
      width: 76,
      render: (v: boolean) => (v ? <Tag color="red">{t('guide.m.requiredYes')}</Tag> : <Tag>{t('guide.m.requiredNo')}</Tag>),
    },
    {
      title: `${t('guide.m.form')} / ${t('guide.m.copies')}`,
      key: 'form',
      width: 140,
      render: (_, m) => (
        <>
          <div>{t(`catalog.materialForm.${m.form}`)}</div>
          <Typography.Text type="secondary">{t('guide.m.copiesText', { originals: m.originals, copies: m.copies })}</Typography.Text>
        </>
      ),
    },
    { title: t('guide.m.source'), key: 'source', width: 150, render: (_, m) => sourceText(m) },
    { title: t('guide.m.standard'), dataIndex: 'acceptanceStandard', render: (v: string) => v || '—' },
    { title: t('guide.m.files'), key: 'files', width: 110, render: (_, m) => files(m) },
  ];

  const feeColumns: TableColumnsType<Fee> = [
    { title: t('guide.fee.name'), dataIndex: 'name' },
    { title: t('guide.fee.standard'), dataIndex: 'standard', render: (v: string) => v || '—' },
    { title: t('guide.fee.basis'), dataIndex: 'basis', render: (v: string) => v || '—' },
    { title: t('guide.fee.waivable'), dataIndex: 'waivable', render: yesNo },
  ];

  const descColumns = { xs: 1, sm: 1, md: 2 } as const;

  return (
    <PublicLayout>
      <div className="guide" data-testid="guide">
        <Link to="/items" className="no-print guide-back">
          <ArrowLeftOutlined /> {t('guide.back')}
        </Link>
        <Card className="guide-head block-gap">
          <div className="guide-head-row">
            <div className="guide-head-main">
              <Typography.Text type="secondary">{t('guide.title')}</Typography.Text>
              <Typography.Title level={2} className="guide-name" data-testid="guide-name">
                {g.name}
              </Typography.Title>
              <div className="block-gap guide-tags">
                <Tag color="blue">{g.department}</Tag>
                <Tag>{g.region}</Tag>
                <Tag>{itemTypes.label(g.itemType)}</Tag>
                {g.onlineDepth === 4 ? (
                  <Tag color="green">{t('catalog.fullyOnline')}</Tag>
                ) : (
                  g.onlineDepth > 0 && <Tag color="cyan">{depthLabel(g.onlineDepth, t)}</Tag>
                )}
                {g.topics.map((topic) => (
                  <Tag key={topic} variant="filled">
                    #{topic}
                  </Tag>
                ))}
              </div>
              <Space wrap className="no-print">
                <Tooltip title={canApply ? undefined : t('guide.applyNeedsApplicant')}>
                  {/* a disabled button swallows pointer events: the span carries the tooltip */}
                  <span className="guide-apply-wrap" data-testid="guide-apply-wrap">
                    <Button type="primary" size="large" icon={<FormOutlined />} disabled={!canApply} onClick={apply} data-testid="guide-apply">
                      {t('guide.apply')}
                    </Button>
                  </span>
                </Tooltip>
                <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="guide-print">
                  {t('guide.print')}
                </Button>
              </Space>
            </div>
            <figure className="guide-qr">
              <img src={`/api/items/${encodeURIComponent(g.code)}/qr.svg`} alt={t('guide.qrAlt')} width={132} height={132} data-testid="guide-qr" />
              <figcaption>{t('guide.qr')}</figcaption>
            </figure>
          </div>
        </Card>

        <Card className="block-gap">
          <Section title={t('guide.basic')} id="basic">
            <Descriptions bordered size="small" column={descColumns} className="guide-desc">
              <Descriptions.Item label={t('element.name')} span={descColumns}>
                {g.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.code')}>
                <span className="mono">{g.code}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.baseItem')}>
                {g.baseName}（<span className="mono">{g.baseCode}</span>）
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.itemType')}>{itemTypes.label(g.itemType)}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.useLevel')}>{useLevels.label(g.useLevel)}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.department')}>{g.department}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.region')}>{g.region}</Descriptions.Item>
              <Descriptions.Item label={t('element.serviceObjects')}>{join(g.serviceObjects.map((c) => serviceObjects.label(c)))}</Descriptions.Item>
              <Descriptions.Item label={t('element.caseType')}>{caseTypes.label(g.caseType)}</Descriptions.Item>
              <Descriptions.Item label={t('element.legalLimit')}>{limitText(g.legalLimit, t)}</Descriptions.Item>
              <Descriptions.Item label={t('element.promisedLimit')}>
                <span data-testid="guide-promised">{limitText(g.promisedLimit, t)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('element.resultName')}>{g.resultName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('element.resultType')}>
                {t(`catalog.resultType.${g.resultType}`)}
                {g.resultLicenseTypeCode && `（${licenseName(g.resultLicenseTypeCode)}）`}
              </Descriptions.Item>
              {g.aliases.length > 0 && <Descriptions.Item label={t('element.aliases')}>{join(g.aliases)}</Descriptions.Item>}
              <Descriptions.Item label={t('guide.version')}>{t('catalog.versionNumber', { n: g.versionNumber })}</Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title={t('guide.conditions')} id="conditions">
            <Pre>{g.acceptanceConditions}</Pre>
          </Section>

          <Section title={t('guide.channels')} id="channels">
            <Descriptions bordered size="small" column={descColumns} className="guide-desc">
              <Descriptions.Item label={t('element.handlingForms')}>{join(g.handlingForms.map((c) => handlingForms.label(c)))}</Descriptions.Item>
              <Descriptions.Item label={t('element.onlineDepth')}>{depthLabel(g.onlineDepth, t)}</Descriptions.Item>
              <Descriptions.Item label={t('element.visits')}>{t('guide.visitsText', { n: g.visits })}</Descriptions.Item>
              <Descriptions.Item label={t('element.express')}>{yesNo(g.express)}</Descriptions.Item>
              <Descriptions.Item label={t('element.appointment')}>{yesNo(g.appointment)}</Descriptions.Item>
              <Descriptions.Item label={t('element.payOnline')}>{yesNo(g.payOnline)}</Descriptions.Item>
              {g.visits > 0 && g.visitsReason && (
                <Descriptions.Item label={t('element.visitsReason')} span={descColumns}>
                  {g.visitsReason}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('element.inHall')} span={descColumns}>
                {yesNo(g.inHall)}
                {!g.inHall && g.notInHallReason && `（${g.notInHallReason}）`}
              </Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title={t('guide.materials')} id="materials">
            {g.materials.length === 0 ? (
              <Typography.Text type="secondary">{t('guide.noMaterials')}</Typography.Text>
            ) : isNarrow ? (
              <List<Material>
                className="guide-material-list print-hidden"
                dataSource={g.materials}
                renderItem={(m, i) => (
                  <List.Item key={m.key} data-testid={`material-${m.key}`}>
                    <div className="guide-material-card">
                      <Typography.Text strong>
                        {i + 1}. {m.name}
                      </Typography.Text>{' '}
                      {m.required ? <Tag color="red">{t('guide.m.requiredYes')}</Tag> : <Tag>{t('guide.m.requiredNo')}</Tag>}
                      {m.pledgeAllowed && <Tag color="green">{t('guide.m.pledgeYes')}</Tag>}
                      <dl className="guide-material-facts">
                        <dt>{t('guide.m.form')}</dt>
                        <dd>{t(`catalog.materialForm.${m.form}`)}</dd>
                        <dt>{t('guide.m.source')}</dt>
                        <dd>{sourceText(m)}</dd>
                        <dt>{t('guide.m.copies')}</dt>
                        <dd>{t('guide.m.copiesText', { originals: m.originals, copies: m.copies })}</dd>
                        {m.acceptanceStandard && (
                          <>
                            <dt>{t('guide.m.standard')}</dt>
                            <dd>{m.acceptanceStandard}</dd>
                          </>
                        )}
                        {m.legalBasis && (
                          <>
                            <dt>{t('guide.m.basis')}</dt>
                            <dd>{m.legalBasis}</dd>
                          </>
                        )}
                      </dl>
                      {(m.blankFormFile || m.sampleFile) && files(m)}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Table<Material>
                className="guide-materials"
                columns={materialColumns}
                dataSource={g.materials}
                rowKey="key"
                pagination={false}
                size="small"
                bordered
                scroll={{ x: 'max-content' }}
                onRow={(m) => ({ 'data-testid': `material-${m.key}` }) as HTMLAttributes<HTMLElement>}
              />
            )}
          </Section>

          <Section title={t('guide.steps')} id="steps">
            {g.steps.length === 0 ? (
              '—'
            ) : (
              <Steps
                orientation={isNarrow ? 'vertical' : 'horizontal'}
                size="small"
                items={g.steps.map((s) => ({
                  status: 'process' as const,
                  title: s.name,
                  description: `${t(`catalog.role.${s.role}`)} · ${t('guide.step.days', { n: s.budgetDays })}`,
                }))}
              />
            )}
            <Descriptions bordered size="small" column={descColumns} className="guide-desc guide-limits">
              <Descriptions.Item label={t('element.legalLimit')}>{limitText(g.legalLimit, t)}</Descriptions.Item>
              <Descriptions.Item label={t('element.promisedLimit')}>{limitText(g.promisedLimit, t)}</Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title={t('guide.fees')} id="fees">
            {g.fees.length === 0 ? (
              <Tag color="green">{t('guide.noFee')}</Tag>
            ) : (
              <Table<Fee>
                columns={feeColumns}
                dataSource={g.fees}
                rowKey={(f) => f.name}
                pagination={false}
                size="small"
                bordered
                scroll={{ x: 'max-content' }}
              />
            )}
          </Section>

          <Section title={t('guide.where')} id="where">
            <Descriptions bordered size="small" column={1} className="guide-desc">
              <Descriptions.Item label={t('element.place')}>{g.place || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('element.hours')}>{g.hours || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('element.consultation')}>{g.consultation || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('element.complaint')}>{g.complaint || '—'}</Descriptions.Item>
            </Descriptions>
          </Section>

          {g.intermediaryServices.length > 0 && (
            <Section title={t('guide.intermediary')} id="intermediary">
              <ul className="guide-list">
                {g.intermediaryServices.map((s, i) => (
                  <li key={i}>
                    {s.name}
                    {s.basis && <Typography.Text type="secondary">（{s.basis}）</Typography.Text>}
                  </li>
                ))}
              </ul>
            </Section>
          )}

          <Section title={t('guide.legal')} id="legal">
            <Pre>{g.legalBasis}</Pre>
          </Section>

          {(g.responsibilityItems.length > 0 || g.specialProcedures) && (
            <Section title={t('guide.responsibility')} id="responsibility">
              {g.responsibilityItems.length > 0 && (
                <ol className="guide-list">
                  {g.responsibilityItems.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ol>
              )}
              {g.specialProcedures && <Pre>{g.specialProcedures}</Pre>}
            </Section>
          )}
        </Card>
      </div>
    </PublicLayout>
  );
}
