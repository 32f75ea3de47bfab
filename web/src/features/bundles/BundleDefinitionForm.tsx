import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api.ts';
import type { Body, Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { addMember, conditionValues, memberFieldOptions, removeMember, setCondition } from './bundleDefinition.ts';

type Evaluation = Reply<'/api/bundle-definitions/preview', 'post'>;
type Stored = Body<'/api/bundle-definitions/preview'>['content'];
/** The definition being edited: as stored, with the lists and conditions the server defaults made explicit. */
export type Content = Stored & {
  members: (Stored['members'][number] & { dependsOn: string[]; condition: NonNullable<Stored['members'][number]['condition']> | null })[];
  fields: (Stored['fields'][number] & { maps: { member: string; field: string }[] })[];
};
type Member = Content['members'][number];
type Field = Content['fields'][number];

/** A stored definition with the defaults made explicit (lists present, conditions and own schemas null). */
export function normalise(input: Stored): Content {
  return {
    ...input,
    members: input.members.map((m) => ({ ...m, dependsOn: m.dependsOn ?? [], condition: m.condition ?? null })),
    fields: (input.fields ?? []).map((f) => ({ ...f, maps: f.maps ?? [], schema: f.schema ?? null })),
  };
}

/**
 * The bundle's definition as a form (no JSON): the public guide and the promise, the members picked from the
 * published implementations with their dependencies and conditions, and the merged form's fields with the member
 * fields each answers (provenance). Every change goes up at once; the page previews it.
 */
export function BundleDefinitionForm({
  content,
  onChange,
  evaluation,
  leadDepartment,
}: {
  content: Content;
  onChange: (next: Content) => void;
  evaluation?: Evaluation;
  leadDepartment: string | null;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const published = useRemote(
    () => api.get('/api/catalog/implementations', { params: { query: { status: 'published', q: query || undefined, pageSize: 50 } } }),
    [query],
  );
  const names = useMemo(() => new Map((evaluation?.members ?? []).map((m) => [m.key, m.name])), [evaluation]);
  const nameOf = (key: string) => names.get(key) ?? key;
  const implOptions = (published.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }));
  const fieldOptions = memberFieldOptions(evaluation, nameOf);
  const set = (patch: Partial<Content>) => onChange({ ...content, ...patch });
  const setMember = (key: string, patch: Partial<Member>) => set({ members: content.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  const setField = (key: string, patch: Partial<Field>) => set({ fields: content.fields.map((f) => (f.key === key ? { ...f, ...patch } : f)) });
  const [newField, setNewField] = useState({ key: '', title: '' });

  return (
    <Form layout="vertical" data-testid="bundle-definition-form">
      <Card size="small" title={t('bundles.form.guide')}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('bundles.form.name')}>
              <Input
                value={content.name}
                maxLength={100}
                aria-label={t('bundles.form.name')}
                onChange={(e) => set({ name: e.target.value })}
                data-testid="bundle-form-name"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('bundles.form.theme')}>
              <Input value={content.theme} maxLength={50} aria-label={t('bundles.form.theme')} onChange={(e) => set({ theme: e.target.value })} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('bundles.lead')}>
          <Typography.Text data-testid="bundle-form-lead">{leadDepartment ?? '—'}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('bundles.form.audience')}>
          <Radio.Group value={content.audience} onChange={(e) => set({ audience: e.target.value as Content['audience'] })}>
            <Radio value="person">{t('bundles.audience.person')}</Radio>
            <Radio value="organisation">{t('bundles.audience.organisation')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('bundles.eligibility')}>
          <Input.TextArea
            value={content.eligibility}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
            aria-label={t('bundles.eligibility')}
            onChange={(e) => set({ eligibility: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('bundles.form.summary')}>
          <Input.TextArea
            value={content.summary}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
            aria-label={t('bundles.form.summary')}
            onChange={(e) => set({ summary: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('bundles.outcomes')}>
          <Select mode="tags" aria-label={t('bundles.outcomes')} value={content.outcomes} onChange={(v: string[]) => set({ outcomes: v })} open={false} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('bundles.form.promisedDays')} extra={t('bundles.form.promisedDaysHelp')}>
              <InputNumber
                min={0}
                max={3650}
                value={content.promisedDays}
                onChange={(v) => set({ promisedDays: v ?? null })}
                aria-label={t('bundles.form.promisedDays')}
                data-testid="bundle-form-days"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('bundles.visits')}>
              <InputNumber min={0} max={9} value={content.visits} onChange={(v) => set({ visits: v ?? 0 })} aria-label={t('bundles.visits')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('bundles.form.onMemberRefused')}>
              <Select
                aria-label={t('bundles.form.onMemberRefused')}
                value={content.onMemberRefused}
                onChange={(v: Content['onMemberRefused']) => set({ onMemberRefused: v })}
                options={(['hold', 'continue', 'withdraw'] as const).map((p) => ({ value: p, label: t(`bundles.form.policy.${p}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('bundles.steps')}>
          <Select mode="tags" aria-label={t('bundles.steps')} value={content.steps} onChange={(v: string[]) => set({ steps: v })} open={false} />
        </Form.Item>
      </Card>

      <Card size="small" className="block-gap" title={t('bundles.form.members')}>
        <Table<Member>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={content.members}
          scroll={{ x: 760 }}
          columns={[
            {
              title: t('bundles.editor.member'),
              width: 220,
              render: (_, m) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{nameOf(m.key)}</Typography.Text>
                  <Typography.Text type="secondary">{`${m.key} · ${m.implementationCode}`}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('bundles.form.dependsOn'),
              width: 220,
              render: (_, m) => (
                <Select
                  mode="multiple"
                  className="bundle-form-select"
                  aria-label={t('bundles.form.dependsOnOf', { name: nameOf(m.key) })}
                  data-testid={`bundle-member-deps-${m.key}`}
                  value={m.dependsOn}
                  placeholder={t('bundles.parallel')}
                  onChange={(v: string[]) => setMember(m.key, { dependsOn: v })}
                  options={content.members.filter((o) => o.key !== m.key).map((o) => ({ value: o.key, label: nameOf(o.key) }))}
                />
              ),
            },
            {
              title: t('bundles.form.condition'),
              render: (_, m) => {
                const schema = evaluation?.form.find((f) => f.key === m.condition?.field)?.schema as { type?: string } | undefined;
                return (
                  <Space wrap>
                    <Select
                      aria-label={t('bundles.form.conditionOp', { name: nameOf(m.key) })}
                      data-testid={`bundle-member-op-${m.key}`}
                      value={m.condition?.op ?? 'always'}
                      onChange={(op: string) => set(setCondition(content, m.key, op === 'always' ? null : { op: op as 'includeWhen' | 'excludeWhen' }))}
                      options={(['always', 'includeWhen', 'excludeWhen'] as const).map((o) => ({ value: o, label: t(`bundles.form.op.${o}`) }))}
                    />
                    {m.condition && (
                      <>
                        <Select
                          aria-label={t('bundles.form.conditionField', { name: nameOf(m.key) })}
                          className="bundle-form-select"
                          value={m.condition.field}
                          onChange={(field: string) => set(setCondition(content, m.key, { field }))}
                          options={content.fields.map((f) => ({ value: f.key, label: f.title }))}
                        />
                        <Select
                          mode="tags"
                          aria-label={t('bundles.form.conditionValues', { name: nameOf(m.key) })}
                          className="bundle-form-select"
                          value={m.condition.values.map(String)}
                          onChange={(v: string[]) => set(setCondition(content, m.key, { values: conditionValues(v, schema?.type) }))}
                          options={
                            schema?.type === 'boolean'
                              ? [
                                  { value: 'true', label: t('bundles.form.yes') },
                                  { value: 'false', label: t('bundles.form.no') },
                                ]
                              : undefined
                          }
                        />
                      </>
                    )}
                  </Space>
                );
              },
            },
            {
              title: '',
              width: 48,
              render: (_, m) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('bundles.form.removeMember', { name: nameOf(m.key) })}
                  data-testid={`bundle-member-remove-${m.key}`}
                  onClick={() => onChange(removeMember(content, m.key))}
                />
              ),
            },
          ]}
        />
        <Select
          showSearch
          className="wide-select block-gap"
          placeholder={t('bundles.form.addMember')}
          aria-label={t('bundles.form.addMember')}
          data-testid="bundle-member-add"
          filterOption={false}
          onSearch={setQuery}
          loading={published.loading}
          value={null}
          onChange={(code: string) => onChange(addMember(content, code))}
          options={implOptions.filter((o) => !content.members.some((m) => m.implementationCode === o.value))}
        />
      </Card>

      <Card size="small" className="block-gap" title={t('bundles.mergedForm')}>
        <Typography.Paragraph type="secondary">{t('bundles.form.fieldsHelp')}</Typography.Paragraph>
        <Table<Field>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={content.fields}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('bundles.form.fieldTitle'),
              width: 200,
              render: (_, f) => (
                <Space direction="vertical" size={0}>
                  <Input
                    value={f.title}
                    maxLength={100}
                    aria-label={t('bundles.form.fieldTitle')}
                    onChange={(e) => setField(f.key, { title: e.target.value })}
                  />
                  <Typography.Text type="secondary">{f.key}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('bundles.form.provenance'),
              render: (_, f) =>
                f.schema && f.maps.length === 0 ? (
                  <Tag color="blue">{t('bundles.form.ownQuestion')}</Tag>
                ) : (
                  <Select
                    mode="multiple"
                    className="bundle-form-maps"
                    aria-label={t('bundles.form.mapsOf', { title: f.title })}
                    data-testid={`bundle-field-maps-${f.key}`}
                    value={f.maps.map((m) => `${m.member}.${m.field}`)}
                    onChange={(v: string[]) =>
                      setField(f.key, {
                        maps: v.map((s) => ({ member: s.slice(0, s.indexOf('.')), field: s.slice(s.indexOf('.') + 1) })),
                      })
                    }
                    options={fieldOptions}
                  />
                ),
            },
            {
              title: '',
              width: 48,
              render: (_, f) => (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('bundles.form.removeField', { title: f.title })}
                  onClick={() =>
                    set({
                      fields: content.fields.filter((x) => x.key !== f.key),
                      members: content.members.map((m) => (m.condition?.field === f.key ? { ...m, condition: null } : m)),
                    })
                  }
                />
              ),
            },
          ]}
        />
        <Space wrap className="block-gap">
          <Input
            placeholder={t('bundles.form.newFieldKey')}
            aria-label={t('bundles.form.newFieldKey')}
            value={newField.key}
            onChange={(e) => setNewField({ ...newField, key: e.target.value.trim() })}
          />
          <Input
            placeholder={t('bundles.form.fieldTitle')}
            aria-label={t('bundles.form.fieldTitle')}
            value={newField.title}
            onChange={(e) => setNewField({ ...newField, title: e.target.value })}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!/^[A-Za-z][A-Za-z0-9]{0,49}$/.test(newField.key) || !newField.title.trim() || content.fields.some((f) => f.key === newField.key)}
            onClick={() => {
              set({ fields: [...content.fields, { key: newField.key, title: newField.title.trim(), maps: [], schema: null }] });
              setNewField({ key: '', title: '' });
            }}
          >
            {t('bundles.form.addField')}
          </Button>
        </Space>
      </Card>
    </Form>
  );
}
