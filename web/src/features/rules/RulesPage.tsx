import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import type { Reply } from '../../api/types.ts';
import { useAction } from '../../components/useAction.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';

type Detail = Reply<'/api/rule-sets/{id}'>;
type Version = Detail['versions'][number];
type Content = Version['content'];
type RuleInput = Content['inputs'][number];
type Source = RuleInput['source'];
type Condition = Content['conditions'][number];
type Outcome = Content['goldenCases'][number]['expected'];
type Golden = Reply<'/api/rule-sets/{id}/golden', 'post'>;
type Tested = Reply<'/api/rule-sets/{id}/test', 'post'>;
type Replayed = Reply<'/api/rule-sets/{id}/replay', 'post'>;

/** An input row as edited: its source as one line (`form:field`, `profile:age`, `license:CODE:held`, …). */
type InputRow = Omit<RuleInput, 'source'> & { source: string };
type GoldenRow = { name: string; inputs: string; expected: Outcome };

const TYPES = ['number', 'string', 'boolean', 'date'] as const;
const OUTCOMES: Outcome[] = ['grant', 'refuse', 'undecidable'];
const OUTCOME_COLOR: Record<Outcome, string> = { grant: 'green', refuse: 'red', undecidable: 'orange' };
const RESULT_COLOR: Record<string, string> = { pass: 'green', fail: 'red', missing: 'orange', error: 'volcano' };

function sourceText(s: Source): string {
  switch (s.kind) {
    case 'form':
      return `form:${s.field}`;
    case 'profile':
      return `profile:${s.attribute}`;
    case 'license':
      return `license:${s.typeCode}:${s.attribute === 'held' ? 'held' : (s.field ?? '')}`;
    case 'exchange':
      return `exchange:${s.resource}:${s.field}`;
  }
}

/** The source a line names, or undefined when it is not understood. */
function parseSource(text: string): Source | undefined {
  const [kind, a, ...rest] = text.trim().split(':');
  const b = rest.join(':');
  if (kind === 'form' && a) return { kind, field: a };
  if (kind === 'profile' && a) return { kind, attribute: a as Extract<Source, { kind: 'profile' }>['attribute'] };
  if (kind === 'license' && a && b) return b === 'held' ? { kind, typeCode: a, attribute: 'held' } : { kind, typeCode: a, attribute: 'field', field: b };
  if (kind === 'exchange' && a && b) return { kind, resource: a, field: b };
  return undefined;
}

const STARTER: Content = {
  inputs: [{ key: 'age', type: 'number', labelZh: '申请人年龄', labelEn: 'applicant’s age', source: { kind: 'profile', attribute: 'age' } }],
  conditions: [
    {
      key: 'adult',
      input: 'age',
      test: '>= 18',
      labelZh: '申请人年满十八周岁',
      labelEn: 'The applicant is 18 or older',
      article: '《中华人民共和国民法典》第十八条',
    },
  ],
  goldenCases: [
    { name: '成年人', inputs: { age: 30 }, expected: 'grant' },
    { name: '未成年人', inputs: { age: 16 }, expected: 'refuse' },
  ],
};

/**
 * The item admin's rule sets: pick one of my scope; edit the latest draft as tables (inputs with their sources,
 * conditions with their tests and articles, golden cases); run the golden cases and see each pass or fail; test one
 * input and read the trace; publish (the server refuses while a golden case fails), start a new version, retire.
 */
export default function RulesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const list = useRemote(() => api.get('/api/rule-sets', { params: { query: { pageSize: 200 } } }), []);
  const [id, setId] = useState<number>();
  const [detail, setDetail] = useState<Detail>();
  const [inputs, setInputs] = useState<InputRow[]>([]);
  const [conditions, setConditions] = useState<Condition[]>([]);
  const [golden, setGolden] = useState<GoldenRow[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [goldenRun, setGoldenRun] = useState<Golden>();
  const [testText, setTestText] = useState('{}');
  const [tested, setTested] = useState<Tested>();
  const [replayed, setReplayed] = useState<Replayed>();
  const action = useAction({ describe: (err, l) => errorText(err, l) + detailsOf(err) });
  const { error: problem, busy } = action;
  const [creating, setCreating] = useState(false);
  const [implQuery, setImplQuery] = useState('');
  const implementations = useRemote(
    () => (creating ? api.get('/api/catalog/implementations', { params: { query: { q: implQuery || undefined, pageSize: 50 } } }) : Promise.resolve(undefined)),
    [creating, implQuery],
  );
  const [form] = Form.useForm<{ code: string; name: string; implementationId: number; validFrom: string }>();

  const load = async (ruleSetId: number) => {
    const d = await api.get('/api/rule-sets/{id}', { params: { path: { id: ruleSetId } } });
    const v = d.versions[0];
    setDetail(d);
    setInputs(v.content.inputs.map((i) => ({ ...i, source: sourceText(i.source) })));
    setConditions(v.content.conditions);
    setGolden(v.content.goldenCases.map((g) => ({ name: g.name, inputs: JSON.stringify(g.inputs), expected: g.expected })));
    setValidFrom(v.validFrom);
    setValidTo(v.validTo ?? '');
    setGoldenRun(undefined);
    setTested(undefined);
    setReplayed(undefined);
    action.clear();
    setTestText(JSON.stringify(v.content.goldenCases[0]?.inputs ?? {}, null, 1));
  };
  useEffect(() => {
    if (id !== undefined) void load(id);
  }, [id]);

  const latest = detail?.versions[0];
  const editable = latest?.status === 'draft';
  const path = { params: { path: { id: id! } } };

  /** The edited tables as a definition, or the first thing that is not understood. */
  const content = useMemo((): { content?: Content; error?: string } => {
    const parsedInputs: RuleInput[] = [];
    for (const row of inputs) {
      const source = parseSource(row.source);
      if (!source) return { error: t('rules.badSource', { source: row.source }) };
      parsedInputs.push({ ...row, source });
    }
    const goldenCases: Content['goldenCases'] = [];
    for (const g of golden) {
      try {
        goldenCases.push({ name: g.name, inputs: JSON.parse(g.inputs || '{}') as Content['goldenCases'][number]['inputs'], expected: g.expected });
      } catch {
        return { error: `${t('rules.badJson')}: ${g.name}` };
      }
    }
    return { content: { inputs: parsedInputs, conditions, goldenCases } };
  }, [inputs, conditions, golden, t]);

  /** Runs a call; one that changes the rule set says so and reloads it and the list. */
  const act = (run: () => Promise<unknown>, reload = true) =>
    action.run(
      async () => {
        await run();
        if (!reload) return;
        if (id !== undefined) await load(id);
        list.reload();
      },
      undefined,
      reload ? undefined : null,
    );

  const create = async () => {
    const values = await form.validateFields();
    await act(async () => {
      const d = await api.create('/api/rule-sets', {
        body: {
          code: values.code,
          name: values.name,
          purpose: 'approval',
          implementationId: values.implementationId,
          validFrom: values.validFrom,
          validTo: null,
          content: STARTER,
        },
      });
      setCreating(false);
      list.reload();
      setId(d.id);
    }, false);
  };

  const edit = <T,>(rows: T[], set: (rows: T[]) => void, index: number, change: Partial<T>) => set(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const text = <T,>(title: string, rows: T[], set: (rows: T[]) => void, field: keyof T & string, testId?: string) => ({
    title,
    dataIndex: field,
    render: (value: string, _row: T, index: number) => (
      <Input
        size="small"
        aria-label={`${title} ${index + 1}`}
        value={value}
        disabled={!editable}
        data-testid={testId ? `${testId}-${index}` : undefined}
        onChange={(e) => edit(rows, set, index, { [field]: e.target.value } as Partial<T>)}
      />
    ),
  });
  const remove = <T,>(rows: T[], set: (rows: T[]) => void) => ({
    key: 'remove',
    width: 60,
    render: (_: unknown, _row: T, index: number) => (
      <Button size="small" type="link" danger disabled={!editable} onClick={() => set(rows.filter((_r, i) => i !== index))}>
        {t('common.remove')}
      </Button>
    ),
  });
  const goldenResult = (name: string) => goldenRun?.results.find((r) => r.name === name);

  return (
    <Card data-testid="rules-page">
      <Typography.Title level={3}>
        <ThunderboltOutlined /> {t('rules.title')}
      </Typography.Title>
      <Space wrap>
        <Select
          className="wide-select"
          placeholder={t('rules.pick')}
          aria-label={t('rules.pick')}
          loading={list.loading}
          value={id}
          onChange={setId}
          data-testid="rules-pick"
          notFoundContent={t('rules.none')}
          options={(list.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.name}（${s.code}${s.implementationCode ? ` · ${s.implementationCode}` : ''}） ${t(`rules.status.${s.latestStatus}` as MessageKey)}`,
          }))}
        />
        <Button onClick={() => setCreating(true)} data-testid="rules-new">
          {t('rules.new')}
        </Button>
      </Space>
      <Modal open={creating} title={t('rules.new')} onOk={() => void create()} onCancel={() => setCreating(false)} confirmLoading={busy}>
        <Form form={form} layout="vertical" initialValues={{ validFrom: new Date().toISOString().slice(0, 10) }}>
          <Form.Item name="code" label={t('rules.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/ }]}>
            <Input data-testid="rules-new-code" />
          </Form.Item>
          <Form.Item name="name" label={t('rules.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="rules-new-name" />
          </Form.Item>
          <Form.Item name="implementationId" label={t('rules.implementation')} rules={[{ required: true }]}>
            <Select
              showSearch
              aria-label={t('rules.implementation')}
              filterOption={false}
              onSearch={setImplQuery}
              loading={implementations.loading}
              data-testid="rules-new-implementation"
              options={(implementations.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
            />
          </Form.Item>
          <Form.Item name="validFrom" label={t('rules.validFrom')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      {problem && <Alert className="block-gap" type="error" showIcon title={problem} data-testid="rules-problem" />}
      {detail && latest && (
        <>
          <Space wrap className="block-gap">
            <Tag data-testid="rules-status">{t('rules.version', { number: latest.number, status: t(`rules.status.${latest.status}` as MessageKey) })}</Tag>
            {latest.hash && <Typography.Text type="secondary">{t('rules.hash', { hash: latest.hash.slice(0, 16) })}</Typography.Text>}
            {editable && (
              <>
                <Button
                  type="primary"
                  disabled={busy || !content.content}
                  data-testid="rules-save"
                  onClick={() =>
                    act(() =>
                      api.put('/api/rule-sets/{id}/draft', {
                        ...path,
                        body: { validFrom, validTo: validTo || null, content: content.content!, version: latest.version },
                      }),
                    )
                  }
                >
                  {t('rules.save')}
                </Button>
                <Button
                  disabled={busy}
                  data-testid="rules-replay-run"
                  onClick={() => act(async () => setReplayed(await api.post('/api/rule-sets/{id}/replay', { ...path, body: {} })), false)}
                >
                  {t('rules.replay.run')}
                </Button>
                <Button
                  disabled={busy}
                  data-testid="rules-publish"
                  onClick={() =>
                    // Replayed first: no change publishes at once; a change is shown and waits for the publisher to confirm it.
                    act(async () => {
                      const r = await api.post('/api/rule-sets/{id}/replay', { ...path, body: {} });
                      if (r.changed > 0) return setReplayed(r);
                      await api.post('/api/rule-sets/{id}/publish', { ...path, body: { version: latest.version, replayDigest: r.digest } });
                      if (id !== undefined) await load(id);
                      list.reload();
                      message.success(t('common.saved'));
                    }, false)
                  }
                >
                  {t('rules.publish')}
                </Button>
              </>
            )}
            <Button
              disabled={busy}
              data-testid="rules-golden-run"
              onClick={() => act(async () => setGoldenRun(await api.post('/api/rule-sets/{id}/golden', { ...path, body: {} })), false)}
            >
              {t('rules.golden.run')}
            </Button>
            {!editable && (
              <Button disabled={busy} onClick={() => act(() => api.post('/api/rule-sets/{id}/versions', { ...path, body: { version: detail.version } }))}>
                {t('rules.newVersion')}
              </Button>
            )}
            {detail.publishedVersionId !== null && (
              <Button danger disabled={busy} onClick={() => act(() => api.post('/api/rule-sets/{id}/retire', { ...path, body: { version: detail.version } }))}>
                {t('rules.retire')}
              </Button>
            )}
            {detail.purpose === 'approval' && (
              <Space size={4}>
                <Switch
                  checked={detail.instantApproval}
                  disabled={busy || (!detail.instantApproval && detail.publishedVersionId === null)}
                  aria-label={t('rules.instant')}
                  data-testid="rules-instant"
                  onChange={(on) => act(() => api.put('/api/rule-sets/{id}/instant', { ...path, body: { instantApproval: on, version: detail.version } }))}
                />
                <Typography.Text>{t('rules.instant')}</Typography.Text>
              </Space>
            )}
          </Space>
          {replayed && (
            <ReplayDiff
              replayed={replayed}
              busy={busy}
              canConfirm={editable && replayed.versionId === latest.id}
              onConfirm={() =>
                act(() => api.post('/api/rule-sets/{id}/publish', { ...path, body: { version: latest.version, replayDigest: replayed.digest } }))
              }
            />
          )}
          {!editable && <Alert className="block-gap" type="info" showIcon title={t('rules.readonly')} />}
          {content.error && <Alert className="block-gap" type="warning" showIcon title={content.error} />}
          {editable ? (
            <Space wrap className="block-gap">
              <Input addonBefore={t('rules.validFrom')} aria-label={t('rules.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
              <Input addonBefore={t('rules.validTo')} aria-label={t('rules.validTo')} value={validTo} onChange={(e) => setValidTo(e.target.value)} />
            </Space>
          ) : (
            <Typography.Paragraph className="block-gap">{t('rules.validity', { from: latest.validFrom, to: latest.validTo ?? '—' })}</Typography.Paragraph>
          )}

          <Typography.Title level={4} className="block-gap">
            {t('rules.inputs')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('rules.inputs.help')}</Typography.Paragraph>
          <Table<InputRow>
            size="small"
            pagination={false}
            rowKey={(_r, i) => String(i)}
            dataSource={inputs}
            data-testid="rules-inputs"
            columns={[
              { ...text(t('rules.col.key'), inputs, setInputs, 'key') },
              {
                title: t('rules.col.type'),
                dataIndex: 'type',
                render: (value: RuleInput['type'], _row, index) => (
                  <Select
                    size="small"
                    aria-label={`${t('rules.col.type')} ${index + 1}`}
                    value={value}
                    disabled={!editable}
                    options={TYPES.map((v) => ({ value: v, label: v }))}
                    onChange={(v) => edit(inputs, setInputs, index, { type: v })}
                  />
                ),
              },
              { ...text(t('rules.col.label'), inputs, setInputs, 'labelZh') },
              { ...text(t('rules.col.source'), inputs, setInputs, 'source') },
              remove(inputs, setInputs),
            ]}
          />
          {editable && (
            <Button
              size="small"
              className="block-gap"
              onClick={() => setInputs([...inputs, { key: `input${inputs.length + 1}`, type: 'string', labelZh: '', labelEn: '', source: 'form:' }])}
            >
              {t('rules.add')}
            </Button>
          )}

          <Typography.Title level={4} className="block-gap">
            {t('rules.conditions')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('rules.conditions.help')}</Typography.Paragraph>
          <Table<Condition>
            size="small"
            pagination={false}
            rowKey={(_r, i) => String(i)}
            dataSource={conditions}
            data-testid="rules-conditions"
            columns={[
              { ...text(t('rules.col.key'), conditions, setConditions, 'key') },
              {
                title: t('rules.col.input'),
                dataIndex: 'input',
                render: (value: string, _row, index) => (
                  <Select
                    size="small"
                    aria-label={`${t('rules.col.input')} ${index + 1}`}
                    value={value}
                    disabled={!editable}
                    options={inputs.map((i) => ({ value: i.key, label: i.labelZh || i.key }))}
                    onChange={(v) => edit(conditions, setConditions, index, { input: v })}
                  />
                ),
              },
              { ...text(t('rules.col.test'), conditions, setConditions, 'test', 'rules-condition-test') },
              { ...text(t('rules.col.label'), conditions, setConditions, 'labelZh') },
              { ...text(t('rules.col.article'), conditions, setConditions, 'article') },
              remove(conditions, setConditions),
            ]}
          />
          {editable && (
            <Button
              size="small"
              className="block-gap"
              onClick={() =>
                setConditions([
                  ...conditions,
                  { key: `c${conditions.length + 1}`, input: inputs[0]?.key ?? '', test: '', labelZh: '', labelEn: '', article: '' },
                ])
              }
            >
              {t('rules.add')}
            </Button>
          )}

          <Typography.Title level={4} className="block-gap">
            {t('rules.golden')}{' '}
            {goldenRun && (
              <Tag color={goldenRun.passed ? 'green' : 'red'} data-testid="rules-golden-verdict">
                {t(goldenRun.passed ? 'rules.golden.passed' : 'rules.golden.failed')}
              </Tag>
            )}
          </Typography.Title>
          <Table<GoldenRow>
            size="small"
            pagination={false}
            rowKey={(_r, i) => String(i)}
            dataSource={golden}
            data-testid="rules-golden"
            columns={[
              { ...text(t('rules.name'), golden, setGolden, 'name') },
              { ...text(t('rules.col.inputs'), golden, setGolden, 'inputs') },
              {
                title: t('rules.col.expected'),
                dataIndex: 'expected',
                render: (value: Outcome, _row, index) => (
                  <Select
                    size="small"
                    aria-label={`${t('rules.col.expected')} ${index + 1}`}
                    value={value}
                    disabled={!editable}
                    options={OUTCOMES.map((o) => ({ value: o, label: t(`rules.outcome.${o}` as MessageKey) }))}
                    onChange={(v) => edit(golden, setGolden, index, { expected: v })}
                  />
                ),
              },
              {
                title: t('rules.col.actual'),
                key: 'actual',
                render: (_: unknown, row) => {
                  const r = goldenResult(row.name);
                  return r ? (
                    <Tag color={r.passed ? 'green' : 'red'} title={localizedExplanation(r.decision, lang)}>
                      {t(`rules.outcome.${r.actual}` as MessageKey)}
                    </Tag>
                  ) : null;
                },
              },
              remove(golden, setGolden),
            ]}
          />
          {editable && (
            <Button
              size="small"
              className="block-gap"
              onClick={() => setGolden([...golden, { name: `用例 ${golden.length + 1}`, inputs: '{}', expected: 'grant' }])}
            >
              {t('rules.add')}
            </Button>
          )}

          <Typography.Title level={4} className="block-gap">
            {t('rules.test')}
          </Typography.Title>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Input.TextArea
                aria-label={t('rules.test')}
                value={testText}
                onChange={(e) => setTestText(e.target.value)}
                autoSize={{ minRows: 6, maxRows: 20 }}
                spellCheck={false}
                className="code-area"
                data-testid="rules-test-inputs"
              />
              <Button
                className="block-gap"
                disabled={busy}
                data-testid="rules-test-run"
                onClick={() =>
                  act(async () => {
                    let values: Record<string, string | number | boolean | null>;
                    try {
                      values = JSON.parse(testText) as typeof values;
                    } catch {
                      throw new Error(t('rules.badJson'));
                    }
                    setTested(await api.post('/api/rule-sets/{id}/test', { ...path, body: { inputs: values } }));
                  }, false)
                }
              >
                {t('rules.test.run')}
              </Button>
            </Col>
            <Col xs={24} lg={16}>
              {tested && (
                <div data-testid="rules-test-result">
                  <Tag color={OUTCOME_COLOR[tested.decision.outcome]} data-testid="rules-test-outcome">
                    {t(`rules.outcome.${tested.decision.outcome}` as MessageKey)}
                  </Tag>
                  <Typography.Paragraph className="block-gap" data-testid="rules-test-explanation">
                    {localizedExplanation(tested.decision, lang)}
                  </Typography.Paragraph>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="condition"
                    dataSource={tested.decision.trace}
                    columns={[
                      { title: t('rules.col.label'), dataIndex: lang === 'zh' ? 'labelZh' : 'labelEn', render: (v: string, row) => v || row.labelZh },
                      { title: t('rules.col.value'), dataIndex: 'value', render: (v: unknown) => (v === null ? '—' : String(v)) },
                      { title: t('rules.col.test'), dataIndex: 'test', render: (v: string) => <code>{v}</code> },
                      {
                        title: t('rules.col.result'),
                        dataIndex: 'result',
                        render: (v: string, row) => (
                          <Tag color={RESULT_COLOR[v]} title={row.error?.message}>
                            {t(`rules.result.${v}` as MessageKey)}
                          </Tag>
                        ),
                      },
                      { title: t('rules.col.article'), dataIndex: 'article' },
                    ]}
                  />
                </div>
              )}
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

function localizedExplanation(d: { explanationZh: string; explanationEn: string }, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? d.explanationZh : d.explanationEn;
}

/** The definition problems a RULE_DEFINITION_INVALID or RULE_GOLDEN_FAILED reply lists, one per line. */
function detailsOf(err: unknown): string {
  const details = (err as { details?: { problems?: { at?: string; message: string }[]; failed?: { name: string; expected: string; actual: string }[] } })
    .details;
  const lines = [
    ...(details?.problems ?? []).map((p) => `${p.at ?? ''} ${p.message}`),
    ...(details?.failed ?? []).map((f) => `${f.name}: ${f.expected} ≠ ${f.actual}`),
  ];
  return lines.length ? `：${lines.join('；')}` : '';
}

/**
 * What a version would change if published (ADR 0041): how many historic applications were replayed, how many outcomes
 * change, and each changed case with its old and new outcome and the conditions that flipped; the publisher confirms.
 */
function ReplayDiff({ replayed, busy, canConfirm, onConfirm }: { replayed: Replayed; busy: boolean; canConfirm: boolean; onConfirm: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const outcome = (o: Outcome | null) =>
    o === null ? <Tag>{t('rules.replay.people')}</Tag> : <Tag color={OUTCOME_COLOR[o]}>{t(`rules.outcome.${o}` as MessageKey)}</Tag>;
  const result = (r: string | null) => (r === null ? '—' : t(`rules.result.${r}` as MessageKey));
  return (
    <Card size="small" className="block-gap" title={t('rules.replay.title')} data-testid="rules-replay" data-changed={replayed.changed}>
      <Typography.Paragraph data-testid="rules-replay-summary">
        {t('rules.replay.summary', {
          replayed: replayed.replayed,
          changed: replayed.changed,
          against:
            replayed.againstVersionNumber === null ? t('rules.replay.noneInForce') : t('rules.replay.against', { number: replayed.againstVersionNumber }),
        })}
        {replayed.truncated ? ` ${t('rules.replay.truncated', { limit: replayed.limit })}` : ''}
      </Typography.Paragraph>
      {replayed.changes.length > 0 && (
        <Table
          size="small"
          rowKey="caseNumber"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={replayed.changes}
          data-testid="rules-replay-changes"
          columns={[
            { title: t('rules.replay.case'), dataIndex: 'caseNumber', render: (v: string) => <span data-testid="rules-replay-case">{v}</span> },
            { title: t('rules.replay.day'), dataIndex: 'day' },
            { title: t('rules.replay.before'), dataIndex: 'before', render: (v: Outcome | null) => outcome(v) },
            { title: t('rules.replay.after'), dataIndex: 'after', render: (v: Outcome) => outcome(v) },
            {
              title: t('rules.replay.flipped'),
              dataIndex: 'flipped',
              render: (f: Replayed['changes'][number]['flipped']) =>
                f.map((c) => (
                  <div key={c.condition} data-testid={`rules-replay-flip-${c.condition}`}>
                    {lang === 'en' && c.labelEn ? c.labelEn : c.labelZh}：{result(c.before)} → {result(c.after)}
                  </div>
                )),
            },
          ]}
        />
      )}
      {replayed.changed > 0 && canConfirm && (
        <Button type="primary" danger className="block-gap" disabled={busy} onClick={onConfirm} data-testid="rules-publish-confirm">
          {t('rules.replay.confirm', { changed: replayed.changed })}
        </Button>
      )}
    </Card>
  );
}
