import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { fieldsOf, SchemaField } from '../catalog/index.tsx';
import { bundleCaseApi } from './bundleCaseApi.ts';
import { includedMembers, isAccountField, mergedSchema, shownMergedFields } from './bundleForm.ts';
import { MemberFlow, MergedMaterials } from './BundleGuidePage.tsx';

/**
 * 一件事一次办, step one: the merged form of a published bundle, asked once. Saving files a draft bundle case with its
 * member cases (each held); its page takes the one set of materials and the one submission.
 */
export default function BundleApplyPage() {
  const t = useT();
  const { lang } = useLang();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const remote = useRemote(() => api.get('/api/bundles/{code}', { params: { path: { code } } }), [code]);
  const g = remote.data;
  const [form] = Form.useForm<Record<string, unknown>>();
  const values = (Form.useWatch([], form) ?? {}) as Record<string, unknown>;
  const [busy, setBusy] = useState(false);

  const included = useMemo(() => (g ? includedMembers(g.evaluation.members, values) : new Set<string>()), [g, values]);
  const shown = useMemo(() => (g ? shownMergedFields(g.evaluation.form, included).filter((f) => !isAccountField(f)) : []), [g, included]);
  const schema = useMemo(() => mergedSchema(shown), [shown]);

  const save = async () => {
    if (!g) return;
    const answers = await form.validateFields().catch(() => null);
    if (!answers) return;
    setBusy(true);
    try {
      const clean = Object.fromEntries(Object.entries(answers).filter(([k, v]) => k in (schema.properties ?? {}) && v !== undefined && v !== null && v !== ''));
      const applied = await bundleCaseApi.apply(code, clean as Parameters<typeof bundleCaseApi.apply>[1]);
      message.success(t('bundleCase.saved', { number: applied.number }));
      navigate(`/app/bundle-cases/${applied.number}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle
        title={g ? t('bundleCase.applyTitle', { name: g.name }) : t('bundleCase.apply')}
        extra={
          <Link to={`/bundles/${code}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('bundles.back')}</Button>
          </Link>
        }
      />
      {remote.error !== undefined && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(remote.error, lang)} />}
      {remote.loading && <Skeleton active />}
      {g && (
        <>
          <Alert type="info" showIcon className="block-gap" title={t('bundleCase.applyIntro')} />
          <Card title={t('bundles.mergedForm')} data-testid="bundle-apply-form">
            <Typography.Paragraph type="secondary">{t('bundleCase.accountFields')}</Typography.Paragraph>
            <Form form={form} layout="vertical">
              {fieldsOf(schema as unknown as Parameters<typeof fieldsOf>[0]).map((f) => (
                <SchemaField key={f.key} field={f} prefix="bundle-apply" />
              ))}
            </Form>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={save} data-testid="bundle-apply-save">
              {t('bundleCase.saveAndContinue')}
            </Button>
          </Card>
          <Typography.Title level={4} className="block-gap">
            {t('bundles.flow')}
          </Typography.Title>
          <MemberFlow evaluation={{ ...g.evaluation, members: g.evaluation.members.filter((m) => included.has(m.key)) }} />
          <Typography.Title level={4}>{t('bundles.mergedMaterials')}</Typography.Title>
          <MergedMaterials evaluation={{ ...g.evaluation, materials: g.evaluation.materials.filter((m) => m.members.some((x) => included.has(x.member))) }} />
        </>
      )}
    </>
  );
}
