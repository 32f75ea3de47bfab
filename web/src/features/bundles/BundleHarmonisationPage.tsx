import { DiffOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';

type Template = Reply<'/api/bundle-definitions/harmonisation'>['templates'][number];
type Row = Template['rows'][number];

/** One template beside its adoptions: an element per row, a bundle per column, what differs from the template marked. */
function TemplateTable({ h }: { h: Template }) {
  const t = useT();
  return (
    <Card
      size="small"
      className="block-gap"
      data-testid={`bundle-harm-${h.template.code}`}
      title={
        <Space wrap>
          <span>{h.template.name}</span>
          <Typography.Text type="secondary">{h.template.code}</Typography.Text>
          <Tag color={h.agreeing === h.adoptions ? 'green' : 'orange'} data-testid={`bundle-harm-${h.template.code}-agreeing`}>
            {t('bundles.harm.agreeing', { agreeing: h.agreeing, adoptions: h.adoptions })}
          </Tag>
        </Space>
      }
    >
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="element"
        scroll={{ x: true }}
        dataSource={h.rows}
        columns={[
          {
            title: t('bundles.harm.element'),
            fixed: 'left',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{t(`bundles.harm.el.${r.element}` as MessageKey)}</span>
                {r.local && <Typography.Text type="secondary">{t('bundles.harm.local')}</Typography.Text>}
              </Space>
            ),
          },
          ...h.columns.map((c, i) => ({
            key: c.key,
            title: (
              <Space direction="vertical" size={0}>
                <span>{c.regionName ?? c.regionCode}</span>
                <Typography.Text type="secondary">
                  {i === 0 ? t('bundles.harm.template') : `${c.code} · ${t(`bundles.status.${c.versionStatus}` as MessageKey)}`}
                </Typography.Text>
                {c.templateUpdated && (
                  // To the bundle's page in the editor, where the differences are listed and taken into a draft.
                  <Link to={`/app/bundles?id=${c.id}`} data-testid={`bundle-harm-updated-${c.code}`}>
                    <Tag color="orange">{t('bundles.harm.updated')}</Tag>
                  </Link>
                )}
              </Space>
            ),
            onCell: (r: Row) => ({ className: r.cells[i]?.differs ? 'bundle-harm-differs' : undefined }),
            render: (_: unknown, r: Row) => {
              const cell = r.cells[i];
              return (
                <div data-testid={`bundle-harm-cell-${c.code}-${r.element}`} data-differs={cell.differs}>
                  <div>{r.element === 'onMemberRefused' ? t(`bundles.form.policy.${cell.value}` as MessageKey) : cell.value || '—'}</div>
                  {cell.missing.length > 0 && <Tag color="red">{t('bundles.harm.missing', { items: cell.missing.join('、') })}</Tag>}
                  {cell.extra.length > 0 && <Tag color="blue">{t('bundles.harm.extra', { items: cell.extra.join('、') })}</Tag>}
                </div>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}

/**
 * 二次统筹 of bundles (ADR 0045), read-only: each city template beside the districts' bundles that adopted it —
 * members, dependencies, conditions, the promise, materials after merging, visits, steps — with what differs from the
 * template highlighted; templates no district adopted yet are listed below.
 */
export default function BundleHarmonisationPage() {
  const t = useT();
  const { lang } = useLang();
  const remote = useRemote(() => api.get('/api/bundle-definitions/harmonisation'), []);
  const templates = remote.data?.templates ?? [];
  const adopted = templates.filter((h) => h.adoptions > 0);
  const alone = templates.filter((h) => h.adoptions === 0);
  return (
    <Card data-testid="bundle-harmonisation" loading={remote.loading}>
      <Typography.Title level={3}>
        <DiffOutlined /> {t('bundles.harm.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('bundles.harm.intro')}</Typography.Paragraph>
      {remote.error !== undefined && <Alert type="error" showIcon title={errorText(remote.error, lang)} />}
      {!remote.loading && templates.length === 0 && <Empty description={t('bundles.harm.none')} />}
      {adopted.map((h) => (
        <TemplateTable key={h.template.code} h={h} />
      ))}
      {alone.length > 0 && (
        <Card size="small" className="block-gap" title={t('bundles.harm.noAdoption')}>
          <Space wrap>
            {alone.map((h) => (
              <Tag key={h.template.code}>{`${h.template.name}（${h.template.regionName ?? h.template.regionCode}）`}</Tag>
            ))}
          </Space>
        </Card>
      )}
    </Card>
  );
}
