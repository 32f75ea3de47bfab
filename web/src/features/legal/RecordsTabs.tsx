import type { ButtonProps, FormInstance, TableColumnsType } from 'antd';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../../api.ts';
import type { Body, Reply } from '../../api/types.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT } from '../../i18n.ts';
import { LegalFile, LegalFileLink } from './LegalFile.tsx';
import { useAction } from '../../components/useAction.ts';

const CATEGORIES = ['major_matter', 'personnel', 'project', 'large_fund'] as const;
const KINDS = ['standing_meeting', 'lecture', 'exam'] as const;
type MeetingBody = Body<'/api/legal/meetings'>;
type Meeting = Reply<'/api/legal/meetings/{id}'>;
type TrainingBody = Body<'/api/legal/trainings'>;
type DutyBody = Body<'/api/legal/duties'>;
const req = [{ required: true }];
const thisYear = () => new Date().getFullYear();

/** 三重一大: the year's decisions by category, the register, and one record in full (the meeting, minutes, dissent). */
export function Meetings() {
  const t = useT();
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>();
  const list = useRemote(() => api.get('/api/legal/meetings', { params: { query: { category } } }), [category]);
  const counts = useRemote(() => api.get('/api/legal/reviews/counts'), []);
  const [id, setId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const action = useAction();
  const [form] = Form.useForm<MeetingBody>();
  const create = async () => {
    const v = await form.validateFields();
    await action.run(
      () => api.create('/api/legal/meetings', { body: { ...v, fileId: v.fileId ?? null, dissent: v.dissent || null } }),
      (m) => {
        setCreating(false);
        form.resetFields();
        list.reload();
        counts.reload();
        setId(m.id);
      },
    );
  };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={11}>
        {counts.data && (
          <Alert
            type="info"
            data-testid="meeting-counts"
            title={t('legal.meetingCounts', {
              year: String(counts.data.year),
              counts: counts.data.meetings.map((m) => `${t(`legal.category.${m.category}`)} ${m.count}`).join('，'),
            })}
          />
        )}
        <Space className="block-gap" wrap>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="meeting-new">
            {t('legal.newMeeting')}
          </Button>
          <Select
            allowClear
            aria-label={t('legal.category')}
            placeholder={t('legal.category')}
            style={{ minWidth: 140 }}
            value={category}
            onChange={setCategory}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`legal.category.${c}`) }))}
          />
        </Space>
        <Table
          className="block-gap"
          size="small"
          rowKey="id"
          data-testid="meeting-list"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('legal.meetingSubject'), dataIndex: 'subject', render: (v: string, r) => <a data-testid={`meeting-${r.id}`}>{v}</a> },
            { title: t('legal.category'), dataIndex: 'category', render: (c: (typeof CATEGORIES)[number]) => <Tag>{t(`legal.category.${c}`)}</Tag> },
            { title: t('legal.meetingOn'), dataIndex: 'meetingOn' },
          ]}
        />
      </Col>
      <Col xs={24} lg={13}>
        {id === undefined ? <Alert type="info" title={t('legal.pickRecord')} /> : <MeetingDetail id={id} />}
      </Col>
      <Modal
        open={creating}
        title={t('legal.newMeeting')}
        onOk={create}
        onCancel={() => setCreating(false)}
        confirmLoading={action.busy}
        okButtonProps={{ 'data-testid': 'meeting-create' } as ButtonProps}
      >
        {action.error && <Alert type="error" showIcon title={action.error} data-testid="meeting-error" />}
        <Form form={form} layout="vertical" initialValues={{ category: 'major_matter' }}>
          <Form.Item name="departmentId" label={t('legal.meetingDepartment')} rules={req}>
            <DepartmentSelect testId="meeting-department" />
          </Form.Item>
          <Form.Item name="category" label={t('legal.category')} rules={req}>
            <Select data-testid="meeting-category" options={CATEGORIES.map((c) => ({ value: c, label: t(`legal.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="subject" label={t('legal.meetingSubject')} rules={req}>
            <Input data-testid="meeting-subject" />
          </Form.Item>
          <Form.Item name="meetingName" label={t('legal.meetingName')} rules={req}>
            <Input data-testid="meeting-name" />
          </Form.Item>
          <Form.Item name="meetingOn" label={t('legal.meetingOn')} rules={req}>
            <Input type="date" data-testid="meeting-on" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="members" label={t('legal.members')} rules={req}>
              <InputNumber min={1} data-testid="meeting-members" />
            </Form.Item>
            <Form.Item name="attendees" label={t('legal.attendees')} extra={t('legal.quorumHelp')} rules={req}>
              <InputNumber min={1} data-testid="meeting-attendees" />
            </Form.Item>
          </Space>
          <Form.Item name="minutes" label={t('legal.minutes')} rules={req}>
            <Input.TextArea rows={3} data-testid="meeting-minutes" />
          </Form.Item>
          <Form.Item name="fileId" label={t('legal.minutesFile')}>
            <LegalFile testId="meeting-file" />
          </Form.Item>
          <Form.Item name="decision" label={t('legal.meetingDecision')} rules={req}>
            <Input.TextArea rows={2} data-testid="meeting-decision" />
          </Form.Item>
          <Form.Item name="dissent" label={t('legal.dissent')}>
            <Input.TextArea rows={2} data-testid="meeting-dissent" />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

function MeetingDetail({ id }: { id: number }) {
  const t = useT();
  const detail = useRemote(() => api.get('/api/legal/meetings/{id}', { params: { path: { id } } }), [id]);
  const m: Meeting | undefined = detail.data;
  if (!m) return <Card loading />;
  return (
    <Card data-testid="meeting-detail" title={m.subject}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('legal.category')}>{t(`legal.category.${m.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('legal.meetingDepartment')}>{m.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('legal.meetingName')}>{`${m.meetingName} · ${m.meetingOn}`}</Descriptions.Item>
        <Descriptions.Item label={t('legal.attendance')}>
          {t('legal.attendanceOf', { attendees: String(m.attendees), members: String(m.members) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('legal.minutes')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.minutes}</Typography.Paragraph>
        </Descriptions.Item>
        {m.fileId !== null && (
          <Descriptions.Item label={t('legal.meetingFile')}>
            <LegalFileLink id={m.fileId} testId="meeting-detail-file" />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('legal.meetingDecision')}>{m.decision}</Descriptions.Item>
        <Descriptions.Item label={t('legal.dissent')}>{m.dissent ?? t('legal.noDissent')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 学法用法 sessions and the departments' 普法责任清单 (published on the public /laws page). */
export function Trainings() {
  const t = useT();
  const sessions = useRemote(() => api.get('/api/legal/trainings'), []);
  const duties = useRemote(() => api.get('/api/legal/duties'), []);
  const counts = useRemote(() => api.get('/api/legal/reviews/counts'), []);
  const action = useAction();
  const [form] = Form.useForm<TrainingBody>();
  const [dutyForm] = Form.useForm<DutyBody>();
  const kind = Form.useWatch('kind', form) ?? 'lecture';
  const n = counts.data?.training;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {n && counts.data && (
        <Alert
          type="info"
          data-testid="training-counts"
          title={t('legal.trainingCounts', {
            year: String(counts.data.year),
            sessions: String(n.sessions),
            attendance: String(n.attendance),
            taken: String(n.examTaken),
            passed: String(n.examPassed),
          })}
        />
      )}
      {action.error && <Alert type="error" showIcon title={action.error} data-testid="training-error" />}
      <RegisterCard
        title={t('legal.trainings')}
        form={form}
        layout="inline"
        initialValues={{ kind: 'lecture' }}
        action={action}
        create={(v) => api.create('/api/legal/trainings', { body: { ...v, examPassed: v.kind === 'exam' ? v.examPassed : null } })}
        created={() => (sessions.reload(), counts.reload())}
        submit={{ label: t('legal.submit'), testId: 'training-create' }}
        list={{
          testId: 'training-list',
          rows: sessions.data?.items ?? [],
          columns: [
            { title: t('legal.heldOn'), dataIndex: 'heldOn' },
            { title: t('legal.topic'), dataIndex: 'topic' },
            { title: t('legal.trainingKind'), dataIndex: 'kind', render: (k: (typeof KINDS)[number]) => t(`legal.trainingKind.${k}`) },
            { title: t('legal.department'), dataIndex: 'departmentName' },
            {
              title: t('legal.attendance'),
              render: (_: unknown, r) =>
                r.examPassed === null ? r.attendance : t('legal.passedOf', { passed: String(r.examPassed), of: String(r.attendance) }),
            },
          ],
        }}
      >
        <Form.Item name="departmentId" label={t('legal.department')} rules={req}>
          <DepartmentSelect testId="training-department" />
        </Form.Item>
        <Form.Item name="heldOn" label={t('legal.heldOn')} rules={req}>
          <Input type="date" data-testid="training-held-on" />
        </Form.Item>
        <Form.Item name="topic" label={t('legal.topic')} rules={req}>
          <Input data-testid="training-topic" />
        </Form.Item>
        <Form.Item name="kind" label={t('legal.trainingKind')}>
          <Select style={{ minWidth: 120 }} options={KINDS.map((k) => ({ value: k, label: t(`legal.trainingKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="attendance" label={t('legal.attendance')} rules={req}>
          <InputNumber min={0} data-testid="training-attendance" />
        </Form.Item>
        {kind === 'exam' && (
          <Form.Item name="examPassed" label={t('legal.examPassed')} rules={req}>
            <InputNumber min={0} />
          </Form.Item>
        )}
      </RegisterCard>
      <RegisterCard
        title={t('legal.duties')}
        form={dutyForm}
        layout="vertical"
        initialValues={{ year: thisYear() }}
        action={action}
        create={(v) => api.create('/api/legal/duties', { body: v })}
        created={duties.reload}
        submit={{ label: t('legal.publishDuty'), testId: 'duty-create' }}
        list={{
          testId: 'duty-list',
          rows: duties.data?.items ?? [],
          columns: [
            { title: t('legal.year'), dataIndex: 'year' },
            { title: t('legal.department'), dataIndex: 'departmentName' },
            { title: t('legal.responsibilities'), dataIndex: 'responsibilities' },
            { title: t('legal.audiences'), dataIndex: 'audiences' },
            { title: t('legal.measures'), dataIndex: 'measures' },
          ],
        }}
      >
        <Space wrap align="start">
          <Form.Item name="departmentId" label={t('legal.department')} rules={req}>
            <DepartmentSelect testId="duty-department" />
          </Form.Item>
          <Form.Item name="year" label={t('legal.year')} rules={req}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Space>
        <Form.Item name="responsibilities" label={t('legal.responsibilities')} rules={req}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="audiences" label={t('legal.audiences')} rules={req}>
          <Input />
        </Form.Item>
        <Form.Item name="measures" label={t('legal.measures')} rules={req}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </RegisterCard>
    </Space>
  );
}

/**
 * One register of the 学法用法 tab: a form whose fields are the children creates a record (the page's action shows a
 * refusal), the form is emptied and the lists reloaded, and the table below lists the records.
 */
function RegisterCard<V extends object, R extends { id: number }>({
  title,
  form,
  layout,
  initialValues,
  action,
  create,
  created,
  submit,
  list,
  children,
}: {
  title: string;
  form: FormInstance<V>;
  layout: 'inline' | 'vertical';
  initialValues: Partial<V>;
  action: ReturnType<typeof useAction>;
  create: (values: V) => Promise<unknown>;
  created: () => void;
  submit: { label: string; testId: string };
  list: { testId: string; rows: R[]; columns: TableColumnsType<R> };
  children: ReactNode;
}) {
  return (
    <Card size="small" title={title}>
      <Form
        form={form}
        layout={layout}
        initialValues={initialValues}
        onFinish={(v) =>
          action.run(
            () => create(v),
            () => {
              form.resetFields();
              created();
            },
          )
        }
      >
        {children}
        <Button htmlType="submit" loading={action.busy} data-testid={submit.testId}>
          {submit.label}
        </Button>
      </Form>
      <Table<R> className="block-gap" size="small" rowKey="id" data-testid={list.testId} dataSource={list.rows} pagination={false} columns={list.columns} />
    </Card>
  );
}
