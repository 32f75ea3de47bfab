import { BranchesOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, List, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';

type Adopted = Reply<'/api/bundle-definitions/adopt', 'post'>;
type TemplateStatus = Reply<'/api/bundle-definitions/{id}/template'>;

/** A region's prefix: its code without the trailing pairs of zeros (340600 → 3406). */
const prefixOf = (code: string) => {
  let c = code;
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
};

/**
 * 采用上级模板 (ADR 0045): an item admin of a district picks a city's published bundle and the district's lead
 * department; the server creates the district's own bundle whose draft maps the template's members to the district's
 * implementations, and lists what it could not map. The draft then opens in the form editor (`onAdopted`).
 */
export function BundleAdoptCard({ onAdopted }: { onAdopted: (id: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ templateCode: string; departmentId: number; code: string }>();
  const published = useRemote(() => api.get('/api/bundles'), []);
  const departments = useRemote(() => api.get('/api/departments'), []);
  const [busy, setBusy] = useState(false);
  const [adopted, setAdopted] = useState<Adopted>();
  const templateCode = Form.useWatch('templateCode', form);
  const template = (published.data?.items ?? []).find((b) => b.code === templateCode);
  // A template is a bundle of a city or above; its adoptions' lead departments are of the regions below it.
  const templates = (published.data?.items ?? []).filter((b) => b.regionCode.endsWith('00'));
  const below = (departments.data?.items ?? []).filter(
    (d) => template && d.regionCode !== template.regionCode && d.regionCode.startsWith(prefixOf(template.regionCode)),
  );

  const submit = async (v: { templateCode: string; departmentId: number; code: string }) => {
    const dept = below.find((d) => d.id === v.departmentId);
    if (!dept) return;
    setBusy(true);
    try {
      const result = await api.create('/api/bundle-definitions/adopt', {
        body: { templateCode: v.templateCode, departmentId: v.departmentId, regionCode: dept.regionCode, code: v.code.trim() },
      });
      setAdopted(result);
      message.success(t('bundles.adopt.done'));
      onAdopted(result.id);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const unmapped = adopted?.mappings.filter((m) => m.to === null) ?? [];
  return (
    <Card size="small" className="block-gap" title={t('bundles.adopt.title')} data-testid="bundle-adopt">
      <Typography.Paragraph type="secondary">{t('bundles.adopt.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="templateCode" label={t('bundles.adopt.template')} rules={[{ required: true }]}>
              <Select
                data-testid="bundle-adopt-template"
                loading={published.loading}
                showSearch={{ optionFilterProp: 'label' }}
                options={templates.map((b) => ({ value: b.code, label: `${b.name}（${b.regionName ?? b.regionCode}）` }))}
                onChange={() => form.setFieldValue('departmentId', undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="departmentId" label={t('bundles.adopt.department')} rules={[{ required: true }]}>
              <Select
                data-testid="bundle-adopt-department"
                disabled={!template}
                showSearch={{ optionFilterProp: 'label' }}
                options={below.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="code"
              label={t('bundles.adopt.code')}
              rules={[{ required: true, pattern: /^[0-9A-Za-z-]{1,36}$/, message: t('bundles.adopt.codeRule') }]}
            >
              <Input data-testid="bundle-adopt-code" placeholder="340621-YJS-0002" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<BranchesOutlined />} loading={busy} data-testid="bundle-adopt-submit">
          {t('bundles.adopt.submit')}
        </Button>
      </Form>
      {adopted && (
        <div className="block-gap" data-testid="bundle-adopt-result">
          <Alert
            type={unmapped.length ? 'warning' : 'success'}
            showIcon
            title={t('bundles.adopt.result', { mapped: adopted.mappings.length - unmapped.length, all: adopted.mappings.length })}
          />
          <List
            size="small"
            dataSource={adopted.mappings}
            rowKey="member"
            renderItem={(m) => (
              <List.Item data-testid={`bundle-adopt-member-${m.member}`} data-mapped={m.to !== null}>
                <span>{m.name}</span>
                {m.to ? (
                  <Tag color="green">{t('bundles.adopt.mapped', { code: m.to })}</Tag>
                ) : (
                  <Tag color="orange">{t(`bundles.adopt.reason.${m.reason}` as MessageKey, { code: m.from })}</Tag>
                )}
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}

/**
 * 模板已更新 on a bundle's page (ADR 0045): what the template changed since the version this adoption follows, and
 * the one action that takes it into a new draft (the published version never changes).
 */
export function TemplateUpdate({ id, version, reloadKey, onTaken }: { id: number; version: number; reloadKey: unknown; onTaken: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const status = useRemote(() => api.get('/api/bundle-definitions/{id}/template', { params: { path: { id } } }), [id, reloadKey]);
  const [busy, setBusy] = useState(false);
  const s: TemplateStatus | undefined = status.data;
  if (!s?.adopted) return null;
  if (!s.updated)
    return (
      <Typography.Paragraph type="secondary" className="block-gap" data-testid="bundle-template-current">
        {t('bundles.tpl.follows', { name: s.templateName ?? '', number: s.followsVersion ?? 0 })}
      </Typography.Paragraph>
    );
  const take = async () => {
    setBusy(true);
    try {
      const taken = await api.post('/api/bundle-definitions/{id}/take-template', { params: { path: { id } }, body: { version } });
      message.success(t('bundles.tpl.taken', { number: taken.number }));
      onTaken();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      className="block-gap"
      type="warning"
      showIcon
      icon={<SyncOutlined />}
      data-testid="bundle-template-updated"
      title={t('bundles.tpl.updated', { name: s.templateName ?? '', from: s.followsVersion ?? 0, to: s.publishedVersion ?? 0 })}
      description={
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="element"
            scroll={{ x: true }}
            dataSource={s.differences}
            data-testid="bundle-template-diff"
            columns={[
              { title: t('bundles.harm.element'), dataIndex: 'element', render: (e: string) => t(`bundles.harm.el.${e}` as MessageKey) },
              { title: t('bundles.tpl.before'), dataIndex: 'before' },
              { title: t('bundles.tpl.after'), dataIndex: 'after' },
            ]}
          />
          {s.mayTake ? (
            <Button className="block-gap" type="primary" loading={busy} onClick={take} data-testid="bundle-template-take">
              {t('bundles.tpl.take')}
            </Button>
          ) : (
            <Typography.Paragraph className="block-gap">{t('bundles.tpl.draftOpen')}</Typography.Paragraph>
          )}
        </>
      }
    />
  );
}
