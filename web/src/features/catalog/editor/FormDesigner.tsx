import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useContext, useState } from 'react';
import { useT } from '../../../i18n.ts';
import { errorsUnder } from '../catalog.tsx';
import { ErrorsContext } from './Field.tsx';
import type { TabProps } from './Field.tsx';
import { FormPreview } from './FormPreview.tsx';
import { CHOICE_WIDGETS, KEY_SHAPE, WIDGETS, fieldsOf, freshFieldKey, newUid, schemaOf } from './formSchema.ts';
import type { DesignerField, Widget } from './formSchema.ts';
import { moved } from './MaterialsTab.tsx';
import { FIELD_BINDING_NAMES, FIELD_BINDINGS } from '../../../../../src/platform/form-widgets.ts';
import type { FieldBinding } from '../../../../../src/platform/form-widgets.ts';

/** 申请表单: design the application form field by field, with a live preview of what the applicant sees. */
export function FormDesigner({ content, onChange, readOnly }: TabProps) {
  const t = useT();
  const errors = useContext(ErrorsContext);
  const [fields, setFields] = useState<DesignerField[]>(() => fieldsOf(content.form));
  // The form the designer last produced: a different one coming in (a reload, a new version) replaces the fields.
  const [produced, setProduced] = useState(content.form);
  if (content.form !== produced) {
    setProduced(content.form);
    if (JSON.stringify(schemaOf(fieldsOf(content.form))) !== JSON.stringify(schemaOf(fields))) setFields(fieldsOf(content.form));
  }

  const update = (next: DesignerField[]) => {
    const schema = schemaOf(next);
    setFields(next);
    setProduced(schema);
    onChange({ form: schema });
  };
  const set = (i: number, patch: Partial<DesignerField>) => update(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const add = () =>
    update([
      ...fields,
      { uid: newUid(), key: freshFieldKey(fields), label: t('designer.newField'), description: '', widget: 'text', required: false, options: [], extra: {} },
    ]);

  const widgetOptions = WIDGETS.map((w) => ({ value: w, label: t(`designer.widget.${w}`) }));
  /** The account facts a field of this widget can be filled from (x-bind). */
  const bindOptions = (widget: Widget) =>
    FIELD_BINDING_NAMES.filter((b) => (FIELD_BINDINGS[b].widgets as readonly string[]).includes(widget)).map((b) => ({
      value: b,
      label: t(`designer.bind.${b}`),
    }));
  const bindOf = (f: DesignerField) => (typeof f.extra['x-bind'] === 'string' ? (f.extra['x-bind'] as FieldBinding) : undefined);
  const setBind = (i: number, f: DesignerField, bind: FieldBinding | undefined) => {
    const { 'x-bind': _old, ...extra } = f.extra;
    set(i, { extra: bind ? { ...extra, 'x-bind': bind } : extra });
  };
  const keyCount = (key: string) => fields.filter((f) => f.key === key).length;
  const formLevel = errors.filter((e) => e.element === 'form' || e.element === 'form.').map((e) => e.message);

  return (
    <Row gutter={[16, 16]} data-testid="form-designer">
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={t('designer.fields')}
          extra={
            !readOnly && (
              <Button type="primary" ghost icon={<PlusOutlined />} onClick={add} data-testid="designer-add">
                {t('designer.add')}
              </Button>
            )
          }
        >
          {formLevel.length > 0 && <Alert type="error" showIcon className="block-gap" title={formLevel.join('；')} data-testid="error-form" />}
          {fields.length === 0 && <Empty description={t('designer.empty')} />}
          {fields.map((f, i) => {
            const problems = errorsUnder(errors, `form.${f.key}`);
            const keyProblem = !KEY_SHAPE.test(f.key) ? t('designer.keyRule') : keyCount(f.key) > 1 ? t('designer.keyDuplicate') : undefined;
            return (
              <Card
                key={f.uid}
                size="small"
                type="inner"
                className={problems.length ? 'designer-field row-error' : 'designer-field'}
                data-testid={`field-${i}`}
                title={
                  <Space size={4} wrap>
                    <span className="step-no">{i + 1}</span>
                    <span>{f.label || f.key}</span>
                    <Tag>{t(`designer.widget.${f.widget}`)}</Tag>
                    {f.required && <Tag color="red">{t('designer.required')}</Tag>}
                  </Space>
                }
                extra={
                  !readOnly && (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('editor.moveUp')}
                        disabled={i === 0}
                        onClick={() => update(moved(fields, i, i - 1))}
                        data-testid={`field-up-${i}`}
                      />
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('editor.moveDown')}
                        disabled={i === fields.length - 1}
                        onClick={() => update(moved(fields, i, i + 1))}
                        data-testid={`field-down-${i}`}
                      />
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('editor.remove')}
                        onClick={() => update(fields.filter((_, j) => j !== i))}
                        data-testid={`field-remove-${i}`}
                      />
                    </Space>
                  )
                }
              >
                <Form layout="vertical" component="div" className="designer-form">
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item label={t('designer.label')} required validateStatus={f.label.trim() ? undefined : 'error'}>
                        <Input
                          value={f.label}
                          onChange={(e) => set(i, { label: e.target.value })}
                          maxLength={100}
                          aria-label={t('designer.label')}
                          data-testid={`field-label-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item label={t('designer.key')} required validateStatus={keyProblem ? 'error' : undefined} help={keyProblem}>
                        <Input
                          value={f.key}
                          onChange={(e) => set(i, { key: e.target.value.trim() })}
                          className="mono"
                          maxLength={40}
                          aria-label={t('designer.key')}
                          data-testid={`field-key-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={16} sm={12}>
                      <Form.Item label={t('designer.widget')}>
                        <Select<Widget>
                          value={f.widget}
                          onChange={(widget) => set(i, { widget, extra: {}, options: CHOICE_WIDGETS.includes(widget) ? f.options : [] })}
                          options={widgetOptions}
                          aria-label={t('designer.widget')}
                          data-testid={`field-widget-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={8} sm={12}>
                      <Form.Item label={t('designer.required')}>
                        <Switch
                          checked={f.required}
                          onChange={(required) => set(i, { required })}
                          aria-label={t('designer.required')}
                          data-testid={`field-required-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item label={t('designer.description')}>
                        <Input
                          value={f.description}
                          onChange={(e) => set(i, { description: e.target.value })}
                          maxLength={500}
                          aria-label={t('designer.description')}
                          data-testid={`field-desc-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    {bindOptions(f.widget).length > 0 && (
                      <Col xs={24}>
                        <Form.Item label={t('designer.bind')} extra={t('designer.bindHint')}>
                          <Select<FieldBinding>
                            value={bindOf(f)}
                            onChange={(bind) => setBind(i, f, bind)}
                            options={bindOptions(f.widget)}
                            allowClear
                            placeholder={t('designer.bindNone')}
                            aria-label={t('designer.bind')}
                            data-testid={`field-bind-${i}`}
                          />
                        </Form.Item>
                      </Col>
                    )}
                    {CHOICE_WIDGETS.includes(f.widget) && (
                      <Col xs={24}>
                        <Form.Item label={t('designer.options')} required validateStatus={f.options.length ? undefined : 'error'}>
                          <Select
                            mode="tags"
                            value={f.options}
                            onChange={(options: string[]) => set(i, { options: [...new Set(options.map((o) => o.trim()).filter(Boolean))] })}
                            open={false}
                            suffixIcon={null}
                            tokenSeparators={[',', '，', '、']}
                            placeholder={t('designer.optionsHint')}
                            aria-label={t('designer.options')}
                            data-testid={`field-options-${i}`}
                          />
                        </Form.Item>
                      </Col>
                    )}
                  </Row>
                </Form>
                {problems.length > 0 && (
                  <Typography.Text type="danger" data-testid={`error-form-${f.key}`}>
                    {problems.join('；')}
                  </Typography.Text>
                )}
              </Card>
            );
          })}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('designer.preview')} className="designer-preview">
          <FormPreview fields={fields} />
        </Card>
      </Col>
    </Row>
  );
}
