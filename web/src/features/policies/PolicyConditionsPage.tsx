import { DeleteOutlined, PlayCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { errorText, useLang, useT } from '../../i18n.ts';
import { formProblem, initialForm, OPERATORS, withOperator, type FactType, type Operator, type TestForm } from './conditionForm.ts';
import {
  contentOf,
  factId,
  newKey,
  rowsOf,
  type ConditionRow,
  type Content,
  type Fact,
  type FactValue,
  type GoldenRow,
  type Outcome,
} from './conditionContent.ts';
import { policyApi, type Policy, type PolicyCheck, type PolicyContent } from './policies.ts';

const OUTCOMES: Outcome[] = ['grant', 'refuse', 'undecidable'];
const OUTCOME_COLOR: Record<Outcome, string> = { grant: 'green', refuse: 'red', undecidable: 'gold' };
const RESULT_COLOR: Record<string, string> = { pass: 'green', fail: 'red', missing: 'gold', error: 'volcano' };
const FIELD_TYPES: FactType[] = ['string', 'number', 'date'];

type Problem = { code: string; at: string; message: string };

/**
 * A draft policy's eligibility as a form (issue 22): each condition picks the fact it reads (the profile attributes the
 * module knows for the policy's target, a licence held or its field, an officer's tag), a comparison offered for the
 * fact's type and a value of that type, says itself in words and cites its article. The golden cases give facts and
 * the outcome each must have; "run" checks the conditions on the server (nothing stored) and decides every case, and
 * problems are shown on the condition they concern. Saving sends the draft with its row version.
 */
export default function PolicyConditionsPage() {
  const { id } = useParams();
  const policy = useRemote(() => policyApi.one(Number(id)), [id]);
  const facts = useRemote(() => policyApi.facts(), []);
  const types = useRemote(() => policyApi.licenseTypes(), []);
  const t = useT();
  if (!policy.data || !facts.data || !types.data) {
    const error = policy.error ?? facts.error ?? types.error;
    return <Card loading={!error}>{error !== undefined && <ErrorAlert error={error} />}</Card>;
  }
  if (policy.data.status !== 'draft')
    return (
      <div data-testid="policy-conditions-page">
        <PageTitle title={t('policy.editor.title', { title: policy.data.title })} />
        <Alert type="info" showIcon title={t('policy.editor.notDraft')} />
      </div>
    );
  return <Editor key={policy.data.version} policy={policy.data} facts={facts.data} licenseTypes={types.data.items} onSaved={policy.reload} />;
}

function ErrorAlert({ error }: { error: unknown }) {
  const { lang } = useLang();
  return <Alert type="error" showIcon title={errorText(error, lang)} />;
}

type LicenseType = { code: string; name: string; fields: { key: string; label: string; labelEn: string | null }[] };

function Editor({
  policy,
  facts,
  licenseTypes,
  onSaved,
}: {
  policy: Policy;
  facts: { attributes: { key: string; type: FactType; labelZh: string; labelEn: string; of: string[] }[]; tags: string[] };
  licenseTypes: LicenseType[];
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const initial = useMemo(() => rowsOf(policy.content as Content), [policy]);
  const [rows, setRows] = useState<ConditionRow[]>(initial.rows);
  const [golden, setGolden] = useState<GoldenRow[]>(initial.golden);
  const [showErrors, setShowErrors] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [check, setCheck] = useState<PolicyCheck>();
  const [busy, setBusy] = useState<'check' | 'save'>();
  const [search, setSearch] = useState('');

  // Every fact the picker offers, by id: the attributes known of the policy's target, licences, tags, stored inputs.
  const catalogue = useMemo(() => {
    const out = new Map<string, Fact & { group: 'profile' | 'license' | 'tag' | 'other'; fixed: boolean }>();
    for (const a of facts.attributes)
      if (a.of.includes(policy.target))
        out.set(factId({ kind: 'profile', attribute: a.key as never }), {
          id: '',
          labelZh: a.labelZh,
          labelEn: a.labelEn,
          type: a.type,
          group: 'profile',
          fixed: true,
        });
    for (const lt of licenseTypes) {
      out.set(factId({ kind: 'license', typeCode: lt.code, attribute: 'held' }), {
        id: '',
        labelZh: t('policy.editor.licenseHeld', { name: lt.name }),
        labelEn: `Holds a valid ${lt.name}`,
        type: 'boolean',
        group: 'license',
        fixed: true,
      });
      for (const f of lt.fields)
        out.set(factId({ kind: 'license', typeCode: lt.code, attribute: 'field', field: f.key }), {
          id: '',
          labelZh: `${lt.name}：${f.label}`,
          labelEn: `${lt.name}: ${f.labelEn ?? f.label}`,
          type: 'string',
          group: 'license',
          fixed: false,
        });
    }
    for (const tag of facts.tags)
      out.set(factId({ kind: 'tag', tag }), {
        id: '',
        labelZh: t('policy.editor.tagHeld', { tag }),
        labelEn: `Tagged ${tag}`,
        type: 'boolean',
        group: 'tag',
        fixed: true,
      });
    for (const [id, input] of initial.facts)
      if (!out.has(id))
        out.set(id, {
          id: '',
          labelZh: input.labelZh,
          labelEn: input.labelEn,
          type: input.type,
          group: input.source.kind === 'tag' ? 'tag' : 'other',
          fixed: input.source.kind === 'tag',
        });
    for (const [id, f] of out) f.id = id;
    return out;
  }, [facts, licenseTypes, policy.target, initial.facts, t]);

  const factOf = (id: string | undefined) => (id ? catalogue.get(id) : undefined);
  const typeOf = (r: ConditionRow): FactType => {
    const f = factOf(r.fact);
    return f && f.fixed ? f.type : r.fieldType;
  };
  // A tag typed in the picker that no profile carries yet is offered too.
  const tagFact = (tag: string): Fact => ({
    id: factId({ kind: 'tag', tag }),
    labelZh: t('policy.editor.tagHeld', { tag }),
    labelEn: `Tagged ${tag}`,
    type: 'boolean',
  });
  const lookup = (id: string): Fact | undefined => {
    const f = catalogue.get(id);
    if (f) return f.fixed ? f : { ...f, type: rows.find((r) => r.fact === id)?.fieldType ?? f.type };
    const parsed = JSON.parse(id) as string[];
    return parsed[0] === 'tag' ? tagFact(parsed[1]) : undefined;
  };

  const touched = () => {
    setCheck(undefined);
    setProblems([]);
  };
  const editRow = (i: number, change: Partial<ConditionRow>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
    touched();
  };
  const editGolden = (i: number, change: Partial<GoldenRow>) => {
    setGolden((gs) => gs.map((g, j) => (j === i ? { ...g, ...change } : g)));
    touched();
  };

  /** The problems of a row the page sees itself (message keys), then the server's for it. */
  const rowProblems = (r: ConditionRow): string[] => {
    const out: string[] = [];
    if (!r.fact) out.push(t('policy.editor.problem.fact'));
    else {
      const p = formProblem(typeOf(r), r.form);
      if (p) out.push(t(`policy.editor.problem.${p}`));
    }
    if (!r.labelZh.trim()) out.push(t('policy.editor.problem.label'));
    if (!r.article.trim()) out.push(t('policy.editor.problem.article'));
    return out;
  };
  const inputKeys = useMemo(() => {
    // The input key each row's fact will have, for the server's problems named inputs.<key>.
    try {
      if (rows.some((r) => !r.fact || formProblem(typeOf(r), r.form))) return new Map<string, string>();
      const c = contentOf(rows, [], initial.facts, lookup);
      return new Map(c.inputs.map((i) => [factId(i.source), i.key]));
    } catch {
      return new Map<string, string>();
    }
  }, [rows, initial.facts, catalogue]);
  const serverProblems = (r: ConditionRow) =>
    problems.filter((p) => p.at === `conditions.${r.key}` || (r.fact !== undefined && p.at === `inputs.${inputKeys.get(r.fact)}`)).map((p) => p.message);

  const valid = () => {
    setShowErrors(true);
    const ok = rows.length > 0 && rows.every((r) => rowProblems(r).length === 0) && golden.every((g) => g.name.trim());
    if (!ok) message.error(t('policy.editor.fixFirst'));
    return ok;
  };
  // The form's shapes are the API's (conditionContent.ts keeps them free of the client, for its tests).
  const content = () => contentOf(rows, golden, initial.facts, lookup) as PolicyContent;

  const run = async () => {
    if (!valid()) return;
    setBusy('check');
    try {
      const result = await policyApi.check(policy.target, content());
      setProblems(result.problems);
      setCheck(result);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };
  const save = async () => {
    if (!valid()) return;
    setBusy('save');
    try {
      await policyApi.save(policy, content());
      message.success(t('policy.editor.saved'));
      onSaved();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { problems?: Problem[] } | undefined) : undefined;
      if (err instanceof ApiError && err.code === 'POLICY_DEFINITION_INVALID' && details?.problems) setProblems(details.problems);
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };

  // The facts the conditions read, in order: the golden cases' columns.
  const columns = [...new Set(rows.map((r) => r.fact).filter((f): f is string => f !== undefined))].map((id) => lookup(id)!).filter(Boolean);
  const groups = (['profile', 'license', 'tag', 'other'] as const).map((g) => ({
    label: t(`policy.editor.group.${g}`),
    options: [...catalogue.values()].filter((f) => f.group === g).map((f) => ({ value: f.id, label: f.labelZh })),
  }));
  const searchTag = search.trim() && !catalogue.has(factId({ kind: 'tag', tag: search.trim() })) ? search.trim().slice(0, 30) : '';
  if (searchTag) groups[2].options.push({ value: factId({ kind: 'tag', tag: searchTag }), label: t('policy.editor.tagHeld', { tag: searchTag }) });

  const failed = check ? check.golden.filter((g) => !g.passed).length : 0;
  return (
    <div data-testid="policy-conditions-page">
      <PageTitle title={t('policy.editor.title', { title: policy.title })} extra={<Link to="/app/policies">{t('policy.editor.back')}</Link>} />
      <Typography.Paragraph type="secondary">{t('policy.editor.intro')}</Typography.Paragraph>
      {rows.map((r, i) => {
        const type = typeOf(r);
        const fact = factOf(r.fact);
        const own = showErrors ? rowProblems(r) : [];
        const server = serverProblems(r);
        return (
          <Card
            key={r.key}
            size="small"
            className="block-gap"
            title={t('policy.editor.condition', { n: i + 1 })}
            data-testid={`condition-${i}`}
            extra={
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('policy.editor.remove')}
                disabled={rows.length === 1}
                onClick={() => {
                  setRows((rs) => rs.filter((_, j) => j !== i));
                  touched();
                }}
              />
            }
          >
            <Row gutter={[12, 8]}>
              <Col xs={24} md={8}>
                <Typography.Text type="secondary">{t('policy.editor.fact')}</Typography.Text>
                <Select
                  showSearch={{ onSearch: setSearch, optionFilterProp: 'label' }}
                  style={{ width: '100%' }}
                  value={r.fact}
                  placeholder={t('policy.editor.factPlaceholder')}
                  aria-label={t('policy.editor.fact')}
                  options={groups}
                  onChange={(v: string) => {
                    const f = lookup(v);
                    const nextType = f ? f.type : r.fieldType;
                    editRow(i, {
                      fact: v,
                      fieldType: nextType,
                      form: nextType === type && r.form.op !== 'expression' ? r.form : initialForm(nextType),
                      labelZh: r.labelZh || f?.labelZh || '',
                    });
                    setSearch('');
                  }}
                  data-testid={`condition-fact-${i}`}
                />
              </Col>
              {fact && !fact.fixed && (
                <Col xs={12} md={4}>
                  <Typography.Text type="secondary">{t('policy.editor.fieldType')}</Typography.Text>
                  <Select
                    style={{ width: '100%' }}
                    value={r.fieldType}
                    aria-label={t('policy.editor.fieldType')}
                    options={FIELD_TYPES.map((x) => ({ value: x, label: x }))}
                    onChange={(v: FactType) => editRow(i, { fieldType: v, form: initialForm(v) })}
                  />
                </Col>
              )}
              <Col xs={12} md={fact && !fact.fixed ? 4 : 6}>
                <Typography.Text type="secondary">{t('policy.editor.operator')}</Typography.Text>
                <Select<Operator>
                  style={{ width: '100%' }}
                  value={r.form.op}
                  aria-label={t('policy.editor.operator')}
                  options={[...OPERATORS[type], ...(r.form.op === 'expression' ? (['expression'] as const) : [])].map((op) => ({
                    value: op,
                    label: t(`policy.editor.op.${op}`),
                  }))}
                  onChange={(op) => editRow(i, { form: withOperator(type, r.form, op) })}
                  data-testid={`condition-op-${i}`}
                />
              </Col>
              <Col xs={24} md={fact && !fact.fixed ? 8 : 10}>
                <Typography.Text type="secondary">{t('policy.editor.value')}</Typography.Text>
                <ValueInput type={type} form={r.form} onChange={(form) => editRow(i, { form })} testId={`condition-value-${i}`} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('policy.editor.label')}</Typography.Text>
                <Input
                  value={r.labelZh}
                  maxLength={200}
                  aria-label={t('policy.editor.label')}
                  onChange={(e) => editRow(i, { labelZh: e.target.value })}
                  data-testid={`condition-label-${i}`}
                />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('policy.editor.article')}</Typography.Text>
                <Input
                  value={r.article}
                  maxLength={300}
                  placeholder={t('policy.editor.articlePlaceholder')}
                  aria-label={t('policy.editor.article')}
                  onChange={(e) => editRow(i, { article: e.target.value })}
                  data-testid={`condition-article-${i}`}
                />
              </Col>
            </Row>
            {(own.length > 0 || server.length > 0) && (
              <Alert
                type="error"
                className="block-gap"
                data-testid={`condition-error-${i}`}
                title={[...own, ...server.map((m) => t('policy.editor.problem.server', { message: m }))].join('；')}
              />
            )}
          </Card>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        className="block-gap"
        onClick={() => {
          setRows((rs) => [
            ...rs,
            { key: newKey(rs), fact: undefined, fieldType: 'string', form: initialForm('string'), labelZh: '', labelEn: '', article: '' },
          ]);
          touched();
        }}
        data-testid="condition-add"
      >
        {t('policy.editor.add')}
      </Button>

      <Card title={t('policy.editor.golden')} className="block-gap" data-testid="golden-cases">
        <Typography.Paragraph type="secondary">{t('policy.editor.goldenHelp')}</Typography.Paragraph>
        <Table<GoldenRow & { i: number }>
          rowKey="i"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={golden.map((g, i) => ({ ...g, i }))}
          onRow={(g) => ({ 'data-testid': `golden-${g.i}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('policy.editor.goldenName'),
              key: 'name',
              render: (_, g) => (
                <Input
                  value={g.name}
                  status={showErrors && !g.name.trim() ? 'error' : undefined}
                  aria-label={t('policy.editor.goldenName')}
                  onChange={(e) => editGolden(g.i, { name: e.target.value })}
                />
              ),
            },
            ...columns.map((f) => ({
              title: f.labelZh,
              key: f.id,
              render: (_: unknown, g: GoldenRow & { i: number }) => (
                <GoldenValue
                  type={f.type}
                  label={f.labelZh}
                  value={g.values[f.id] ?? null}
                  onChange={(v) => editGolden(g.i, { values: { ...g.values, [f.id]: v } })}
                />
              ),
            })),
            {
              title: t('policy.editor.expected'),
              key: 'expected',
              render: (_, g) => (
                <Select<Outcome>
                  value={g.expected}
                  aria-label={t('policy.editor.expected')}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`policy.editor.outcome.${o}`) }))}
                  onChange={(v) => editGolden(g.i, { expected: v })}
                  style={{ width: '100%' }}
                />
              ),
            },
            {
              title: t('policy.editor.actual'),
              key: 'actual',
              render: (_, g) => {
                const r = check?.golden[g.i];
                if (!r) return '—';
                return (
                  <Space direction="vertical" size={2} data-testid={`golden-result-${g.i}`} data-passed={String(r.passed)}>
                    <Space size={4} wrap>
                      <Tag color={r.passed ? 'green' : 'red'}>{t(r.passed ? 'policy.editor.passed' : 'policy.editor.failed')}</Tag>
                      <Tag color={OUTCOME_COLOR[r.actual]}>{t(`policy.editor.outcome.${r.actual}`)}</Tag>
                    </Space>
                    {r.decision.trace.map((x) => (
                      <Typography.Text key={x.condition} type="secondary" className="cell-wrap">
                        <Tag color={RESULT_COLOR[x.result]}>{x.labelZh}</Tag>
                        {x.inputLabelZh}：{x.value === null ? t('policy.editor.unknownValue') : String(x.value)}
                      </Typography.Text>
                    ))}
                  </Space>
                );
              },
            },
            {
              title: '',
              key: 'remove',
              render: (_, g) => (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('policy.editor.remove')}
                  onClick={() => {
                    setGolden((gs) => gs.filter((_, j) => j !== g.i));
                    touched();
                  }}
                />
              ),
            },
          ]}
        />
        <Button
          icon={<PlusOutlined />}
          className="block-gap"
          onClick={() => {
            setGolden((gs) => [...gs, { name: '', expected: 'grant', values: {} }]);
            touched();
          }}
        >
          {t('policy.editor.addGolden')}
        </Button>
      </Card>

      {check && (
        <Alert
          className="block-gap"
          data-testid="policy-check-summary"
          data-passed={String(check.passed)}
          type={check.passed ? 'success' : check.problems.length || failed ? 'error' : 'warning'}
          showIcon
          title={
            check.problems.length
              ? t('policy.editor.fixFirst')
              : check.golden.length === 0
                ? t('policy.editor.noGolden')
                : failed
                  ? t('policy.editor.someFailed', { failed, n: check.golden.length })
                  : t('policy.editor.allPassed', { n: check.golden.length })
          }
        />
      )}
      {problems.some((p) => p.at.startsWith('goldenCases.')) && (
        <Alert
          className="block-gap"
          type="error"
          title={problems
            .filter((p) => p.at.startsWith('goldenCases.'))
            .map((p) => p.message)
            .join('；')}
        />
      )}
      <Space wrap className="block-gap">
        <Button icon={<PlayCircleOutlined />} loading={busy === 'check'} onClick={run} data-testid="policy-check">
          {t('policy.editor.run')}
        </Button>
        <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} onClick={save} data-testid="policy-save">
          {t('policy.editor.save')}
        </Button>
      </Space>
    </div>
  );
}

/** The value of a condition, as its fact's type and the operator ask. */
function ValueInput({ type, form, onChange, testId }: { type: FactType; form: TestForm; onChange: (f: TestForm) => void; testId: string }) {
  const t = useT();
  const label = t('policy.editor.value');
  switch (form.op) {
    case 'expression':
      return <Input value={form.expression} aria-label={label} onChange={(e) => onChange({ ...form, expression: e.target.value })} data-testid={testId} />;
    case 'between':
      return (
        <Space.Compact style={{ width: '100%' }} data-testid={testId}>
          <InputNumber value={form.value as number | null} aria-label={label} onChange={(v) => onChange({ ...form, value: v })} style={{ width: '100%' }} />
          <Input disabled value={t('policy.editor.upper')} style={{ width: 48, textAlign: 'center' }} aria-label={t('policy.editor.upper')} />
          <InputNumber
            value={form.upper ?? null}
            aria-label={t('policy.editor.upper')}
            onChange={(v) => onChange({ ...form, upper: v })}
            style={{ width: '100%' }}
          />
        </Space.Compact>
      );
    case 'oneOf':
      return (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={form.value as string[]}
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', ' ']}
          placeholder={t('policy.editor.oneOfPlaceholder')}
          aria-label={label}
          onChange={(v: string[]) => onChange({ ...form, value: v })}
          data-testid={testId}
        />
      );
    case 'startsWith':
      return <Input value={form.value as string} aria-label={label} onChange={(e) => onChange({ ...form, value: e.target.value })} data-testid={testId} />;
    case 'is':
      return (
        <Select
          style={{ width: '100%' }}
          value={form.value as boolean}
          aria-label={label}
          options={[
            { value: true, label: t('policy.editor.yes') },
            { value: false, label: t('policy.editor.no') },
          ]}
          onChange={(v: boolean) => onChange({ ...form, value: v })}
          data-testid={testId}
        />
      );
    case 'onOrAfter':
    case 'onOrBefore':
      return (
        <Input
          type="date"
          value={(form.value as string | null) ?? ''}
          aria-label={label}
          onChange={(e) => onChange({ ...form, value: e.target.value || null })}
          data-testid={testId}
        />
      );
    default:
      return (
        <InputNumber
          style={{ width: '100%' }}
          value={form.value as number | null}
          aria-label={label}
          onChange={(v) => onChange({ ...form, value: type === 'number' ? v : null })}
          data-testid={testId}
        />
      );
  }
}

/** A golden case's value of one fact, typed by it; empty is unknown. */
function GoldenValue({ type, label, value, onChange }: { type: FactType; label: string; value: FactValue; onChange: (v: FactValue) => void }) {
  const t = useT();
  if (type === 'boolean')
    return (
      <Select<string>
        value={value === null ? '' : String(value)}
        aria-label={label}
        style={{ minWidth: 88 }}
        options={[
          { value: 'true', label: t('policy.editor.yes') },
          { value: 'false', label: t('policy.editor.no') },
          { value: '', label: t('policy.editor.unknownValue') },
        ]}
        onChange={(v) => onChange(v === '' ? null : v === 'true')}
      />
    );
  if (type === 'number')
    return (
      <InputNumber
        value={typeof value === 'number' ? value : null}
        aria-label={label}
        placeholder={t('policy.editor.unknownValue')}
        onChange={(v) => onChange(v)}
      />
    );
  return (
    <Input
      type={type === 'date' ? 'date' : 'text'}
      value={value === null ? '' : String(value)}
      aria-label={label}
      placeholder={t('policy.editor.unknownValue')}
      onChange={(e) => onChange(e.target.value || null)}
      style={{ minWidth: 110 }}
    />
  );
}
