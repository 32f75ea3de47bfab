import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n.ts';
import { depthLabel, useCodeList, useLicenseTypes } from '../catalog.tsx';
import type { Content, Fee, Intermediary, Limit, ResultType } from '../../../api/types.ts';
import { Field } from './Field.tsx';
import type { TabProps } from './Field.tsx';

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} className="editor-section" data-testid={testId}>
      {children}
    </Card>
  );
}

// `id` comes from the Field around it, so that the element's label names the number
function LimitInput({ value, onChange, testId, id }: { value: Limit; onChange: (v: Limit) => void; testId: string; id?: string }) {
  const t = useT();
  return (
    <Space.Compact block>
      <InputNumber
        min={0}
        max={3650}
        precision={0}
        value={value.value}
        onChange={(v) => onChange({ ...value, value: v ?? 0 })}
        style={{ width: '50%' }}
        id={id}
        data-testid={`${testId}-value`}
      />
      <Select
        value={value.unit}
        onChange={(unit) => onChange({ ...value, unit })}
        style={{ width: '50%' }}
        aria-label={`${t('catalog.unit.working_day')} / ${t('catalog.unit.natural_day')}`}
        options={[
          { value: 'working_day', label: t('catalog.unit.working_day') },
          { value: 'natural_day', label: t('catalog.unit.natural_day') },
        ]}
        data-testid={`${testId}-unit`}
      />
    </Space.Compact>
  );
}

/** Replaces item `i` of a list. */
function replaced<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

/** 基本信息: every scalar element of the implementation, grouped as a guide groups them. */
export function BasicTab({ content: c, onChange, readOnly }: TabProps) {
  const t = useT();
  const caseTypes = useCodeList('case_type');
  const handlingForms = useCodeList('handling_form');
  const serviceObjects = useCodeList('service_object');
  const licenseTypes = useLicenseTypes();
  const text = (
    element:
      | 'name'
      | 'legalBasis'
      | 'acceptanceConditions'
      | 'resultName'
      | 'place'
      | 'hours'
      | 'consultation'
      | 'complaint'
      | 'visitsReason'
      | 'notInHallReason'
      | 'specialProcedures',
    rows = 0,
  ) =>
    rows ? (
      <Input.TextArea
        value={c[element]}
        onChange={(e) => onChange({ [element]: e.target.value })}
        autoSize={{ minRows: rows, maxRows: 12 }}
        data-testid={`el-${element}`}
      />
    ) : (
      <Input value={c[element]} onChange={(e) => onChange({ [element]: e.target.value })} data-testid={`el-${element}`} />
    );
  const tags = (element: 'aliases' | 'keywords' | 'topics') => (
    <Select
      mode="tags"
      value={c[element]}
      onChange={(v: string[]) => onChange({ [element]: v.map((x) => x.trim()).filter(Boolean) })}
      tokenSeparators={[',', '，', '、', ';', '；']}
      placeholder={t('editor.tagsHint')}
      open={false}
      suffixIcon={null}
      data-testid={`el-${element}`}
    />
  );

  return (
    <Form layout="vertical" disabled={readOnly} className="editor-form" component="div">
      <Section title={t('editor.section.names')}>
        <Row gutter={16}>
          <Col xs={24}>
            <Field element="name" required>
              <Input value={c.name} onChange={(e) => onChange({ name: e.target.value })} maxLength={200} data-testid="el-name" />
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field element="aliases">{tags('aliases')}</Field>
          </Col>
          <Col xs={24} md={12}>
            <Field element="keywords">{tags('keywords')}</Field>
          </Col>
          <Col xs={24}>
            <Field element="legalBasis" required>
              {text('legalBasis', 3)}
            </Field>
          </Col>
          <Col xs={24}>
            <Field element="acceptanceConditions" required>
              {text('acceptanceConditions', 3)}
            </Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.limits')}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Field element="caseType" required>
              <Select value={c.caseType} onChange={(caseType) => onChange({ caseType })} options={caseTypes.options} data-testid="el-caseType" />
            </Field>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Field element="legalLimit" required>
              <LimitInput value={c.legalLimit} onChange={(legalLimit) => onChange({ legalLimit })} testId="el-legalLimit" />
            </Field>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Field element="promisedLimit" required>
              <LimitInput value={c.promisedLimit} onChange={(promisedLimit) => onChange({ promisedLimit })} testId="el-promisedLimit" />
            </Field>
          </Col>
          <Col xs={24} md={4}>
            <Field element="amberDays">
              <InputNumber
                min={0}
                max={30}
                precision={0}
                value={c.amberDays}
                onChange={(v) => onChange({ amberDays: v ?? 0 })}
                style={{ width: '100%' }}
                data-testid="el-amberDays"
              />
            </Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.channels')}>
        <Row gutter={16}>
          <Col xs={24}>
            <Field element="handlingForms" required>
              <Checkbox.Group
                value={c.handlingForms}
                onChange={(v) => onChange({ handlingForms: v as Content['handlingForms'] })}
                options={handlingForms.options}
                data-testid="el-handlingForms"
              />
            </Field>
          </Col>
          <Col xs={24}>
            <Field element="onlineDepth" required>
              <Radio.Group
                value={c.onlineDepth}
                onChange={(e) => onChange({ onlineDepth: e.target.value as number })}
                optionType="button"
                options={[0, 1, 2, 3, 4].map((d) => ({ value: d, label: depthLabel(d, t) }))}
                data-testid="el-onlineDepth"
                className="depth-group"
              />
            </Field>
          </Col>
          <Col xs={24} sm={8} md={4}>
            <Field element="visits" required>
              <InputNumber
                min={0}
                max={9}
                precision={0}
                value={c.visits}
                onChange={(v) => onChange({ visits: v ?? 0 })}
                style={{ width: '100%' }}
                data-testid="el-visits"
              />
            </Field>
          </Col>
          <Col xs={24} sm={16} md={20}>
            <Field element="visitsReason" required={c.visits > 0}>
              {text('visitsReason')}
            </Field>
          </Col>
          <Col xs={8} md={4}>
            <Field element="express">
              <Switch checked={c.express} onChange={(express) => onChange({ express })} data-testid="el-express" />
            </Field>
          </Col>
          <Col xs={8} md={4}>
            <Field element="appointment">
              <Switch checked={c.appointment} onChange={(appointment) => onChange({ appointment })} data-testid="el-appointment" />
            </Field>
          </Col>
          <Col xs={8} md={4}>
            <Field element="payOnline">
              <Switch checked={c.payOnline} onChange={(payOnline) => onChange({ payOnline })} data-testid="el-payOnline" />
            </Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.result')}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Field element="resultName" required>
              {text('resultName')}
            </Field>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Field element="resultType">
              <Select<ResultType>
                value={c.resultType}
                onChange={(resultType) => onChange({ resultType })}
                options={(['license', 'approval', 'record', 'other'] as const).map((v) => ({ value: v, label: t(`catalog.resultType.${v}`) }))}
                data-testid="el-resultType"
              />
            </Field>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Field element="resultLicenseTypeCode" required={c.resultType === 'license'}>
              <Select
                value={c.resultLicenseTypeCode ?? undefined}
                onChange={(v?: string) => onChange({ resultLicenseTypeCode: v ?? null })}
                allowClear
                placeholder={t('editor.noLicense')}
                showSearch={{ optionFilterProp: 'label' }}
                options={licenseTypes.map((l) => ({ value: l.code, label: `${l.name}（${l.code}）` }))}
                data-testid="el-resultLicenseTypeCode"
              />
            </Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.objects')}>
        <Row gutter={16}>
          <Col xs={24}>
            <Field element="serviceObjects" required>
              <Checkbox.Group
                value={c.serviceObjects}
                onChange={(v) => onChange({ serviceObjects: v as Content['serviceObjects'] })}
                options={serviceObjects.options}
                data-testid="el-serviceObjects"
              />
            </Field>
          </Col>
          <Col xs={24}>
            <Field element="topics">{tags('topics')}</Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.place')}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field element="place" required>
              {text('place')}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field element="hours" required>
              {text('hours')}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field element="consultation" required>
              {text('consultation')}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field element="complaint" required>
              {text('complaint')}
            </Field>
          </Col>
        </Row>
      </Section>

      <Section title={t('editor.section.hall')}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Field element="inHall">
              <Switch checked={c.inHall} onChange={(inHall) => onChange({ inHall })} data-testid="el-inHall" />
            </Field>
          </Col>
          {!c.inHall && (
            <Col xs={24} md={18}>
              <Field element="notInHallReason" required>
                {text('notInHallReason')}
              </Field>
            </Col>
          )}
        </Row>
      </Section>

      <Section title={t('editor.section.fees')} testId="el-fees">
        <Field element="fees" label={null}>
          {readOnly && c.fees.length === 0 && t('catalog.none')}
          {c.fees.map((f, i) => (
            <Row gutter={8} key={i} className="list-row" data-testid={`fee-${i}`}>
              <Col xs={24} md={6}>
                <Input
                  value={f.name}
                  onChange={(e) => onChange({ fees: replaced<Fee>(c.fees, i, { name: e.target.value }) })}
                  placeholder={t('guide.fee.name')}
                />
              </Col>
              <Col xs={24} md={6}>
                <Input
                  value={f.standard}
                  onChange={(e) => onChange({ fees: replaced<Fee>(c.fees, i, { standard: e.target.value }) })}
                  placeholder={t('guide.fee.standard')}
                />
              </Col>
              <Col xs={24} md={8}>
                <Input
                  value={f.basis}
                  onChange={(e) => onChange({ fees: replaced<Fee>(c.fees, i, { basis: e.target.value }) })}
                  placeholder={t('guide.fee.basis')}
                />
              </Col>
              <Col xs={18} md={3}>
                <Checkbox checked={f.waivable} onChange={(e) => onChange({ fees: replaced<Fee>(c.fees, i, { waivable: e.target.checked }) })}>
                  {t('editor.fee.waivable')}
                </Checkbox>
              </Col>
              <Col xs={6} md={1}>
                {!readOnly && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('editor.remove')}
                    onClick={() => onChange({ fees: c.fees.filter((_, j) => j !== i) })}
                  />
                )}
              </Col>
            </Row>
          ))}
          {!readOnly && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => onChange({ fees: [...c.fees, { name: '', standard: '', basis: '', waivable: false }] })}
              data-testid="fee-add"
            >
              {t('editor.addFee')}
            </Button>
          )}
        </Field>
      </Section>

      <Section title={t('editor.section.intermediary')} testId="el-intermediaryServices">
        <Field element="intermediaryServices" label={null}>
          {readOnly && c.intermediaryServices.length === 0 && t('catalog.none')}
          {c.intermediaryServices.map((s, i) => (
            <Row gutter={8} key={i} className="list-row">
              <Col xs={24} md={10}>
                <Input
                  value={s.name}
                  onChange={(e) => onChange({ intermediaryServices: replaced<Intermediary>(c.intermediaryServices, i, { name: e.target.value }) })}
                  placeholder={t('editor.intermediary.name')}
                />
              </Col>
              <Col xs={20} md={13}>
                <Input
                  value={s.basis}
                  onChange={(e) => onChange({ intermediaryServices: replaced<Intermediary>(c.intermediaryServices, i, { basis: e.target.value }) })}
                  placeholder={t('editor.intermediary.basis')}
                />
              </Col>
              <Col xs={4} md={1}>
                {!readOnly && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('editor.remove')}
                    onClick={() => onChange({ intermediaryServices: c.intermediaryServices.filter((_, j) => j !== i) })}
                  />
                )}
              </Col>
            </Row>
          ))}
          {!readOnly && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => onChange({ intermediaryServices: [...c.intermediaryServices, { name: '', basis: '' }] })}
            >
              {t('editor.addIntermediary')}
            </Button>
          )}
        </Field>
      </Section>

      <Section title={t('editor.section.powers')}>
        <Field element="responsibilityItems">
          {readOnly && c.responsibilityItems.length === 0 && t('catalog.none')}
          {c.responsibilityItems.map((r, i) => (
            <div key={i} className="list-row list-row-flex">
              <Input.TextArea
                value={r}
                aria-label={`${t('element.responsibilityItems')} ${i + 1}`}
                autoSize={{ minRows: 1, maxRows: 6 }}
                onChange={(e) => onChange({ responsibilityItems: c.responsibilityItems.map((x, j) => (j === i ? e.target.value : x)) })}
              />
              {!readOnly && (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('editor.remove')}
                  onClick={() => onChange({ responsibilityItems: c.responsibilityItems.filter((_, j) => j !== i) })}
                />
              )}
            </div>
          ))}
          {!readOnly && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ responsibilityItems: [...c.responsibilityItems, ''] })}>
              {t('editor.addResponsibility')}
            </Button>
          )}
        </Field>
        <Field element="specialProcedures">{text('specialProcedures', 2)}</Field>
      </Section>
    </Form>
  );
}
