// The dialogs of the window's and the department's actions: each sends one transition with the case's version.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n.ts';
import { caseApi } from './caseApi.ts';
import { fieldsOf } from '../catalog/index.tsx';
import type { CaseDetail } from '../../api/types.ts';

interface ModalProps {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** 一次性告知: every item to fix in one notice (by the window before acceptance, by the reviewer after). */
export function CorrectionModal({ detail: d, open, onClose, onDone, action }: ModalProps & { action: 'request-correction' | 'request-correction-review' }) {
  const t = useT();
  const options = d.materials.map((m) => ({ value: m.key, label: m.name }));
  const fieldOptions = fieldsOf(d.form).map((f) => ({ value: f.key, label: f.label || f.key }));
  // The notice was given once already: a further one only for what the answer brought in, with the reason.
  const further = d.timeline.some((e) => e.type === 'correction_requested');
  return (
    <FormModal<{ items: { materialKey?: string; field?: string; note: string }[]; reason?: string }>
      open={open}
      title={action === 'request-correction' ? t('window.correction') : t('review.requestCorrection')}
      initialValues={{ items: [{ note: '' }] }}
      onSubmit={(v) =>
        caseApi.act(d.number, action, {
          version: d.version,
          items: v.items.map((i) => ({ materialKey: i.materialKey ?? null, field: i.field ?? null, note: i.note.trim() })),
          ...(further && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        })
      }
      onClose={onClose}
      onDone={onDone}
      successText={t('window.correctionSent')}
      okText={t('common.submit')}
      testId="correction"
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('window.correctionHint')}</Typography.Paragraph>
      {further && (
        <Form.Item name="reason" label={t('correction.furtherReason')} extra={t('correction.furtherHint')} rules={required(t('form.required'))}>
          <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} data-testid="correction-reason" />
        </Form.Item>
      )}
      <Form.List name="items">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, i) => (
              <div key={row.key} className="list-row" data-testid={`correction-row-${i}`}>
                <Form.Item name={[row.name, 'materialKey']} label={t('window.correctionMaterial')} className="list-row-select">
                  <Select allowClear options={options} placeholder={t('case.correctionGeneral')} data-testid={`correction-material-${i}`} />
                </Form.Item>
                {fieldOptions.length > 0 && (
                  <Form.Item name={[row.name, 'field']} label={t('correction.field')} className="list-row-select">
                    <Select allowClear options={fieldOptions} placeholder={t('correction.noField')} data-testid={`correction-field-${i}`} />
                  </Form.Item>
                )}
                <Form.Item name={[row.name, 'note']} label={t('window.correctionNote')} rules={required(t('form.required'))} className="list-row-grow">
                  <Input.TextArea autoSize={{ minRows: 1 }} maxLength={1000} data-testid={`correction-note-${i}`} />
                </Form.Item>
                {rows.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t('common.remove')} />}
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ note: '' })} block data-testid="correction-add">
              {t('window.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** 容缺受理: accept while the applicant still owes some materials, each with its due date. */
export function GapsModal({ detail: d, open, onClose, onDone }: ModalProps) {
  const t = useT();
  const missing = d.materials.filter((m) => !m.mode);
  const options = d.materials.filter((m) => m.mode !== 'gap').map((m) => ({ value: m.key, label: m.name }));
  const due = dayjs().add(10, 'day');
  return (
    <FormModal<{ gaps: { materialKey: string; dueOn: Dayjs }[] }>
      open={open}
      title={t('window.acceptGaps')}
      initialValues={{ gaps: (missing.length ? missing : d.materials.slice(0, 1)).map((m) => ({ materialKey: m.key, dueOn: due })) }}
      onSubmit={(v) =>
        caseApi.act(d.number, 'accept', { version: d.version, gaps: v.gaps.map((g) => ({ materialKey: g.materialKey, dueOn: g.dueOn.format('YYYY-MM-DD') })) })
      }
      onClose={onClose}
      onDone={onDone}
      successText={t('window.accepted')}
      okText={t('window.accept')}
      testId="gaps"
      width={640}
    >
      <Alert type="info" showIcon className="block-gap" title={t('window.gapsHint')} />
      <Form.List
        name="gaps"
        rules={[
          {
            validator: async (_, v?: unknown[]) => {
              if (!v?.length) throw new Error(t('window.gapsRequired'));
            },
          },
        ]}
      >
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, i) => (
              <div key={row.key} className="list-row" data-testid={`gap-row-${i}`}>
                <Form.Item
                  name={[row.name, 'materialKey']}
                  label={t('window.correctionMaterial')}
                  rules={[{ required: true, message: t('form.required') }]}
                  className="list-row-grow"
                >
                  <Select options={options} data-testid={`gap-material-${i}`} />
                </Form.Item>
                <Form.Item name={[row.name, 'dueOn']} label={t('window.dueOn')} rules={[{ required: true, message: t('form.required') }]}>
                  <DatePicker disabledDate={(day) => !day.isAfter(dayjs(), 'day')} data-testid={`gap-due-${i}`} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t('common.remove')} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueOn: due })} block>
              {t('window.addItem')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** 不予受理: with the reason and its legal basis, both required. */
export function RefuseModal({ detail: d, open, onClose, onDone }: ModalProps) {
  const t = useT();
  return (
    <FormModal<{ reason: string; legalBasis: string }>
      open={open}
      title={t('window.refuse')}
      onSubmit={(v) => caseApi.act(d.number, 'refuse', { version: d.version, reason: v.reason.trim(), legalBasis: v.legalBasis.trim() })}
      onClose={onClose}
      onDone={onDone}
      successText={t('window.refused')}
      okText={t('window.refuse')}
      testId="refuse"
    >
      <Form.Item name="reason" label={t('window.reason')} rules={required(t('form.required'))}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="refuse-reason" />
      </Form.Item>
      <Form.Item name="legalBasis" label={t('window.legalBasis')} rules={required(t('form.required'))}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="refuse-basis" />
      </Form.Item>
    </FormModal>
  );
}

/** 送达: at the window, by post with the tracking number, or electronically. */
export function DeliverModal({ detail: d, open, onClose, onDone }: ModalProps) {
  const t = useT();
  return (
    <FormModal<{ method: 'window' | 'post' | 'electronic'; trackingNumber?: string }>
      open={open}
      title={t('window.deliver')}
      initialValues={{ method: 'window' }}
      onSubmit={(v) =>
        caseApi.act(d.number, 'deliver', { version: d.version, method: v.method, trackingNumber: v.method === 'post' ? v.trackingNumber?.trim() : undefined })
      }
      onClose={onClose}
      onDone={onDone}
      successText={t('window.delivered')}
      okText={t('window.deliver')}
      testId="deliver"
    >
      <Form.Item name="method" label={t('window.method')} rules={[{ required: true }]}>
        <Radio.Group
          options={(['window', 'post', 'electronic'] as const).map((m) => ({ value: m, label: t(`case.delivery.${m}`) }))}
          data-testid="deliver-method"
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['method']}>
        {({ getFieldValue }) =>
          getFieldValue('method') === 'post' && (
            <Form.Item name="trackingNumber" label={t('case.trackingNumber')} rules={[...required(t('form.required')), { max: 50 }]}>
              <Input data-testid="deliver-tracking" />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}

/** A free-text reason, for the actions that need only one (extend, start or end a special procedure …). */
export function ReasonModal(props: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  optional?: boolean;
  okText: string;
  successText: string;
  testId: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  return (
    <FormModal<{ reason?: string }>
      open={props.open}
      title={props.title}
      onSubmit={(v) => props.onSubmit(v.reason?.trim() ?? '')}
      onClose={props.onClose}
      onDone={props.onDone}
      successText={props.successText}
      okText={props.okText}
      testId={props.testId}
    >
      {props.hint && <Alert type="info" showIcon className="block-gap" title={props.hint} />}
      <Form.Item name="reason" label={props.label} rules={props.optional ? [{ max: 2000 }] : [...required(t('form.required')), { max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid={`${props.testId}-reason`} />
      </Form.Item>
    </FormModal>
  );
}
