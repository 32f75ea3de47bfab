// Who the application is for, when it is not the signed-in applicant: the window names the applicant, an agent
// chooses one of its principals.
import { Alert, Card, Form, Input, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../../i18n.ts';
import { isIdNumber, isMobile, isUscc } from '../catalog/index.tsx';
import type { Mandate } from '../mandates/index.tsx';
import type { CaseDetail } from '../../api/types.ts';

export interface ApplicantValues {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  contactName?: string;
  contactPhone?: string;
}

/** An agent applies for one of its principals (an active mandate covering the item), never for a name it types. */
export interface PrincipalValues {
  principalUserId: number;
}

/** The window's applicant, typed in from the papers; fixed once the case exists. */
export function ApplicantCard({ form: applicantForm, detail }: { form: FormInstance<ApplicantValues>; detail: CaseDetail | undefined }) {
  const t = useT();
  return (
    <Card title={t('apply.applicant')} className="block-gap" data-testid="apply-applicant">
      <Form<ApplicantValues>
        form={applicantForm}
        layout="vertical"
        disabled={Boolean(detail)}
        initialValues={
          detail ? { kind: detail.applicant.kind, name: detail.applicant.name, idNumber: detail.applicant.idNumberMasked ?? '' } : { kind: 'person' }
        }
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
  );
}

/** An agent's principal: one whose active mandate covers the item; fixed once the case exists. */
export function PrincipalCard(props: {
  form: FormInstance<PrincipalValues>;
  detail: CaseDetail | undefined;
  /** undefined while loading */
  mandates: Mandate[] | undefined;
  principals: Mandate['principal'][];
}) {
  const t = useT();
  const { form: principalForm, detail, mandates, principals } = props;
  return (
    <Card title={t('apply.principal')} className="block-gap" data-testid="apply-principal">
      {detail ? (
        <Alert type="info" showIcon title={t('apply.forPrincipal', { name: detail.applicant.name })} data-testid="apply-principal-fixed" />
      ) : mandates && principals.length === 0 ? (
        <Alert type="warning" showIcon title={t('apply.noMandate')} data-testid="apply-no-mandate" />
      ) : (
        <Form<PrincipalValues> form={principalForm} layout="vertical">
          <Form.Item
            name="principalUserId"
            label={t('apply.principal')}
            extra={t('apply.principalHint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              loading={!mandates}
              data-testid="apply-principal-select"
              options={principals.map((p) => ({ value: p.userId, label: `${p.name}（${p.idNumberMasked ?? ''}）` }))}
            />
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
