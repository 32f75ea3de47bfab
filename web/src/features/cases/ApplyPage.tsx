import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Skeleton, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useSession } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { fieldsOf, SchemaField, shownFields } from '../catalog/index.tsx';
import type { Material } from '../../api/types.ts';
import { ApplicantCard, PrincipalCard } from './ApplicantCards.tsx';
import type { ApplicantValues, PrincipalValues } from './ApplicantCards.tsx';
import { ApplyMaterials } from './ApplyMaterials.tsx';
import { applicantOf, applyModeOf, offeredLicense, principalsFor } from './applyMode.ts';
import { isIdentityField } from './applyFields.ts';
import { ApplyReceipt } from './ApplyReceipt.tsx';
import { caseApi } from './caseApi.ts';
import { missingMaterials } from './caseFacts.ts';
import { cleanFormData, formProblems, problemText } from './formData.ts';
import type { FormProblem } from './formData.ts';
import type { CaseDetail, CaseMaterial, Reply } from '../../api/types.ts';
import { useApplyCase } from './useApplyCase.ts';

/**
 * 在线申请 of one item: the form rendered from the item's schema, each material (upload, 告知承诺, or the holder's
 * e-licence instead), save as a draft, submit, then the receipt. Window clerks also name the applicant (a clerk
 * submits the form first and then takes in the materials at the counter); agents choose a principal from their mandates.
 */
export default function ApplyPage() {
  const t = useT();
  const { lang } = useLang();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const caseNumber = params.get('case');
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const roles = user.roles.map((r) => r.role);
  const mode = applyModeOf(roles);
  const { detail, setDetail, loadError, reloadCase, mandates, wallet, candidates } = useApplyCase(caseNumber, mode);

  const guide = useRemote(() => api.get('/api/items/{code}', { params: { path: { code } } }), [code]);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [applicantForm] = Form.useForm<ApplicantValues>();
  const [principalForm] = Form.useForm<PrincipalValues>();
  const chosenPrincipal = Form.useWatch('principalUserId', principalForm) as number | undefined;
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [receipt, setReceipt] = useState<string>();
  const [ruled, setRuled] = useState<CaseDetail>();
  const filledFrom = useRef<string | null>(null);
  const typedName = Form.useWatch('name', applicantForm) as string | undefined;
  const typedIdNumber = Form.useWatch('idNumber', applicantForm) as string | undefined;
  const typedKind = Form.useWatch('kind', applicantForm) as ApplicantValues['kind'] | undefined;
  // What a new application starts with (identity from the account, the rest from the profile and licences).
  const [prefill, setPrefill] = useState<Reply<'/api/cases/prefill', 'get'>>();
  const prefillFor = mode === 'agent' ? chosenPrincipal : mode === 'self' ? 0 : undefined;
  useEffect(() => {
    setPrefill(undefined);
    if (caseNumber || prefillFor === undefined) return;
    let live = true;
    caseApi.prefill(code, prefillFor || undefined).then(
      (p) => live && setPrefill(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code, caseNumber, prefillFor]);

  useEffect(() => {
    if (!detail || filledFrom.current === detail.number) return;
    filledFrom.current = detail.number;
    form.setFieldsValue(detail.formData);
  }, [detail, form]);

  // The applicant the identity fields belong to: the case's, else the account's (the principal's), else the window's.
  const applicantKind = (detail?.applicant.kind ?? (mode === 'window' ? typedKind : prefill?.applicant.kind)) as ApplicantValues['kind'] | undefined;
  const schema = detail?.form ?? guide.data?.form;
  // keyed by the schema's text: a reloaded case brings an equal schema, and the fields (with their errors) stay
  const schemaText = JSON.stringify(schema ?? null);
  const fields = useMemo(() => shownFields(fieldsOf(JSON.parse(schemaText) ?? undefined)), [schemaText]);
  const identityKeys = new Set(fields.filter((f) => isIdentityField(f.extra['x-bind'], applicantKind)).map((f) => f.key));
  const identityText = [...identityKeys].join();
  const hasFields = fields.length > 0;
  const licenseSourceOf = (key: string) => prefill?.sources.find((s) => s.field === key && s.from === 'license');

  // A new application: the identity fields take the account's values, the other prefilled ones fill what is empty.
  useEffect(() => {
    if (!prefill || detail || !hasFields) return;
    const current = form.getFieldsValue(true) as Record<string, unknown>;
    const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    form.setFieldsValue(Object.fromEntries(Object.entries(prefill.formData).filter(([k]) => identityText.split(',').includes(k) || empty(current[k]))));
  }, [prefill, detail, form, identityText, hasFields]);
  // At the window the identity fields show the applicant the clerk types in above (the server fills them the same way).
  useEffect(() => {
    if (mode !== 'window' || detail || !hasFields) return;
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      if (!identityText.split(',').includes(f.key)) continue;
      values[f.key] = f.extra['x-bind'] === 'applicant.name' ? typedName?.trim() : typedIdNumber?.trim().toUpperCase();
    }
    form.setFieldsValue(values);
  }, [mode, detail, hasFields, fields, identityText, typedName, typedIdNumber, form]);
  const guideMaterials = guide.data?.materials ?? [];
  const materials: (Material | CaseMaterial)[] = detail?.materials ?? guideMaterials;
  const standardOf = (key: string) => guideMaterials.find((m) => m.key === key)?.acceptanceStandard ?? '';
  const candidateOf = (m: Material | CaseMaterial) => offeredLicense(m, detail, candidates, wallet);
  const principals = principalsFor(mandates ?? [], code);
  const principalName = principals.find((p) => p.userId === chosenPrincipal)?.name;
  const applicantName = detail?.applicant.name ?? (mode === 'self' ? user.displayName : mode === 'agent' ? principalName || '' : typedName || '');

  if (guide.error !== undefined || loadError !== undefined) {
    const err = loadError ?? guide.error;
    return (
      <Result
        status={err instanceof ApiError && err.status === 404 ? '404' : 'error'}
        title={t('common.loadFailed')}
        subTitle={errorText(err, lang)}
        data-testid="apply-error"
      />
    );
  }
  if (!guide.data || (caseNumber && !detail)) return <Skeleton active paragraph={{ rows: 10 }} />;
  const g = guide.data;

  if (receipt) return <ApplyReceipt number={receipt} ruled={ruled} />;

  const isDraft = !detail || detail.status === 'draft';
  const windowTakingMaterials = mode === 'window' && detail && ['submitted', 'correction_requested'].includes(detail.status);
  if (detail && !isDraft && !windowTakingMaterials) {
    return (
      <Result
        status="info"
        title={t('apply.notDraft')}
        extra={
          <Link to={mode === 'window' ? `/app/window?case=${detail.number}` : `/app/cases/${detail.number}`}>
            <Button type="primary">{t('apply.viewCase')}</Button>
          </Link>
        }
      />
    );
  }
  const canTouchMaterials = mode !== 'window' ? isDraft : Boolean(windowTakingMaterials);

  const applicantBody = async (): Promise<Record<string, unknown>> => {
    if (mode === 'self') return {};
    if (mode === 'agent') return { principalUserId: (await principalForm.validateFields()).principalUserId };
    return { applicant: applicantOf(await applicantForm.validateFields()) };
  };
  const formData = () => cleanFormData(form.getFieldsValue(true), schema);

  /** The draft case, created on the first save, upload, pledge or licence. */
  const ensureCase = async (): Promise<CaseDetail> => {
    if (detail) return detail;
    const created = await caseApi.create({ implementationCode: g.code, formData: formData(), ...(await applicantBody()) });
    setParams({ case: created.number }, { replace: true });
    filledFrom.current = created.number;
    return reloadCase(created.number);
  };

  const showProblems = (err: unknown): boolean => {
    const list = formProblems(err);
    if (!list) return false;
    setProblems(list);
    form.setFields(list.filter((p) => p.field && fields.some((f) => f.key === p.field)).map((p) => ({ name: p.field!, errors: [problemText(p.message, t)] })));
    const first = list.find((p) => p.field)?.field;
    if (first) form.scrollToField(first, { block: 'center' });
    message.error(t('apply.formInvalid'));
    return true;
  };

  const saveDraft = async () => {
    setBusy('save');
    try {
      const d = detail ? await caseApi.saveDraft(detail.number, detail.version, formData()) : await ensureCase();
      setDetail(d);
      message.success(t('apply.saved', { number: d.number }));
    } catch (err) {
      if (err instanceof ApiError && err.code.endsWith('VERSION_CONFLICT') && detail) await reloadCase(detail.number);
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const validateAll = async (): Promise<boolean> => {
    setProblems([]);
    let ok = true;
    if (mode !== 'self')
      ok = await (mode === 'agent' ? principalForm : applicantForm).validateFields().then(
        () => true,
        () => false,
      );
    const formOk = await form.validateFields().then(
      () => true,
      (e: { errorFields?: { name: (string | number)[] }[] }) => {
        const first = e.errorFields?.[0]?.name;
        if (first) form.scrollToField(first, { block: 'center' });
        return false;
      },
    );
    if (!ok || !formOk) message.error(t('apply.formInvalid'));
    return ok && formOk;
  };

  const confirmMissing = (d: CaseDetail): Promise<boolean> => {
    const missing = missingMaterials(d.materials);
    if (missing.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      modal.confirm({
        title: t('apply.missingTitle'),
        content: (
          <div data-testid="apply-missing">
            <ul>
              {missing.map((m) => (
                <li key={m.key}>{m.name}</li>
              ))}
            </ul>
            {t('apply.missingConfirm')}
          </div>
        ),
        okText: t('apply.submit'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'apply-missing-ok' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  };

  const submit = async () => {
    if (!(await validateAll())) return;
    setBusy('submit');
    try {
      if (mode === 'window') {
        const created = await caseApi.create({ implementationCode: g.code, formData: formData(), submit: true, ...(await applicantBody()) });
        setParams({ case: created.number }, { replace: true });
        filledFrom.current = created.number;
        await reloadCase(created.number);
        message.success(t('apply.windowMaterials', { number: created.number }));
        return;
      }
      let d = await ensureCase();
      d = await caseApi.saveDraft(d.number, d.version, formData());
      setDetail(d);
      if (!(await confirmMissing(d))) return;
      const after = await caseApi.act(d.number, 'submit', { version: d.version });
      // 秒批: the reply says what the item's rules decided (granted and closed, or sent to people and why).
      setRuled('ruleDecisions' in after ? after : undefined);
      setReceipt(d.number);
      window.scrollTo(0, 0);
    } catch (err) {
      if (!showProblems(err)) showError(err);
      if (detail) await reloadCase(detail.number).catch(() => undefined);
    } finally {
      setBusy(null);
    }
  };

  const withCase = async (run: (n: string) => Promise<unknown>, success: string) => {
    try {
      const d = await ensureCase();
      await run(d.number);
      await reloadCase(d.number);
      message.success(success);
    } catch (err) {
      showError(err);
    }
  };

  const title = mode === 'window' ? t('apply.windowTitle') : mode === 'agent' ? t('apply.agentTitle') : t('apply.title');

  return (
    <div className="apply-page" data-testid="apply-page" data-mode={mode}>
      <Link to={`/guide/${encodeURIComponent(g.code)}`} className="guide-back">
        <ArrowLeftOutlined /> {t('apply.backToGuide')}
      </Link>
      <PageTitle
        title={
          <>
            {title}：<span data-testid="apply-item-name">{g.name}</span>
          </>
        }
        extra={detail && <Tag data-testid="apply-draft-number">{t('apply.draft', { number: detail.number })}</Tag>}
      />
      <Typography.Paragraph type="secondary">
        {g.department} · <span className="mono">{g.code}</span>
      </Typography.Paragraph>

      {mode === 'self' ? (
        <Alert className="block-gap" type="info" showIcon title={t('apply.as', { name: applicantName })} />
      ) : mode === 'agent' ? (
        <PrincipalCard form={principalForm} detail={detail} mandates={mandates} principals={principals} />
      ) : (
        <ApplicantCard form={applicantForm} detail={detail} />
      )}

      <Card title={t('case.form')} className="block-gap" data-testid="apply-form">
        {problems.some((p) => !p.field || !fields.some((f) => f.key === p.field)) && (
          <Alert
            className="block-gap"
            type="error"
            showIcon
            title={t('apply.formInvalid')}
            description={problems
              .filter((p) => !p.field || !fields.some((f) => f.key === p.field))
              .map((p) => problemText(p.message, t))
              .join('；')}
            data-testid="apply-problems"
          />
        )}
        <Form form={form} layout="vertical" disabled={!isDraft} onValuesChange={() => problems.length && setProblems([])}>
          <div className="form-grid">
            {fields.map((f) => {
              const fromLicense = licenseSourceOf(f.key);
              const hint = identityKeys.has(f.key)
                ? t(mode === 'agent' ? 'apply.fromPrincipal' : mode === 'window' ? 'apply.fromApplicant' : 'apply.fromAccount')
                : fromLicense && !detail
                  ? t('apply.fromLicense', { type: fromLicense.licenseTypeName ?? '', number: fromLicense.licenseNumberMasked ?? '' })
                  : undefined;
              return <SchemaField key={f.key} field={f} prefix="apply" hint={hint} readOnly={identityKeys.has(f.key)} />;
            })}
          </div>
        </Form>
      </Card>

      <ApplyMaterials
        mode={mode}
        detail={detail}
        materials={materials}
        standardOf={standardOf}
        candidateOf={candidateOf}
        canTouchMaterials={canTouchMaterials}
        isWindowTakingMaterials={Boolean(windowTakingMaterials)}
        applicantName={applicantName}
        withCase={withCase}
      />

      {(isDraft || mode === 'window') && !windowTakingMaterials && (
        <div className="apply-actions">
          {mode !== 'window' && (
            <Button icon={<SaveOutlined />} size="large" loading={busy === 'save'} disabled={busy !== null} onClick={saveDraft} data-testid="apply-save">
              {t('apply.saveDraft')}
            </Button>
          )}
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            loading={busy === 'submit'}
            disabled={busy !== null}
            onClick={submit}
            data-testid="apply-submit"
          >
            {mode === 'window' ? t('apply.windowSubmit') : t('apply.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}
