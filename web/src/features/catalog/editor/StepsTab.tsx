import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useContext } from 'react';
import { useT } from '../../../i18n.ts';
import { limitText, rowErrors } from '../catalog.tsx';
import type { Step, StepRole } from '../../../api/types.ts';
import { ErrorsContext } from './Field.tsx';
import type { TabProps } from './Field.tsx';
import { freshKey, moved } from './MaterialsTab.tsx';

/**
 * Separation of duties as the cases module applies it (cases.state.ts requiresSeparateActor): what the step says, and
 * unsaid, on for the 决定 step.
 */
export const separatesDuties = (s: Pick<Step, 'key' | 'name' | 'separateDuties'>): boolean => s.separateDuties ?? (s.key === 'decide' || s.name === '决定');

/**
 * 办理环节: the ordered steps of handling, who does each, its budget of working days, and for a reviewer's step whether
 * it must be taken by someone who did none of the case's earlier steps (审查与决定分离).
 */
export function StepsTab({ content, onChange, readOnly }: TabProps) {
  const t = useT();
  const errors = useContext(ErrorsContext);
  const steps = content.steps;
  const set = (i: number, patch: Partial<Step>) => onChange({ steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const total = steps.reduce((s, x) => s + (x.budgetDays || 0), 0);
  const isOver = content.promisedLimit.unit === 'working_day' && total > content.promisedLimit.value;
  const plain = errors.filter((e) => e.element === 'steps').map((e) => e.message);
  const add = () =>
    onChange({
      steps: [
        ...steps,
        {
          key: freshKey(
            's',
            steps.map((s) => s.key),
          ),
          name: '',
          role: steps.length === 0 ? 'clerk' : 'reviewer',
          budgetDays: 1,
        },
      ],
    });

  return (
    <div data-testid="steps-tab">
      {plain.length > 0 && <Alert type="error" showIcon className="block-gap" title={plain.join('；')} data-testid="error-steps" />}
      <Space className="block-gap" wrap>
        <Typography.Text data-testid="steps-total">{t('editor.step.total', { total, promised: limitText(content.promisedLimit, t) })}</Typography.Text>
        {isOver && <Tag color="orange">{t('editor.step.over')}</Tag>}
      </Space>
      {steps.map((s, i) => {
        const problems = rowErrors(errors, 'steps', i, s.key);
        return (
          <Card size="small" key={i} className={problems.length ? 'step-card row-error' : 'step-card'} data-testid={`step-${i}`}>
            <Row gutter={[12, 8]} align="middle">
              <Col flex="32px">
                <span className="step-no">{i + 1}</span>
              </Col>
              <Col xs={24} sm={10} md={7}>
                <Input
                  value={s.name}
                  onChange={(e) => set(i, { name: e.target.value })}
                  placeholder={t('editor.step.name')}
                  maxLength={50}
                  data-testid={`step-name-${i}`}
                />
              </Col>
              <Col xs={12} sm={6} md={4}>
                <Input
                  value={s.key}
                  onChange={(e) => set(i, { key: e.target.value.trim().toLowerCase() })}
                  className="mono"
                  aria-label={t('editor.material.key')}
                  data-testid={`step-key-${i}`}
                />
              </Col>
              <Col xs={12} sm={7} md={5}>
                <Select<StepRole>
                  value={s.role}
                  onChange={(role) => set(i, { role })}
                  style={{ width: '100%' }}
                  aria-label={t('editor.step.role')}
                  options={(['clerk', 'reviewer'] as const).map((r) => ({ value: r, label: t(`catalog.role.${r}`) }))}
                  data-testid={`step-role-${i}`}
                />
              </Col>
              <Col xs={14} sm={10} md={4}>
                <InputNumber
                  min={0}
                  max={365}
                  precision={0}
                  value={s.budgetDays}
                  onChange={(v) => set(i, { budgetDays: v ?? 0 })}
                  aria-label={t('editor.step.days')}
                  suffix={t('catalog.unit.working_day')}
                  style={{ width: '100%' }}
                  data-testid={`step-days-${i}`}
                />
              </Col>
              {!readOnly && (
                <Col flex="auto" className="step-actions">
                  <Button
                    type="text"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('editor.moveUp')}
                    disabled={i === 0}
                    onClick={() => onChange({ steps: moved(steps, i, i - 1) })}
                  />
                  <Button
                    type="text"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('editor.moveDown')}
                    disabled={i === steps.length - 1}
                    onClick={() => onChange({ steps: moved(steps, i, i + 1) })}
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('editor.remove')}
                    onClick={() => onChange({ steps: steps.filter((_, j) => j !== i) })}
                    data-testid={`step-remove-${i}`}
                  />
                </Col>
              )}
            </Row>
            {s.role === 'reviewer' && (
              <div className="step-separate" data-testid={`step-separate-${i}`}>
                <Checkbox checked={separatesDuties(s)} disabled={readOnly} onChange={(e) => set(i, { separateDuties: e.target.checked })}>
                  {t('editor.step.separateDuties')}
                </Checkbox>
                <Typography.Text type="secondary" className="small-text" data-testid={`step-separate-help-${i}`}>
                  {t('editor.step.separateDutiesHelp')}
                </Typography.Text>
              </div>
            )}
            {problems.length > 0 && <Typography.Text type="danger">{problems.join('；')}</Typography.Text>}
          </Card>
        );
      })}
      {!readOnly && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={add} data-testid="step-add">
          {t('editor.step.add')}
        </Button>
      )}
    </div>
  );
}
