import { ArrowLeftOutlined, DownloadOutlined, SafetyCertificateOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { useSession } from '../../auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { isIdNumber, isMobile, isUscc } from '../catalog/checks.ts';
import { fieldsOf } from '../catalog/editor/formSchema.ts';
import { SchemaField, shownFields } from '../catalog/editor/FormPreview.tsx';
import type { Guide, Material } from '../catalog/types.ts';
import { LicenceFacts, licenceApi, useLicenceTypeName } from '../licences/licenceKit.tsx';
import { covers, mandateApi } from '../mandates/mandates.ts';
import type { Mandate } from '../mandates/mandates.ts';
import { caseApi, FilePick, MaterialModeTag, missingMaterials } from './caseKit.tsx';
import { cleanFormData, formProblems, pledgePreview, problemText } from './formData.ts';
import type { FormProblem } from './formData.ts';
import type { CaseDetail, CaseMaterial, Licence } from './types.ts';

type Mode = 'self' | 'agent' | 'window';

interface ApplicantValues {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  contactName?: string;
  contactPhone?: string;
}

/** An agent applies for one of its principals (an active mandate covering the item), never for a name it types. */
interface PrincipalValues {
  principalUserId: number;
}

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
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const roles = user.roles.map((r) => r.role);
  const mode: Mode = roles.includes('clerk') ? 'window' : roles.includes('agent') ? 'agent' : 'self';

  const guide = useRemote(() => api.get<Guide>(`/api/items/${encodeURIComponent(code)}`), [code]);
  const [detail, setDetail] = useState<CaseDetail>();
  const [loadError, setLoadError] = useState<unknown>();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [applicantForm] = Form.useForm<ApplicantValues>();
  const [principalForm] = Form.useForm<PrincipalValues>();
  const [mandates, setMandates] = useState<Mandate[]>();
  const chosenPrincipal = Form.useWatch('principalUserId', principalForm) as number | undefined;
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [receipt, setReceipt] = useState<string>();
  const [wallet, setWallet] = useState<Licence[]>([]);
  const [candidates, setCandidates] = useState<Record<string, Licence | null>>({});
  const [pledging, setPledging] = useState<Material | CaseMaterial>();
  const filledFrom = useRef<string | null>(null);
  const typedName = Form.useWatch('name', applicantForm) as string | undefined;

  // Only the newest load may set the case: an older answer arriving late would undo a newer change on screen.
  const loads = useRef(0);
  const reloadCase = async (n: string) => {
    const mine = ++loads.current;
    const d = await caseApi.get(n);
    if (mine === loads.current) setDetail(d);
    return d;
  };

  // An existing draft (?case=): its form data, and the licences the platform offers for it.
  useEffect(() => {
    if (!caseNumber) return;
    setLoadError(undefined);
    const mine = ++loads.current;
    caseApi.get(caseNumber).then((d) => {
      if (mine === loads.current) setDetail(d);
    }, setLoadError);
  }, [caseNumber]);
  useEffect(() => {
    if (!detail || filledFrom.current === detail.number) return;
    filledFrom.current = detail.number;
    form.setFieldsValue(detail.formData);
  }, [detail, form]);
  useEffect(() => {
    if (!detail || mode === 'window') return;
    caseApi.candidates(detail.number).then(
      (r) => setCandidates(Object.fromEntries(r.items.map((c) => [c.key, c.licence]))),
      () => setCandidates({}),
    );
  }, [detail?.number, detail?.version, mode]);
  useEffect(() => {
    if (mode !== 'agent') return;
    mandateApi.received().then((r) => setMandates(r.items), () => setMandates([]));
  }, [mode]);
  // Before a draft exists, the applicant's own wallet previews the licences the platform will offer.
  useEffect(() => {
    if (mode !== 'self') return;
    licenceApi.mine().then((r) => setWallet(r.items), () => setWallet([]));
  }, [mode]);

  const schema = detail?.form ?? guide.data?.form;
  // keyed by the schema's text: a reloaded case brings an equal schema, and the fields (with their errors) stay
  const schemaText = JSON.stringify(schema ?? null);
  const fields = useMemo(() => shownFields(fieldsOf(JSON.parse(schemaText) ?? undefined)), [schemaText]);
  const guideMaterials = guide.data?.materials ?? [];
  const materials: (Material | CaseMaterial)[] = detail?.materials ?? guideMaterials;
  const standardOf = (key: string) => guideMaterials.find((m) => m.key === key)?.acceptanceStandard ?? '';
  const caseMaterial = (key: string) => detail?.materials.find((m) => m.key === key);
  const candidateOf = (m: Material | CaseMaterial): Licence | null => {
    if (m.source !== 'licence' || !m.licenseTypeCode) return null;
    if (detail) return candidates[m.key] ?? null;
    return wallet.find((l) => l.typeCode === m.licenseTypeCode && l.status === 'valid') ?? null;
  };
  // One choice per principal, under any of its mandates that covers the item today (the server decides again).
  const principals = [...new Map((mandates ?? []).filter((m) => covers(m, code)).map((m) => [m.principal.userId, m.principal])).values()];
  const principalName = principals.find((p) => p.userId === chosenPrincipal)?.name;
  const applicantName = detail?.applicant.name ?? (mode === 'self' ? user.displayName : mode === 'agent' ? principalName || '' : typedName || '');

  if (guide.error !== undefined || loadError !== undefined) {
    const err = loadError ?? guide.error;
    return <Result status={err instanceof ApiError && err.status === 404 ? '404' : 'error'} title={t('common.loadFailed')} subTitle={errorText(err, lang)} data-testid="apply-error" />;
  }
  if (!guide.data || (caseNumber && !detail)) return <Skeleton active paragraph={{ rows: 10 }} />;
  const g = guide.data;

  if (receipt) {
    return (
      <Result
        status="success"
        title={t('apply.receiptTitle')}
        subTitle={
          <span data-testid="apply-receipt">
            {t('apply.receiptText', { number: receipt })}
            <br />
            <Typography.Text strong copyable className="mono" data-testid="apply-receipt-number">
              {receipt}
            </Typography.Text>
          </span>
        }
        extra={[
          <Button key="receipt" type="primary" icon={<DownloadOutlined />} onClick={() => caseApi.notice(receipt, 'receipt').catch(showError)} data-testid="apply-receipt-download">
            {t('apply.downloadReceipt')}
          </Button>,
          <Link key="case" to={`/app/cases/${receipt}`}>
            <Button data-testid="apply-view-case">{t('apply.viewCase')}</Button>
          </Link>,
        ]}
      />
    );
  }

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
    const a = await applicantForm.validateFields();
    return {
      applicant: { kind: a.kind, name: a.name.trim(), idNumber: a.idNumber.trim().toUpperCase(), contactName: a.contactName?.trim() || undefined, contactPhone: a.contactPhone?.trim() || undefined },
    };
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
    if (mode !== 'self') ok = await (mode === 'agent' ? principalForm : applicantForm).validateFields().then(() => true, () => false);
    const formOk = await form.validateFields().then(() => true, (e: { errorFields?: { name: (string | number)[] }[] }) => {
      const first = e.errorFields?.[0]?.name;
      if (first) form.scrollToField(first, { block: 'center' });
      return false;
    });
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
      await caseApi.act(d.number, 'submit', { version: d.version });
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
        <Card title={t('apply.principal')} className="block-gap" data-testid="apply-principal">
          {detail ? (
            <Alert type="info" showIcon title={t('apply.forPrincipal', { name: detail.applicant.name })} data-testid="apply-principal-fixed" />
          ) : mandates && principals.length === 0 ? (
            <Alert type="warning" showIcon title={t('apply.noMandate')} data-testid="apply-no-mandate" />
          ) : (
            <Form<PrincipalValues> form={principalForm} layout="vertical">
              <Form.Item name="principalUserId" label={t('apply.principal')} extra={t('apply.principalHint')} rules={[{ required: true, message: t('form.required') }]}>
                <Select
                  loading={!mandates}
                  data-testid="apply-principal-select"
                  options={principals.map((p) => ({ value: p.userId, label: `${p.name}（${p.idNumberMasked ?? ''}）` }))}
                />
              </Form.Item>
            </Form>
          )}
        </Card>
      ) : (
        <Card title={t('apply.applicant')} className="block-gap" data-testid="apply-applicant">
          <Form<ApplicantValues>
            form={applicantForm}
            layout="vertical"
            disabled={Boolean(detail)}
            initialValues={detail ? { kind: detail.applicant.kind, name: detail.applicant.name, idNumber: detail.applicant.idNumberMasked ?? '' } : { kind: 'person' }}
          >
            <Form.Item name="kind" label={t('apply.kind')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'person', label: t('apply.kind.person') },
                  { value: 'organisation', label: t('apply.kind.organisation') },
                ]}
                data-testid="applicant-kind"
              />
            </Form.Item>
            <div className="form-grid">
              <Form.Item name="name" label={t('apply.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
                <Input data-testid="applicant-name" />
              </Form.Item>
              <Form.Item
                name="idNumber"
                label={t('apply.idNumber')}
                extra={t('apply.idNumberHint')}
                dependencies={['kind']}
                rules={[
                  { required: true, message: t('form.required') },
                  ({ getFieldValue }) => ({
                    validator: async (_, v?: string) => {
                      if (!v || detail) return;
                      const ok = getFieldValue('kind') === 'organisation' ? isUscc(v.trim().toUpperCase()) : isIdNumber(v.trim().toUpperCase());
                      if (!ok) throw new Error(t(getFieldValue('kind') === 'organisation' ? 'designer.invalid.uscc' : 'designer.invalid.id-number'));
                    },
                  }),
                ]}
              >
                <Input maxLength={18} className="mono" data-testid="applicant-id" />
              </Form.Item>
              <Form.Item name="contactName" label={t('apply.contactName')} rules={[{ max: 50 }]}>
                <Input data-testid="applicant-contact" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t('apply.contactPhone')}
                rules={[
                  {
                    validator: async (_, v?: string) => {
                      if (v && !isMobile(v.trim())) throw new Error(t('designer.invalid.phone'));
                    },
                  },
                ]}
              >
                <Input maxLength={11} inputMode="tel" data-testid="applicant-phone" />
              </Form.Item>
            </div>
          </Form>
        </Card>
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
            {fields.map((f) => (
              <SchemaField key={f.key} field={f} prefix="apply" />
            ))}
          </div>
        </Form>
      </Card>

      <Card title={t('case.materials')} className="block-gap" data-testid="apply-materials">
        {mode === 'window' && !detail && <Alert className="block-gap" type="info" showIcon title={t('apply.materialsAfter')} />}
        {windowTakingMaterials && (
          <Alert
            className="block-gap"
            type="success"
            showIcon
            title={t('apply.windowMaterials', { number: detail!.number })}
            action={
              <Button type="primary" onClick={() => navigate(`/app/window?case=${detail!.number}`)} data-testid="apply-go-accept">
                {t('apply.goAccept')}
              </Button>
            }
          />
        )}
        <div className="material-list">
          {materials.map((m) => {
            const supplied = caseMaterial(m.key);
            const candidate = candidateOf(m);
            return (
              <div key={m.key} className="material-row" data-testid={`apply-material-${m.key}`}>
                <div className="material-row-main">
                  <Space size={4} wrap>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    {m.required ? <Tag color="red">{t('material.required')}</Tag> : <Tag>{t('material.optional')}</Tag>}
                    {supplied && <MaterialModeTag m={supplied} />}
                  </Space>
                  {standardOf(m.key) && (
                    <Typography.Paragraph type="secondary" className="small-text material-standard">
                      {standardOf(m.key)}
                    </Typography.Paragraph>
                  )}
                  {supplied?.mode === 'upload' && supplied.fileName && <Typography.Text type="secondary">{t('material.uploaded', { name: supplied.fileName })}</Typography.Text>}
                  {supplied?.mode === 'pledge' && supplied.pledgeText && <Typography.Paragraph className="pledge-text small-text">{supplied.pledgeText}</Typography.Paragraph>}
                  {m.source === 'licence' && mode !== 'window' && (
                    <LicenceOffer
                      material={m}
                      licence={candidate}
                      attached={supplied?.mode === 'licence'}
                      disabled={!canTouchMaterials}
                      onUse={(l) => withCase((n) => caseApi.attachLicence(n, m.key, l.identifier), t('material.licenceAttached'))}
                    />
                  )}
                </div>
                {canTouchMaterials && (mode !== 'window' || detail) && (
                  <Space wrap className="material-row-extra">
                    <FilePick
                      testId={`material-file-${m.key}`}
                      label={supplied?.mode === 'upload' ? t('material.reupload') : t('material.upload')}
                      onPick={(file) => withCase((n) => caseApi.upload(n, m.key, file), t('material.uploaded', { name: file.name }))}
                    />
                    {m.pledgeAllowed && supplied?.mode !== 'pledge' && (
                      <Button onClick={() => setPledging(m)} data-testid={`pledge-${m.key}`}>
                        {t('material.pledge')}
                      </Button>
                    )}
                  </Space>
                )}
              </div>
            );
          })}
        </div>
        <Typography.Text type="secondary" className="small-text">
          {t('material.fileHint')}
        </Typography.Text>
      </Card>

      {(isDraft || mode === 'window') && !windowTakingMaterials && (
        <div className="apply-actions">
          {mode !== 'window' && (
            <Button icon={<SaveOutlined />} size="large" loading={busy === 'save'} disabled={busy !== null} onClick={saveDraft} data-testid="apply-save">
              {t('apply.saveDraft')}
            </Button>
          )}
          <Button type="primary" size="large" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy !== null} onClick={submit} data-testid="apply-submit">
            {mode === 'window' ? t('apply.windowSubmit') : t('apply.submit')}
          </Button>
        </div>
      )}

      <Modal
        open={pledging !== undefined}
        title={t('material.pledgeTitle')}
        onCancel={() => setPledging(undefined)}
        okText={t('material.pledgeSign')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'pledge-confirm' } as ButtonProps}
        onOk={async () => {
          const m = pledging!;
          await withCase((n) => caseApi.pledge(n, m.key), t('material.pledged'));
          setPledging(undefined);
        }}
        destroyOnHidden
      >
        {pledging && (
          <div data-testid="pledge-modal">
            <Typography.Paragraph className="pledge-text" data-testid="pledge-text">
              {pledgePreview(pledging.name, applicantName)}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{t('material.pledgeHint')}</Typography.Text>
          </div>
        )}
      </Modal>
    </div>
  );
}

/** 免提交: the holder's valid licence of the material's type, previewed, to use instead of an upload. */
function LicenceOffer(props: { material: Material | CaseMaterial; licence: Licence | null; attached: boolean; disabled: boolean; onUse: (l: Licence) => Promise<void> }) {
  const t = useT();
  const typeName = useLicenceTypeName();
  const [busy, setBusy] = useState(false);
  const { material: m, licence } = props;
  if (!licence) {
    return (
      <Typography.Paragraph type="secondary" className="small-text" data-testid={`no-licence-${m.key}`}>
        {t('material.noLicence', { type: typeName(m.licenseTypeCode ?? '') })}
      </Typography.Paragraph>
    );
  }
  return (
    <div className="licence-offer" data-testid={`licence-offer-${m.key}`}>
      <LicenceFacts licence={licence} compact />
      {props.attached ? (
        <Tag icon={<SafetyCertificateOutlined />} color="green" className="licence-offer-done">
          {t('material.licenceAttached')}
        </Tag>
      ) : (
        <>
          <Typography.Paragraph type="secondary" className="small-text licence-offer-hint">
            {t('material.useLicenceHint')}
          </Typography.Paragraph>
          <Button
            type="primary"
            ghost
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            disabled={props.disabled}
            onClick={async () => {
              setBusy(true);
              await props.onUse(licence);
              setBusy(false);
            }}
            data-testid={`use-licence-${m.key}`}
          >
            {t('material.useLicence')}
          </Button>
        </>
      )}
    </div>
  );
}
