import { BookOutlined } from '@ant-design/icons';
import { Alert, Card, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';

type Status = 'in_force' | 'lapsed' | 'repealed';
export const STATUS_COLOR: Record<string, string> = { in_force: 'green', lapsed: 'default', repealed: 'red', commenting: 'blue' };

/**
 * 行政规范性文件库 (no sign-in): the drafts open to comment today, the published documents with their status
 * (现行有效 / 已失效 / 已废止) searched in Chinese, this year's catalogue of major decisions and the departments'
 * 普法责任清单, and the results of clean-up campaigns.
 */
export default function LibraryPage() {
  const t = useT();
  const { lang } = useLang();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | 'all'>('all');
  const consult = useRemote(() => api.get('/api/public/legal/consultations'), []);
  const library = useRemote(
    () => api.get('/api/public/legal/documents', { params: { query: { q: q || undefined, status: status === 'all' ? undefined : status, pageSize: 50 } } }),
    [q, status],
  );
  const catalogue = useRemote(() => api.get('/api/public/legal/decisions'), []);
  const cleanups = useRemote(() => api.get('/api/public/legal/cleanups'), []);
  const duties = useRemote(() => api.get('/api/public/legal/duties'), []);

  return (
    <PublicLayout>
      <Card data-testid="laws-page">
        <Typography.Title level={2}>
          <BookOutlined /> {t('laws.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('laws.intro')}</Typography.Paragraph>
      </Card>
      <Card className="block-gap" title={t('laws.consultations')}>
        <List
          data-testid="laws-consultations"
          dataSource={consult.data?.items ?? []}
          locale={{ emptyText: <Typography.Text>{t('laws.noConsultations')}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/laws/${d.id}`}>{d.title}</Link>}
                description={`${d.departmentName} · ${t('legal.commentPeriod', { from: d.commentOpensOn ?? '', to: d.commentClosesOn ?? '' })}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card className="block-gap" title={t('laws.library')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.Search allowClear placeholder={t('laws.search')} aria-label={t('laws.search')} onSearch={(v) => setQ(v.trim())} data-testid="laws-search" />
          <Segmented<Status | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: t('laws.all') },
              { value: 'in_force', label: t('legal.status.in_force') },
              { value: 'lapsed', label: t('legal.status.lapsed') },
              { value: 'repealed', label: t('legal.status.repealed') },
            ]}
          />
          {library.error !== undefined && <Alert type="error" title={errorText(library.error, lang)} />}
          <List
            data-testid="laws-library"
            loading={library.loading}
            dataSource={library.data?.items ?? []}
            locale={{ emptyText: <Typography.Text>{t('laws.none')}</Typography.Text> }}
            renderItem={(d) => (
              <List.Item data-testid={`law-${d.id}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/laws/${d.id}`}>{d.title}</Link>
                      <Tag color={STATUS_COLOR[d.status]}>{t(`legal.status.${d.status}` as MessageKey)}</Tag>
                    </Space>
                  }
                  description={[
                    d.docNumber,
                    d.departmentName,
                    d.publishedOn && t('laws.publishedOn', { on: d.publishedOn }),
                    d.endedOn && t('laws.endedOn', { on: d.endedOn }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </Space>
      </Card>
      <Card className="block-gap" title={t('laws.catalogue', { year: String(catalogue.data?.year ?? '') })}>
        <List
          data-testid="laws-catalogue"
          dataSource={catalogue.data?.items ?? []}
          locale={{ emptyText: <Typography.Text>{t('laws.noCatalogue')}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item>
              <List.Item.Meta title={d.title} description={`${d.departmentName} · ${t(`legal.decisionStatus.${d.status}` as MessageKey)}`} />
            </List.Item>
          )}
        />
      </Card>
      <Card className="block-gap" title={t('laws.duties', { year: String(duties.data?.year ?? '') })}>
        <List
          data-testid="laws-duties"
          dataSource={duties.data?.items ?? []}
          // antd's grey empty text is below AA contrast: the text keeps the page's colour.
          locale={{ emptyText: <Typography.Text>{t('laws.noDuties')}</Typography.Text> }}
          renderItem={(d) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text strong>{d.departmentName}</Typography.Text>
                <Typography.Text>{`${t('legal.responsibilities')}：${d.responsibilities}`}</Typography.Text>
                <Typography.Text>{`${t('legal.audiences')}：${d.audiences}`}</Typography.Text>
                <Typography.Text>{`${t('legal.measures')}：${d.measures}`}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card className="block-gap" title={t('laws.cleanups')}>
        <List
          data-testid="laws-cleanups"
          dataSource={cleanups.data?.items ?? []}
          locale={{ emptyText: <Typography.Text>{t('laws.noCleanups')}</Typography.Text> }}
          renderItem={(c) => (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{`${c.title}（${c.approvedOn ?? ''}）`}</Typography.Text>
                {c.items.map((i) => (
                  <span key={i.documentId}>
                    <Tag color={i.proposal === 'repeal' || i.proposal === 'declare_lapsed' ? 'red' : 'green'}>
                      {t(`legal.proposal.${i.proposal}` as MessageKey)}
                    </Tag>
                    <Link to={`/laws/${i.documentId}`} className="inline-link">
                      {i.title}
                    </Link>{' '}
                    {i.docNumber ?? ''} {i.reason ? `— ${i.reason}` : ''}
                  </span>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </PublicLayout>
  );
}
