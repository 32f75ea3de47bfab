import { AppstoreAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';
import { MemberFlow, MergedMaterials } from './BundleGuidePage.tsx';
import { ReductionBadges } from './ReductionBadges.tsx';
import { BundleDefinitionForm, normalise, type Content } from './BundleDefinitionForm.tsx';
import { BundleAdoptCard, TemplateUpdate } from './BundleAdoption.tsx';

type Detail = Reply<'/api/bundle-definitions/{id}'>;
type Evaluation = Reply<'/api/bundle-definitions/preview', 'post'>;

/**
 * The item admin's bundle editor: pick a bundle of my scope, edit its definition in a form (members, dependencies,
 * conditions, the merged form's fields and their provenance, the promise, the public guide), and see the counts
 * before and after (materials, days, visits, steps, fields), the members' flow and the merged materials, recomputed
 * by the server's preview as it is edited. Saves the open draft, starts a new version of a published one, submits and approves.
 */
export default function BundleEditorPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [listKey, setListKey] = useState(0);
  const list = useRemote(() => api.get('/api/bundle-definitions'), [listKey]);
  // The bundle open in the editor is in the address (?id=), so an adoption opens its draft here.
  const id = Number(params.get('id')) || undefined;
  const setId = (next: number) => setParams({ id: String(next) });
  const [detail, setDetail] = useState<Detail>();
  const [content, setContent] = useState<Content>();
  const [evaluation, setEvaluation] = useState<Evaluation>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = async (bundleId: number) => {
    const d = await api.get('/api/bundle-definitions/{id}', { params: { path: { id: bundleId } } });
    setDetail(d);
    setContent(normalise(d.versions[0].content));
  };
  useEffect(() => {
    if (id !== undefined) void load(id);
  }, [id]);

  // The preview follows the form, a moment after the last change.
  const parsed = content;
  useEffect(() => {
    if (!detail || !parsed) return;
    const timer = setTimeout(() => {
      api
        .post('/api/bundle-definitions/preview', { body: { regionCode: detail.regionCode, departmentId: detail.departmentId, content: parsed } })
        .then((e) => {
          setEvaluation(e);
          setProblem(undefined);
        })
        .catch((err: unknown) => setProblem(errorText(err, lang)));
    }, 400);
    return () => clearTimeout(timer);
  }, [parsed, detail, lang]);

  const latest = detail?.versions[0];
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      message.success(t('common.saved'));
      if (id !== undefined) await load(id);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { id: id! } } };

  return (
    <Card data-testid="bundle-editor">
      <Typography.Title level={3}>
        <AppstoreAddOutlined /> {t('bundles.editor.title')}
      </Typography.Title>
      <BundleAdoptCard
        onAdopted={(created) => {
          setListKey((k) => k + 1);
          setId(created);
        }}
      />
      <Select
        className="wide-select block-gap"
        placeholder={t('bundles.editor.pick')}
        aria-label={t('bundles.editor.pick')}
        loading={list.loading}
        value={id}
        onChange={setId}
        data-testid="bundle-editor-pick"
        notFoundContent={t('bundles.editor.none')}
        options={(list.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.code}）` }))}
      />
      {detail && latest && (
        <Row gutter={16} className="block-gap">
          <Col xs={24} lg={14}>
            <Space wrap>
              <Tag data-testid="bundle-editor-status">
                {t('bundles.editor.version', { number: latest.number, status: t(`bundles.status.${latest.status}` as MessageKey) })}
              </Tag>
              {latest.status === 'draft' && (
                <>
                  <Button
                    type="primary"
                    disabled={!parsed || busy}
                    data-testid="bundle-editor-save"
                    onClick={() => act(() => api.put('/api/bundle-definitions/{id}/draft', { ...path, body: { content: parsed!, version: latest.version } }))}
                  >
                    {t('bundles.editor.saveDraft')}
                  </Button>
                  <Button
                    disabled={busy}
                    onClick={() => act(() => api.post('/api/bundle-definitions/{id}/submit', { ...path, body: { version: latest.version } }))}
                  >
                    {t('common.submit')}
                  </Button>
                </>
              )}
              {latest.status === 'in_review' && (
                <Button
                  type="primary"
                  disabled={busy}
                  onClick={() => act(() => api.post('/api/bundle-definitions/{id}/approve', { ...path, body: { version: latest.version } }))}
                >
                  {t('common.ok')}
                </Button>
              )}
              {(latest.status === 'published' || latest.status === 'suspended') && (
                <Button
                  disabled={busy}
                  onClick={() => act(() => api.post('/api/bundle-definitions/{id}/new-version', { ...path, body: { version: detail.version } }))}
                >
                  {t('bundles.editor.newVersion')}
                </Button>
              )}
            </Space>
            {latest.status !== 'draft' && <Alert className="block-gap" type="info" showIcon title={t('bundles.editor.readonly')} />}
            <TemplateUpdate id={detail.id} version={detail.version} reloadKey={detail} onTaken={() => void load(detail.id)} />
            <Typography.Paragraph type="secondary" className="block-gap">
              {t('bundles.editor.definitionHelp')}
            </Typography.Paragraph>
            {content && <BundleDefinitionForm content={content} onChange={setContent} evaluation={evaluation} leadDepartment={detail.departmentName} />}
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Title level={4}>{t('bundles.editor.preview')}</Typography.Title>
            {/* The counts stay in view while the form scrolls. */}
            <div className="bundle-editor-counts">
              {problem && <Alert type="error" showIcon title={problem} data-testid="bundle-editor-problem" />}
              {evaluation && <ReductionBadges reductions={evaluation.reductions} withFields testId="bundle-editor-reductions" />}
            </div>
            {evaluation && (
              <>
                <MemberFlow evaluation={evaluation} />
                <MergedMaterials evaluation={evaluation} />
              </>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
