import { AuditOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { Body, Reply } from '../../api/types.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useT, type MessageKey } from '../../i18n.ts';
import { useAction } from '../../components/useAction.ts';
import { LegalFile, LegalFileLink } from './LegalFile.tsx';
import { Meetings, Trainings } from './RecordsTabs.tsx';

type Detail = Reply<'/api/legal/documents/{id}'>;
type Decision = Reply<'/api/legal/decisions/{id}'>;
type StepBody = Body<'/api/legal/decisions/{id}/steps'>;
const STATUS_COLOR: Record<string, string> = { in_force: 'green', lapsed: 'default', repealed: 'red', commenting: 'blue', in_review: 'orange' };
const DECISION_STEPS = ['public_participation', 'expert_argument', 'risk_assessment', 'legality_review', 'collective_discussion'] as const;

const toArticles = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => ({ no: i + 1, text: line }));

/**
 * The legal officer's workbench (法治): normative documents through their statutory life — drafting with versions
 * and their diff, public comment and its moderation, legality review on its clock, deliberation, the unified number,
 * publication, filing, renewal and repeal — and major decisions with their five steps.
 */
export default function LegalPage() {
  const t = useT();
  return (
    <Card data-testid="legal-page">
      <Typography.Title level={2}>
        <AuditOutlined /> {t('legal.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'documents', label: t('legal.documents'), children: <Documents /> },
          { key: 'decisions', label: t('legal.decisions'), children: <Decisions /> },
          { key: 'cleanups', label: t('legal.cleanups'), children: <Cleanups /> },
          { key: 'reviews', label: t('legal.reviews'), children: <Reviews /> },
          { key: 'meetings', label: t('legal.meetings'), children: <Meetings /> },
          { key: 'trainings', label: t('legal.trainings'), children: <Trainings /> },
        ]}
      />
    </Card>
  );
}

function Documents() {
  const t = useT();
  const list = useRemote(() => api.get('/api/legal/documents', { params: { query: { pageSize: 200 } } }), []);
  const [id, setId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const action = useAction();
  const [form] = Form.useForm<{
    title: string;
    departmentId: number;
    issuerPrefix: string;
    marketRelated: boolean;
    reviewDays: number;
    validityYears: number;
    articles: string;
  }>();

  const create = async () => {
    const v = await form.validateFields();
    await action.run(
      () =>
        api.create('/api/legal/documents', {
          body: {
            title: v.title,
            departmentId: v.departmentId,
            issuerPrefix: v.issuerPrefix,
            marketRelated: v.marketRelated ?? false,
            reviewDays: v.reviewDays,
            validityYears: v.validityYears,
            articles: toArticles(v.articles),
          },
        }),
      (d) => {
        setCreating(false);
        form.resetFields();
        list.reload();
        setId(d.id);
      },
    );
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="legal-new">
          {t('legal.new')}
        </Button>
        <Table
          className="block-gap"
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setId(r.id), style: { cursor: 'pointer' } })}
          rowClassName={(r) => (r.id === id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('legal.docTitle'), dataIndex: 'title', render: (v: string, r) => <a data-testid={`legal-doc-${r.id}`}>{v}</a> },
            {
              title: t('legal.statusLabel'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_COLOR[s] ?? 'processing'}>{t(`legal.status.${s}` as MessageKey)}</Tag>,
            },
            { title: t('legal.number'), dataIndex: 'docNumber' },
          ]}
        />
      </Col>
      <Col xs={24} lg={15}>
        {id === undefined ? <Alert type="info" title={t('legal.pick')} /> : <DocumentDetail id={id} onChange={list.reload} />}
      </Col>
      <Modal
        open={creating}
        title={t('legal.new')}
        onOk={create}
        onCancel={() => setCreating(false)}
        confirmLoading={action.busy}
        width={720}
        okButtonProps={{ 'data-testid': 'legal-create' } as ButtonProps}
      >
        {action.error && <Alert type="error" title={action.error} />}
        <Form form={form} layout="vertical" initialValues={{ reviewDays: 15, validityYears: 5, marketRelated: false }}>
          <Form.Item name="title" label={t('legal.docTitle')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="legal-title" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('legal.department')} rules={[{ required: true }]}>
            <DepartmentSelect testId="legal-department" />
          </Form.Item>
          <Form.Item name="issuerPrefix" label={t('legal.issuerPrefix')} extra={t('legal.issuerPrefixHelp')} rules={[{ required: true, max: 20 }]}>
            <Input data-testid="legal-prefix" />
          </Form.Item>
          <Form.Item name="marketRelated" valuePropName="checked">
            <Checkbox>{t('legal.marketRelated')}</Checkbox>
          </Form.Item>
          <Space wrap>
            <Form.Item name="reviewDays" label={t('legal.reviewDays')} rules={[{ required: true }]}>
              <InputNumber min={5} max={15} />
            </Form.Item>
            <Form.Item name="validityYears" label={t('legal.validityYears')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10} />
            </Form.Item>
          </Space>
          <Form.Item name="articles" label={t('legal.articles')} extra={t('legal.articlesHelp')} rules={[{ required: true }]}>
            <Input.TextArea rows={6} data-testid="legal-articles" />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

function DocumentDetail({ id, onChange }: { id: number; onChange: () => void }) {
  const t = useT();
  const detail = useRemote(() => api.get('/api/legal/documents/{id}', { params: { path: { id } } }), [id]);
  const comments = useRemote(() => api.get('/api/legal/documents/{id}/comments', { params: { path: { id } } }), [id]);
  const d = detail.data;
  const action = useAction();
  const path = { params: { path: { id } } };
  const [diff, setDiff] = useState<Reply<'/api/legal/documents/{id}/diff'>>();
  useEffect(() => {
    action.clear();
    setDiff(undefined);
  }, [id]);
  const done = () => {
    detail.reload();
    comments.reload();
    onChange();
  };
  if (!d) return <Card loading />;
  const step = <B,>(url: Parameters<typeof api.post>[0], body: B) =>
    action.run(() => api.post(url as never, { ...path, body } as never) as Promise<Detail>, done);
  const latest = d.versions[0];

  return (
    <Card data-testid="legal-detail" title={d.title}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('legal.statusLabel')}>
          <Space wrap>
            <Tag color={STATUS_COLOR[d.status] ?? 'processing'} data-testid="legal-status">
              {t(`legal.status.${d.status}` as MessageKey)}
            </Tag>
            {d.validity === 'expiring' && <Tag color="orange">{t('legal.validity.expiring')}</Tag>}
            {d.filingOverdue && <Tag color="red">{t('legal.filingOverdue')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('legal.department')}>
          <Space wrap>
            {d.departmentName}
            <Button
              size="small"
              onClick={() => void api.download('/api/legal/documents/{id}/record.docx', path, `legal-document-${id}.docx`)}
              data-testid="legal-record"
            >
              {t('legal.record')}
            </Button>
          </Space>
        </Descriptions.Item>
        {d.docNumber && (
          <Descriptions.Item label={t('legal.number')}>
            <span data-testid="legal-number">{d.docNumber}</span>
          </Descriptions.Item>
        )}
        {d.commentOpensOn && (
          <Descriptions.Item label={t('legal.openComment')}>
            {t('legal.commentPeriod', { from: d.commentOpensOn, to: d.commentClosesOn ?? '' })}
          </Descriptions.Item>
        )}
        {d.reviewClock && (
          <Descriptions.Item label={t('legal.review')}>
            {d.reviewClock.overdue
              ? t('legal.reviewOverdue', { due: d.reviewClock.dueOn })
              : t('legal.reviewClock', { due: d.reviewClock.dueOn, n: String(d.reviewClock.remainingWorkingDays) })}
          </Descriptions.Item>
        )}
        {d.validUntil && <Descriptions.Item label={t('legal.validityYears')}>{t('legal.validUntil', { until: d.validUntil })}</Descriptions.Item>}
        {d.filingDueOn && !d.filedOn && <Descriptions.Item label={t('legal.file')}>{t('legal.filingDue', { due: d.filingDueOn })}</Descriptions.Item>}
        {d.filedOn && <Descriptions.Item label={t('legal.file')}>{`${d.filedWith} · ${d.filedOn}`}</Descriptions.Item>}
      </Descriptions>

      {action.error && <Alert className="block-gap" type="error" showIcon title={action.error} data-testid="legal-error" />}

      <Card size="small" className="block-gap" title={`${t('legal.versions')} · ${t('legal.versionN', { n: String(latest.number) })}`}>
        {d.status === 'drafting' ? (
          <Form
            layout="vertical"
            initialValues={{ articles: latest.articles.map((a) => a.text).join('\n') }}
            key={`${latest.id}`}
            onFinish={(v: { articles: string }) => step('/api/legal/documents/{id}/versions', { articles: toArticles(v.articles), version: d.version })}
          >
            <Form.Item name="articles" label={t('legal.articles')} rules={[{ required: true }]}>
              <Input.TextArea rows={6} data-testid="legal-edit-articles" />
            </Form.Item>
            <Button htmlType="submit" loading={action.busy} data-testid="legal-save-version">
              {t('legal.saveVersion')}
            </Button>
          </Form>
        ) : (
          <List
            size="small"
            dataSource={latest.articles}
            renderItem={(a) => (
              <List.Item>
                {t('legal.article', { no: String(a.no) })} {a.text}
              </List.Item>
            )}
          />
        )}
        {d.versions.length > 1 && (
          <Button
            className="block-gap"
            data-testid="legal-diff"
            onClick={() =>
              void api
                .get('/api/legal/documents/{id}/diff', { params: { path: { id }, query: { from: d.versions[1].number, to: latest.number } } })
                .then(setDiff)
            }
          >
            {t('legal.diff')}
          </Button>
        )}
        {diff && (
          <List
            size="small"
            data-testid="legal-diff-result"
            dataSource={diff.changes.filter((c) => c.change !== 'same')}
            renderItem={(c) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Tag>{`${t('legal.article', { no: String(c.no) })} ${t(`legal.change.${c.change}` as MessageKey)}`}</Tag>
                  {c.before && <Typography.Text delete>{c.before}</Typography.Text>}
                  {c.after && <Typography.Text>{c.after}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card size="small" className="block-gap" data-testid="legal-actions">
        {d.status === 'drafting' && (
          <Form
            layout="inline"
            onFinish={(v: { closesOn?: string }) => step('/api/legal/documents/{id}/comment-period', { closesOn: v.closesOn || null, version: d.version })}
          >
            <Form.Item name="closesOn" label={t('legal.closesOn')}>
              <Input type="date" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-open-comment">
              {t('legal.openComment')}
            </Button>
          </Form>
        )}
        {d.status === 'commenting' && (
          <Form layout="vertical" onFinish={(v: { adoptionSummary: string }) => step('/api/legal/documents/{id}/comment-close', { ...v, version: d.version })}>
            <Form.Item name="adoptionSummary" label={t('legal.adoptionSummary')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} data-testid="legal-adoption" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-close-comment">
              {t('legal.closeComment')}
            </Button>
          </Form>
        )}
        {d.status === 'in_review' && (
          <Form
            layout="vertical"
            initialValues={{ opinion: 'pass' }}
            onFinish={(v: { opinion: 'pass' | 'amend' | 'fail'; reasons: string; fileId?: number | null }) =>
              step('/api/legal/documents/{id}/review', { ...v, fileId: v.fileId ?? null, version: d.version })
            }
          >
            <Form.Item name="opinion" label={t('legal.review')}>
              <Select data-testid="legal-opinion" options={(['pass', 'amend', 'fail'] as const).map((o) => ({ value: o, label: t(`legal.opinion.${o}`) }))} />
            </Form.Item>
            <Form.Item name="reasons" label={t('legal.reasons')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} data-testid="legal-reasons" />
            </Form.Item>
            <Form.Item name="fileId" label={t('legal.opinionFile')}>
              <LegalFile testId="legal-review-file" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-review">
              {t('legal.review')}
            </Button>
          </Form>
        )}
        {d.status === 'reviewed' && (
          <Form
            layout="vertical"
            onFinish={(v: { meeting: string; meetingOn: string; minutes: string; fileId?: number | null }) =>
              step('/api/legal/documents/{id}/deliberation', { ...v, version: d.version })
            }
          >
            <Form.Item name="meeting" label={t('legal.meeting')} rules={[{ required: true }]}>
              <Input data-testid="legal-meeting" />
            </Form.Item>
            <Form.Item name="meetingOn" label={t('legal.meetingOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="legal-meeting-on" />
            </Form.Item>
            <Form.Item name="minutes" label={t('legal.minutes')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} data-testid="legal-minutes" />
            </Form.Item>
            <Form.Item name="fileId" label={t('legal.minutesFile')}>
              <LegalFile testId="legal-minutes-file" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-deliberate">
              {t('legal.deliberate')}
            </Button>
          </Form>
        )}
        {d.status === 'deliberated' && (
          <Form layout="inline" onFinish={(v: { seq?: number }) => step('/api/legal/documents/{id}/registration', { seq: v.seq ?? null, version: d.version })}>
            <Form.Item name="seq" label={t('legal.seq')}>
              <InputNumber min={1} data-testid="legal-seq" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-register">
              {t('legal.register')}
            </Button>
          </Form>
        )}
        {d.status === 'registered' && (
          <Form
            layout="vertical"
            onFinish={(v: { interpretation?: string }) =>
              step('/api/legal/documents/{id}/publication', { interpretation: v.interpretation || null, version: d.version })
            }
          >
            <Form.Item name="interpretation" label={t('legal.interpretation')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="legal-publish">
              {t('legal.publish')}
            </Button>
          </Form>
        )}
        {d.status === 'in_force' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {!d.filedOn && (
              <Form
                layout="inline"
                onFinish={(v: { filedWith: string; filedOn: string }) => step('/api/legal/documents/{id}/filing', { ...v, version: d.version })}
              >
                <Form.Item name="filedWith" label={t('legal.filedWith')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="filedOn" label={t('legal.filedOn')} rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
                <Button htmlType="submit" loading={action.busy}>
                  {t('legal.file')}
                </Button>
              </Form>
            )}
            <Button onClick={() => void step('/api/legal/documents/{id}/renewal', { version: d.version })}>{t('legal.renew')}</Button>
            <Form layout="inline" onFinish={(v: { reason: string }) => step('/api/legal/documents/{id}/repeal', { ...v, version: d.version })}>
              <Form.Item name="reason" label={t('legal.reason')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Button danger htmlType="submit" loading={action.busy}>
                {t('legal.repeal')}
              </Button>
            </Form>
          </Space>
        )}
      </Card>

      <Card size="small" className="block-gap" title={t('legal.comments')}>
        <List
          data-testid="legal-comments"
          dataSource={comments.data?.items ?? []}
          locale={{ emptyText: <Typography.Text>{t('legal.noComments')}</Typography.Text> }}
          renderItem={(c) => (
            <List.Item data-testid={`legal-comment-${c.id}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <span>
                  <Tag>{t('legal.article', { no: String(c.articleNo) })}</Tag>
                  <Tag color={c.status === 'approved' ? 'green' : c.status === 'rejected' ? 'default' : 'orange'}>{t(`legal.comment.${c.status}`)}</Tag>
                  {c.authorName} {c.body}
                </span>
                {c.answer && <Typography.Text type="secondary">{`${t('legal.answer')}: ${c.answer}`}</Typography.Text>}
                {c.status === 'pending' && <Moderate id={c.id} onDone={() => comments.reload()} />}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" className="block-gap" title={t('legal.steps')}>
        <Timeline
          data-testid="legal-steps"
          items={d.steps.map((s) => ({
            children: (
              <Space wrap size="small">
                {`${s.onDay} ${t(`legal.step.${s.action}` as MessageKey)} · ${s.actor}`}
                {s.fileId !== null && <LegalFileLink id={s.fileId} testId={`legal-step-file-${s.id}`} />}
              </Space>
            ),
          }))}
        />
      </Card>
    </Card>
  );
}

function Moderate({ id, onDone }: { id: number; onDone: () => void }) {
  const t = useT();
  const action = useAction();
  const [answer, setAnswer] = useState('');
  const [adopted, setAdopted] = useState(false);
  const go = (approve: boolean) =>
    action.run(() => api.post('/api/legal/comments/{id}/moderation', { params: { path: { id } }, body: { approve, answer: answer || null, adopted } }), onDone);
  return (
    <Space wrap>
      {action.error && <Alert type="error" title={action.error} />}
      <Input
        placeholder={t('legal.answer')}
        aria-label={t('legal.answer')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        data-testid={`legal-answer-${id}`}
      />
      <Checkbox checked={adopted} onChange={(e) => setAdopted(e.target.checked)}>
        {t('legal.adopted')}
      </Checkbox>
      <Button type="primary" size="small" onClick={() => void go(true)} data-testid={`legal-approve-${id}`}>
        {t('legal.approve')}
      </Button>
      <Button size="small" onClick={() => void go(false)}>
        {t('legal.reject')}
      </Button>
    </Space>
  );
}

function Decisions() {
  const t = useT();
  const list = useRemote(() => api.get('/api/legal/decisions'), []);
  const [id, setId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const action = useAction();
  const [form] = Form.useForm<{ title: string; departmentId: number; year: number }>();
  const create = async () => {
    const v = await form.validateFields();
    await action.run(
      () => api.create('/api/legal/decisions', { body: v }),
      (d) => {
        setCreating(false);
        list.reload();
        setId(d.id);
      },
    );
  };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="decision-new">
          {t('legal.newDecision')}
        </Button>
        <Table
          className="block-gap"
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('legal.decisionTitle'), dataIndex: 'title', render: (v: string, r) => <a data-testid={`decision-${r.id}`}>{v}</a> },
            { title: t('legal.year'), dataIndex: 'year' },
            { title: t('legal.statusLabel'), dataIndex: 'status', render: (s: Decision['status']) => <Tag>{t(`legal.decisionStatus.${s}`)}</Tag> },
          ]}
        />
      </Col>
      <Col xs={24} lg={15}>
        {id === undefined ? <Alert type="info" title={t('legal.pick')} /> : <DecisionDetail id={id} onChange={list.reload} />}
      </Col>
      <Modal
        open={creating}
        title={t('legal.newDecision')}
        onOk={create}
        onCancel={() => setCreating(false)}
        confirmLoading={action.busy}
        okButtonProps={{ 'data-testid': 'decision-create' } as ButtonProps}
      >
        {action.error && <Alert type="error" title={action.error} />}
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }}>
          <Form.Item name="title" label={t('legal.decisionTitle')} rules={[{ required: true }]}>
            <Input data-testid="decision-title" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('legal.department')} rules={[{ required: true }]}>
            <DepartmentSelect testId="decision-department" />
          </Form.Item>
          <Form.Item name="year" label={t('legal.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

type StepForm = {
  step: (typeof DECISION_STEPS)[number];
  opensOn?: string;
  closesOn?: string;
  shortReason?: string;
  summary?: string;
  hearing?: boolean;
  hearingNoticeOn?: string;
  hearingOn?: string;
  hearingPlace?: string;
  hearingParticipants?: number;
  hearingSummary?: string;
  experts?: string;
  opinion?: string;
  level?: 'low' | 'medium' | 'high';
  report?: string;
  startedOn?: string;
  finishedOn?: string;
  meeting?: string;
  meetingOn?: string;
  minutes?: string;
  headDecision?: string;
  differsFromMajority?: boolean;
  reasons?: string;
};

function stepBody(v: StepForm): StepBody {
  switch (v.step) {
    case 'public_participation':
      return {
        step: v.step,
        opensOn: v.opensOn!,
        closesOn: v.closesOn!,
        shortReason: v.shortReason || null,
        summary: v.summary!,
        hearing: v.hearing
          ? { noticeOn: v.hearingNoticeOn!, heldOn: v.hearingOn!, place: v.hearingPlace!, participants: v.hearingParticipants!, summary: v.hearingSummary! }
          : null,
      };
    case 'expert_argument':
      return {
        step: v.step,
        experts: (v.experts ?? '')
          .split(/[、,，]/)
          .map((s) => s.trim())
          .filter(Boolean),
        opinion: v.opinion!,
      };
    case 'risk_assessment':
      return { step: v.step, level: v.level ?? 'low', report: v.report! };
    case 'legality_review':
      return { step: v.step, startedOn: v.startedOn!, finishedOn: v.finishedOn!, opinion: v.opinion! };
    case 'collective_discussion':
      return {
        step: v.step,
        meeting: v.meeting!,
        meetingOn: v.meetingOn!,
        minutes: v.minutes!,
        headDecision: v.headDecision!,
        differsFromMajority: v.differsFromMajority ?? false,
        reasons: v.reasons || null,
      };
  }
}

function DecisionDetail({ id, onChange }: { id: number; onChange: () => void }) {
  const t = useT();
  const detail = useRemote(() => api.get('/api/legal/decisions/{id}', { params: { path: { id } } }), [id]);
  const action = useAction();
  const [form] = Form.useForm<StepForm>();
  const kind = Form.useWatch('step', form) ?? 'public_participation';
  const hearing = Form.useWatch('hearing', form) ?? false;
  const d: Decision | undefined = detail.data;
  if (!d) return <Card loading />;
  const path = { params: { path: { id } } };
  const reload = () => {
    detail.reload();
    onChange();
  };
  const req = [{ required: true }];
  return (
    <Card data-testid="decision-detail" title={d.title}>
      <Space wrap>
        <Tag data-testid="decision-status">{t(`legal.decisionStatus.${d.status}`)}</Tag>
        {d.missingSteps.length ? (
          <Tag color="orange" data-testid="decision-missing">
            {t('legal.missingSteps', { steps: d.missingSteps.map((s) => t(`legal.dstep.${s}`)).join('、') })}
          </Tag>
        ) : (
          <Tag color="green">{t('legal.allSteps')}</Tag>
        )}
      </Space>
      {action.error && <Alert className="block-gap" type="error" showIcon title={action.error} data-testid="decision-error" />}
      <Timeline className="block-gap" items={d.steps.map((s) => ({ children: `${t(`legal.dstep.${s.step}`)} · ${s.actor} · ${s.at.slice(0, 10)}` }))} />
      {d.status === 'catalogued' && (
        <>
          <Card size="small" title={t('legal.recordStep')}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ step: 'public_participation', level: 'low', differsFromMajority: false }}
              onFinish={(v) =>
                action.run(
                  () => api.post('/api/legal/decisions/{id}/steps', { ...path, body: stepBody(v) }),
                  () => {
                    form.resetFields();
                    reload();
                  },
                )
              }
            >
              <Form.Item name="step" label={t('legal.stepKind')}>
                <Select data-testid="decision-step-kind" options={DECISION_STEPS.map((s) => ({ value: s, label: t(`legal.dstep.${s}`) }))} />
              </Form.Item>
              {kind === 'public_participation' && (
                <>
                  <Form.Item name="opensOn" label={t('legal.opensOn')} rules={req}>
                    <Input type="date" data-testid="step-opens-on" />
                  </Form.Item>
                  <Form.Item name="closesOn" label={t('legal.closesOnPlain')} rules={req}>
                    <Input type="date" data-testid="step-closes-on" />
                  </Form.Item>
                  <Form.Item name="shortReason" label={t('legal.shortReason')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="summary" label={t('legal.summary')} rules={req}>
                    <Input.TextArea rows={2} data-testid="step-summary" />
                  </Form.Item>
                  <Form.Item name="hearing" valuePropName="checked">
                    <Checkbox data-testid="step-hearing">{t('legal.hearingHeld')}</Checkbox>
                  </Form.Item>
                  {hearing && (
                    <>
                      <Form.Item name="hearingNoticeOn" label={t('legal.hearingNoticeOn')} extra={t('legal.hearingNoticeHelp')} rules={req}>
                        <Input type="date" data-testid="step-hearing-notice-on" />
                      </Form.Item>
                      <Form.Item name="hearingOn" label={t('legal.hearingOn')} rules={req}>
                        <Input type="date" data-testid="step-hearing-on" />
                      </Form.Item>
                      <Form.Item name="hearingPlace" label={t('legal.hearingPlace')} rules={req}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="hearingParticipants" label={t('legal.hearingParticipants')} rules={req}>
                        <InputNumber min={1} />
                      </Form.Item>
                      <Form.Item name="hearingSummary" label={t('legal.hearingSummary')} rules={req}>
                        <Input.TextArea rows={2} />
                      </Form.Item>
                    </>
                  )}
                </>
              )}
              {kind === 'expert_argument' && (
                <Form.Item name="experts" label={t('legal.experts')} rules={req}>
                  <Input data-testid="step-experts" />
                </Form.Item>
              )}
              {(kind === 'expert_argument' || kind === 'legality_review') && (
                <Form.Item name="opinion" label={t('legal.opinion')} rules={req}>
                  <Input.TextArea rows={2} data-testid="step-opinion" />
                </Form.Item>
              )}
              {kind === 'risk_assessment' && (
                <>
                  <Form.Item name="level" label={t('legal.riskLevel')}>
                    <Select options={(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`legal.risk.${l}`) }))} />
                  </Form.Item>
                  <Form.Item name="report" label={t('legal.report')} rules={req}>
                    <Input.TextArea rows={2} data-testid="step-report" />
                  </Form.Item>
                </>
              )}
              {kind === 'legality_review' && (
                <>
                  <Form.Item name="startedOn" label={t('legal.startedOn')} rules={req}>
                    <Input type="date" data-testid="step-started-on" />
                  </Form.Item>
                  <Form.Item name="finishedOn" label={t('legal.finishedOn')} rules={req}>
                    <Input type="date" data-testid="step-finished-on" />
                  </Form.Item>
                </>
              )}
              {kind === 'collective_discussion' && (
                <>
                  <Form.Item name="meeting" label={t('legal.meeting')} rules={req}>
                    <Input data-testid="step-meeting" />
                  </Form.Item>
                  <Form.Item name="meetingOn" label={t('legal.meetingOn')} rules={req}>
                    <Input type="date" data-testid="step-meeting-on" />
                  </Form.Item>
                  <Form.Item name="minutes" label={t('legal.minutes')} rules={req}>
                    <Input.TextArea rows={2} data-testid="step-minutes" />
                  </Form.Item>
                  <Form.Item name="headDecision" label={t('legal.headDecision')} rules={req}>
                    <Input data-testid="step-head" />
                  </Form.Item>
                  <Form.Item name="differsFromMajority" valuePropName="checked">
                    <Checkbox>{t('legal.differs')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="reasons" label={t('legal.reasons')}>
                    <Input />
                  </Form.Item>
                </>
              )}
              <Button htmlType="submit" loading={action.busy} data-testid="decision-record-step">
                {t('legal.recordStep')}
              </Button>
            </Form>
          </Card>
          <Form
            className="block-gap"
            layout="vertical"
            onFinish={(v: { decision: string }) =>
              action.run(() => api.post('/api/legal/decisions/{id}/decision', { ...path, body: { decision: v.decision, version: d.version } }), reload)
            }
          >
            <Form.Item name="decision" label={t('legal.decisionText')} rules={req}>
              <Input.TextArea rows={2} data-testid="decision-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={action.busy} data-testid="decision-decide">
              {t('legal.decide')}
            </Button>
          </Form>
        </>
      )}
      {d.decision && (
        <Descriptions className="block-gap" column={1} bordered size="small">
          <Descriptions.Item label={t('legal.decisionText')}>{`${d.decidedOn} · ${d.decision}`}</Descriptions.Item>
          {d.executedFrom && <Descriptions.Item label={t('legal.executedFrom')}>{`${d.publishedOn ?? ''} / ${d.executedFrom}`}</Descriptions.Item>}
        </Descriptions>
      )}
      <AfterDecision d={d} run={action.run} busy={action.busy} reload={reload} />
    </Card>
  );
}

/** After the decision (国务院令第713号 arts. 32–36): published and executed, then evaluated (后评估) while executing. */
function AfterDecision({ d, run, busy, reload }: { d: Decision; run: ReturnType<typeof useAction>['run']; busy: boolean; reload: () => void }) {
  const t = useT();
  const path = { params: { path: { id: d.id } } };
  const req = [{ required: true }];
  return (
    <>
      {d.evaluations.length > 0 && (
        <List
          className="block-gap"
          size="small"
          header={t('legal.evaluations')}
          data-testid="decision-evaluations"
          dataSource={d.evaluations}
          renderItem={(e) => (
            <List.Item>
              <Space wrap>
                <Tag color={e.conclusion === 'stop' ? 'red' : e.conclusion === 'adjust' ? 'orange' : 'green'}>{t(`legal.conclusion.${e.conclusion}`)}</Tag>
                {`${e.evaluatedOn} · ${e.evaluator} · ${e.findings}`}
              </Space>
            </List.Item>
          )}
        />
      )}
      {d.status === 'decided' && (
        <Form
          className="block-gap"
          layout="inline"
          onFinish={(v: { publishedOn: string; executedFrom: string }) =>
            run(() => api.post('/api/legal/decisions/{id}/execution', { ...path, body: { ...v, version: d.version } }), reload)
          }
        >
          <Form.Item name="publishedOn" label={t('legal.publishedOn')} rules={req}>
            <Input type="date" data-testid="decision-published-on" />
          </Form.Item>
          <Form.Item name="executedFrom" label={t('legal.executedFromDay')} rules={req}>
            <Input type="date" data-testid="decision-executed-from" />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="decision-execute">
            {t('legal.execute')}
          </Button>
        </Form>
      )}
      {d.status === 'executing' && (
        <Card size="small" className="block-gap" title={t('legal.evaluate')}>
          <Form
            layout="vertical"
            initialValues={{ conclusion: 'continue' }}
            onFinish={(v: { evaluatedOn: string; evaluator: string; findings: string; conclusion: 'continue' | 'adjust' | 'stop' }) =>
              run(() => api.post('/api/legal/decisions/{id}/evaluations', { ...path, body: { ...v, version: d.version } }), reload)
            }
          >
            <Form.Item name="evaluatedOn" label={t('legal.evaluatedOn')} rules={req}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="evaluator" label={t('legal.evaluator')} rules={req}>
              <Input />
            </Form.Item>
            <Form.Item name="findings" label={t('legal.findings')} rules={req}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="conclusion" label={t('legal.conclusionLabel')}>
              <Select options={(['continue', 'adjust', 'stop'] as const).map((c) => ({ value: c, label: t(`legal.conclusion.${c}`) }))} />
            </Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="decision-evaluate">
              {t('legal.evaluate')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

const PROPOSALS = ['keep', 'amend', 'repeal', 'declare_lapsed'] as const;

function Cleanups() {
  const t = useT();
  const list = useRemote(() => api.get('/api/legal/cleanups'), []);
  const [id, setId] = useState<number>();
  const action = useAction();
  const [form] = Form.useForm<{ title: string; departmentId: number }>();
  const detail = useRemote(() => (id === undefined ? Promise.resolve(undefined) : api.get('/api/legal/cleanups/{id}', { params: { path: { id } } })), [id]);
  const c = detail.data;
  const [drafts, setDrafts] = useState<Record<number, { proposal?: (typeof PROPOSALS)[number]; reason?: string }>>({});
  const reload = () => {
    detail.reload();
    list.reload();
  };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            action.run(
              () => api.create('/api/legal/cleanups', { body: v }),
              (r) => (list.reload(), setId(r.id)),
            )
          }
        >
          <Form.Item name="title" label={t('legal.cleanupTitle')} rules={[{ required: true }]}>
            <Input data-testid="cleanup-title" />
          </Form.Item>
          <Form.Item name="departmentId" label={t('legal.department')} rules={[{ required: true }]}>
            <DepartmentSelect testId="cleanup-department" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.busy} data-testid="cleanup-new">
            {t('legal.newCleanup')}
          </Button>
        </Form>
        <List
          className="block-gap"
          dataSource={list.data?.items ?? []}
          renderItem={(r) => (
            <List.Item onClick={() => setId(r.id)} style={{ cursor: 'pointer' }} data-testid={`cleanup-${r.id}`}>
              <List.Item.Meta
                title={<a>{r.title}</a>}
                description={`${t(`legal.cleanupStatus.${r.status}`)} · ${t('legal.cleanupDocs', { n: String(r.documents) })}`}
              />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={15}>
        {action.error && <Alert type="error" showIcon title={action.error} data-testid="cleanup-error" />}
        {!c ? (
          <Alert type="info" title={t('legal.pick')} />
        ) : (
          <Card title={c.title} data-testid="cleanup-detail">
            <Tag>{t(`legal.cleanupStatus.${c.status}`)}</Tag>
            <Table
              className="block-gap"
              size="small"
              rowKey="documentId"
              pagination={false}
              dataSource={c.items}
              columns={[
                { title: t('legal.docTitle'), dataIndex: 'title', render: (v: string, r) => `${v}${r.docNumber ? ` ${r.docNumber}` : ''}` },
                {
                  title: t('legal.proposal'),
                  render: (_: unknown, r) =>
                    c.status === 'open' ? (
                      <Space wrap>
                        <Select
                          aria-label={t('legal.proposal')}
                          style={{ minWidth: 110 }}
                          value={drafts[r.documentId]?.proposal ?? r.proposal ?? undefined}
                          onChange={(p) => setDrafts({ ...drafts, [r.documentId]: { ...drafts[r.documentId], proposal: p } })}
                          options={PROPOSALS.map((p) => ({ value: p, label: t(`legal.proposal.${p}`) }))}
                          data-testid={`cleanup-proposal-${r.documentId}`}
                        />
                        <Input
                          aria-label={t('legal.reason')}
                          placeholder={t('legal.reason')}
                          defaultValue={r.reason ?? ''}
                          onChange={(e) => setDrafts({ ...drafts, [r.documentId]: { ...drafts[r.documentId], reason: e.target.value } })}
                          data-testid={`cleanup-reason-${r.documentId}`}
                        />
                        <Button
                          size="small"
                          data-testid={`cleanup-save-${r.documentId}`}
                          onClick={() => {
                            const dr = drafts[r.documentId] ?? {};
                            const proposal = dr.proposal ?? r.proposal;
                            if (!proposal) return;
                            void action.run(
                              () =>
                                api.post('/api/legal/cleanups/{id}/proposals', {
                                  params: { path: { id: c.id } },
                                  body: { documentId: r.documentId, proposal, reason: dr.reason ?? r.reason ?? '' },
                                }),
                              reload,
                            );
                          }}
                        >
                          {t('legal.save')}
                        </Button>
                      </Space>
                    ) : r.proposal ? (
                      `${t(`legal.proposal.${r.proposal}`)} · ${r.reason ?? ''}`
                    ) : (
                      ''
                    ),
                },
              ]}
            />
            {c.status === 'open' && (
              <Button
                className="block-gap"
                type="primary"
                loading={action.busy}
                data-testid="cleanup-approve"
                onClick={() =>
                  void action.run(() => api.post('/api/legal/cleanups/{id}/approval', { params: { path: { id: c.id } }, body: { version: c.version } }), reload)
                }
              >
                {t('legal.approveCleanup')}
              </Button>
            )}
          </Card>
        )}
      </Col>
    </Row>
  );
}

const MATTERS = ['contract', 'project', 'document', 'decision', 'other'] as const;

function Reviews() {
  const t = useT();
  const reviews = useRemote(() => api.get('/api/legal/reviews'), []);
  const advisers = useRemote(() => api.get('/api/legal/advisers'), []);
  const counts = useRemote(() => api.get('/api/legal/reviews/counts'), []);
  const action = useAction();
  const [form] = Form.useForm<{ matterKind: (typeof MATTERS)[number]; title: string; departmentId: number }>();
  const [adviserForm] = Form.useForm<{
    name: string;
    kind: 'adviser' | 'public_lawyer';
    organisation?: string;
    departmentId: number;
    engagedFrom: string;
    engagedUntil: string;
  }>();
  const reload = () => {
    reviews.reload();
    advisers.reload();
    counts.reload();
  };
  const n = counts.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {n && (
        <Alert
          type="info"
          data-testid="review-counts"
          title={t('legal.reviewCounts', {
            year: String(n.year),
            matters: String(n.matters),
            reviewed: String(n.reviewed),
            advised: String(n.withAdviserOpinion),
          })}
        />
      )}
      {action.error && <Alert type="error" showIcon title={action.error} />}
      <Card size="small" title={t('legal.reviews')}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ matterKind: 'contract' }}
          onFinish={(v) =>
            action.run(
              () => api.create('/api/legal/reviews', { body: v }),
              () => (form.resetFields(), reload()),
            )
          }
        >
          <Form.Item name="matterKind" label={t('legal.matterKind')}>
            <Select style={{ minWidth: 100 }} options={MATTERS.map((m) => ({ value: m, label: t(`legal.matter.${m}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('legal.matterTitle')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="departmentId" label={t('legal.department')} rules={[{ required: true }]}>
            <DepartmentSelect />
          </Form.Item>
          <Button htmlType="submit">{t('legal.submit')}</Button>
        </Form>
        <Table
          className="block-gap"
          size="small"
          rowKey="id"
          dataSource={reviews.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('legal.matterKind'), dataIndex: 'matterKind', render: (m: (typeof MATTERS)[number]) => t(`legal.matter.${m}`) },
            { title: t('legal.matterTitle'), dataIndex: 'title' },
            { title: t('legal.submittedOn'), dataIndex: 'submittedOn' },
            {
              title: t('legal.reviewerOpinion'),
              render: (_: unknown, r) =>
                r.opinion ?? (
                  <Input.Search
                    aria-label={t('legal.reviewerOpinion')}
                    enterButton={t('legal.submit')}
                    onSearch={(opinion) =>
                      opinion &&
                      void action.run(
                        () => api.post('/api/legal/reviews/{id}/opinion', { params: { path: { id: r.id } }, body: { opinion, version: r.version } }),
                        reload,
                      )
                    }
                  />
                ),
            },
            {
              title: t('legal.adviserOpinion'),
              render: (_: unknown, r) => (r.adviserOpinion ? `${r.adviserName ?? ''}：${r.adviserOpinion}` : ''),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('legal.advisers')}>
        <Form
          form={adviserForm}
          layout="inline"
          initialValues={{ kind: 'adviser' }}
          onFinish={(v) =>
            action.run(
              () => api.create('/api/legal/advisers', { body: { ...v, organisation: v.organisation || null } }),
              () => (adviserForm.resetFields(), reload()),
            )
          }
        >
          <Form.Item name="name" label={t('legal.adviserName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('legal.adviserKind')}>
            <Select
              style={{ minWidth: 110 }}
              options={(['adviser', 'public_lawyer'] as const).map((k) => ({ value: k, label: t(`legal.adviserKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="organisation" label={t('legal.organisation')}>
            <Input />
          </Form.Item>
          <Form.Item name="departmentId" label={t('legal.department')} rules={[{ required: true }]}>
            <DepartmentSelect />
          </Form.Item>
          <Form.Item name="engagedFrom" label={t('legal.engagedFrom')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="engagedUntil" label={t('legal.engagedUntil')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Button htmlType="submit">{t('legal.submit')}</Button>
        </Form>
        <Table
          className="block-gap"
          size="small"
          rowKey="id"
          dataSource={advisers.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('legal.adviserName'), dataIndex: 'name' },
            { title: t('legal.adviserKind'), dataIndex: 'kind', render: (k: 'adviser' | 'public_lawyer') => t(`legal.adviserKind.${k}`) },
            { title: t('legal.organisation'), dataIndex: 'organisation' },
            { title: t('legal.engagement'), render: (_: unknown, a) => `${a.engagedFrom} — ${a.engagedUntil}` },
            { title: t('legal.mattersAdvised'), dataIndex: 'matters' },
          ]}
        />
      </Card>
    </Space>
  );
}
