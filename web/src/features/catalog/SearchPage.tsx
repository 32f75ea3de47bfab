import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Empty, Input, List, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { useCodeList } from './catalog.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import type { Query, SearchHit } from '../../api/types.ts';

const PAGE_SIZE = 10;
const FILTER_KEYS = ['q', 'region', 'department', 'type', 'serviceObject', 'topic', 'online'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The topics (life events) of the published items, most common first: the chips above the results. */
function useTopics(): string[] {
  const remote = useRemote(() => api.get('/api/items', { params: { query: { pageSize: 200 } } }), []);
  return useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of remote.data?.items ?? []) for (const topic of item.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
      .slice(0, 16)
      .map(([topic]) => topic);
  }, [remote.data]);
}

/** Public search of the published service guides; every filter lives in the address, so a search can be shared. */
export default function SearchPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);

  const itemTypes = useCodeList('item_type');
  const serviceObjects = useCodeList('service_object');
  const topics = useTopics();

  const update = (changes: Partial<Record<FilterKey | 'page', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const query: Query<'/api/items'> = {
    ...filters,
    department: filters.department ? Number(filters.department) : undefined,
    online: filters.online === 'true' || filters.online === 'false' ? filters.online : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const remote = useRemote(() => api.get('/api/items', { params: { query } }), [JSON.stringify(query)]);
  const hasFilters = FILTER_KEYS.some((k) => k !== 'q' && filters[k]);

  return (
    <PublicLayout>
      <Typography.Title level={2} className="search-title">
        {t('search.title')}
      </Typography.Title>
      <Input.Search
        size="large"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => update({ q: v.trim() })}
        placeholder={t('search.placeholder')}
        enterButton={
          <Button type="primary" icon={<SearchOutlined />} data-testid="search-submit">
            {t('common.search')}
          </Button>
        }
        allowClear
        className="block-gap"
        data-testid="search-input"
      />
      <Card size="small" className="block-gap search-filters" data-testid="search-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} md={6}>
            <RegionCascader
              value={filters.region || undefined}
              onChange={(code) => update({ region: code, department: undefined })}
              placeholder={t('search.region')}
              testId="search-region"
            />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <DepartmentSelect
              value={filters.department ? Number(filters.department) : undefined}
              onChange={(id) => update({ department: id == null ? undefined : String(id) })}
              regionCode={filters.region || undefined}
              placeholder={t('search.department')}
              testId="search-department"
            />
          </Col>
          <Col xs={12} md={5}>
            <Select
              value={filters.type || undefined}
              onChange={(v?: string) => update({ type: v })}
              options={itemTypes.options}
              allowClear
              placeholder={t('search.allTypes')}
              style={{ width: '100%' }}
              aria-label={t('search.itemType')}
              data-testid="search-type"
            />
          </Col>
          <Col xs={12} md={4}>
            <Select
              value={filters.serviceObject || undefined}
              onChange={(v?: string) => update({ serviceObject: v })}
              options={serviceObjects.options}
              allowClear
              placeholder={t('search.allObjects')}
              style={{ width: '100%' }}
              aria-label={t('search.serviceObject')}
              data-testid="search-object"
            />
          </Col>
          <Col xs={24} md={3} className="search-online">
            <Checkbox
              checked={filters.online === 'true'}
              onChange={(e) => update({ online: e.target.checked ? 'true' : undefined })}
              data-testid="search-online"
            >
              {t('search.onlineOnly')}
            </Checkbox>
          </Col>
        </Row>
        {topics.length > 0 && (
          <div className="topic-chips" data-testid="search-topics">
            <Typography.Text type="secondary">{t('search.topics')}：</Typography.Text>
            {topics.map((topic) => (
              <Tag.CheckableTag
                key={topic}
                checked={filters.topic === topic}
                onChange={(checked) => update({ topic: checked ? topic : undefined })}
                data-testid={`topic-${topic}`}
              >
                {topic}
              </Tag.CheckableTag>
            ))}
          </div>
        )}
        {hasFilters && (
          <Button type="link" size="small" onClick={() => setParams(filters.q ? { q: filters.q } : {})} data-testid="search-clear" className="search-clear">
            {t('search.clear')}
          </Button>
        )}
      </Card>

      {remote.error !== undefined && <Alert type="error" showIcon className="block-gap" title={errorText(remote.error, lang)} data-testid="search-error" />}
      <Typography.Text type="secondary" data-testid="search-total">
        {remote.data ? t(remote.data.more ? 'search.resultsMore' : 'search.results', { total: remote.data.total }) : ' '}
      </Typography.Text>
      <List<SearchHit>
        className="search-results"
        loading={remote.loading}
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('search.empty')} /> }}
        data-testid="search-results"
        renderItem={(item) => (
          <List.Item key={item.code} data-testid={`result-${item.code}`} className="search-result">
            <div className="search-result-body">
              <Link to={`/guide/${encodeURIComponent(item.code)}`} className="search-result-name" data-testid="result-link">
                {item.name}
              </Link>
              <Space size={[4, 4]} wrap className="search-result-tags">
                <Tag color="blue">{item.department}</Tag>
                <Tag>{item.region}</Tag>
                <Tag>{itemTypes.label(item.itemType)}</Tag>
                {item.fullyOnline ? <Tag color="green">{t('catalog.fullyOnline')}</Tag> : item.online && <Tag color="cyan">{t('catalog.online')}</Tag>}
                {item.topics.map((topic) => (
                  <Tag key={topic} variant="filled">
                    #{topic}
                  </Tag>
                ))}
              </Space>
            </div>
            <Link to={`/guide/${encodeURIComponent(item.code)}`} className="search-result-open">
              <Button>{t('search.viewGuide')}</Button>
            </Link>
          </List.Item>
        )}
      />
      {remote.data && remote.data.total > PAGE_SIZE && (
        <Pagination
          className="search-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={remote.data.total}
          showSizeChanger={false}
          onChange={(p) => update({ page: String(p) })}
          data-testid="search-pagination"
        />
      )}
    </PublicLayout>
  );
}
