// What the catalogue pages share: code lists, labels of statuses and elements, and where server errors belong.
import { Tag } from 'antd';
import { ApiError, api } from '../../api.ts';
import type { Code, Content, Lang, LicenseType, Limit, VersionStatus } from '../../api/types.ts';
import { localize, translate, useLang, useT } from '../../i18n.ts';
import type { MessageKey, Translate } from '../../i18n.ts';
import { useRemote } from '../../components/useRemote.ts';

// ---- code lists (reference data, fetched once per page load) ----

export type { Code };
export type CodeListName = 'item_type' | 'service_object' | 'handling_form' | 'case_type' | 'use_level';

const codeListCache = new Map<string, Promise<Code[]>>();

export function loadCodeList(list: CodeListName): Promise<Code[]> {
  let pending = codeListCache.get(list);
  if (!pending) {
    pending = api.get('/api/code-lists/{list}', { params: { path: { list } } }).then((r) => r.codes);
    pending.catch(() => codeListCache.delete(list));
    codeListCache.set(list, pending);
  }
  return pending;
}

export interface CodeList {
  codes: Code[];
  label: (code: string | null | undefined) => string;
  options: { value: string; label: string }[];
}

export function useCodeList(list: CodeListName): CodeList {
  const { lang } = useLang();
  const remote = useRemote(() => loadCodeList(list), [list]);
  const codes = remote.data ?? [];
  return {
    codes,
    label: (code) => {
      if (code == null || code === '') return '—';
      return codes.find((c) => c.code === code)?.[lang] ?? code;
    },
    options: codes.map((c) => ({ value: c.code, label: c[lang] })),
  };
}

let licenseTypesCache: Promise<LicenseType[]> | undefined;

export function useLicenseTypes(): LicenseType[] {
  const remote = useRemote(() => {
    licenseTypesCache ??= api.get('/api/license-types').then((r) => r.items);
    licenseTypesCache.catch(() => (licenseTypesCache = undefined));
    return licenseTypesCache;
  }, []);
  return remote.data ?? [];
}

// ---- labels ----

const STATUS_COLOR: Record<VersionStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  published: 'success',
  suspended: 'warning',
  abolished: 'error',
  superseded: 'default',
  rejected: 'magenta',
};

export function statusLabel(status: VersionStatus, t: Translate): string {
  return t(`catalog.status.${status}`);
}

export function StatusTag({ status, testId }: { status: VersionStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {statusLabel(status, t)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: string }) {
  const t = useT();
  return (
    <Tag color={severity === 'error' ? 'red' : 'gold'} data-severity={severity}>
      {t(`catalog.severity.${severity === 'error' ? 'error' : 'warning'}`)}
    </Tag>
  );
}

export const CONTENT_ELEMENTS = [
  'name',
  'aliases',
  'keywords',
  'legalBasis',
  'acceptanceConditions',
  'caseType',
  'legalLimit',
  'promisedLimit',
  'amberDays',
  'visits',
  'visitsReason',
  'handlingForms',
  'onlineDepth',
  'express',
  'appointment',
  'payOnline',
  'fees',
  'resultName',
  'resultType',
  'resultLicenseTypeCode',
  'serviceObjects',
  'topics',
  'place',
  'hours',
  'consultation',
  'complaint',
  'inHall',
  'notInHallReason',
  'intermediaryServices',
  'responsibilityItems',
  'specialProcedures',
  'materials',
  'steps',
  'form',
] as const satisfies readonly (keyof Content)[];

/** The name of an element path such as `materials.2.name` or `form.idNumber`. */
export function elementLabel(element: string, t: Translate): string {
  const [head, ...rest] = element.split('.');
  const key = `element.${head}` as MessageKey;
  const known = (CONTENT_ELEMENTS as readonly string[]).includes(head) || head === 'note';
  const name = known ? t(key) : head;
  if (rest.length === 0 || rest[0] === '') return name;
  const [second, ...tail] = rest;
  // A row by its number; a row named by its key (materials.staff_health) is named in the finding's message, so the
  // key, a code, is not shown.
  if (!/^\d+$/.test(second)) return name;
  const part = t('catalog.rowNo', { n: Number(second) + 1 });
  return [name, part, ...tail.map((f) => (SUB_FIELDS[f] ? t(SUB_FIELDS[f]) : f))].join(' · ');
}

/** Names of the fields inside list elements (materials, steps, fees …), for error paths like materials.0.name. */
const SUB_FIELDS: Record<string, MessageKey> = {
  name: 'guide.m.name',
  key: 'editor.material.key',
  acceptanceStandard: 'guide.m.standard',
  legalBasis: 'guide.m.basis',
  licenseTypeCode: 'editor.licenseType',
  sourceDepartment: 'editor.material.sourceDepartment',
  blankFormFile: 'guide.m.blankForm',
  sampleFile: 'guide.m.sample',
  budgetDays: 'editor.step.days',
  role: 'editor.step.role',
  standard: 'guide.fee.standard',
  basis: 'guide.fee.basis',
  value: 'catalog.limitValue',
};

/**
 * The schema's messages come from zod in English (details.issues); the common ones get a Chinese reading, the
 * rest are shown as they are.
 */
function issueText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const readings: [RegExp, MessageKey][] = [
    [/^Too small: expected string/, 'issue.empty'],
    [/^Too small: expected number/, 'issue.tooSmall'],
    [/^Too big: expected string/, 'issue.tooLong'],
    [/^Too big: expected number/, 'issue.tooBig'],
    [/^Too big: expected array/, 'issue.tooMany'],
    [/^Invalid string: must match pattern/, 'issue.pattern'],
    [/^Invalid option/, 'issue.option'],
    [/^Invalid input: expected/, 'issue.type'],
  ];
  const hit = readings.find(([re]) => re.test(message));
  return hit ? translate(hit[1], lang, { message }) : message;
}

export function limitText(limit: Limit | undefined, t: Translate): string {
  if (!limit) return '—';
  return t('catalog.days', { n: limit.value, unit: t(`catalog.unit.${limit.unit}`) });
}

export function depthLabel(depth: number, t: Translate): string {
  return t(`catalog.depth.${Math.max(0, Math.min(4, depth))}` as MessageKey);
}

export const fileUrl = (digest: string) => `/api/files/${digest}`;

// ---- which editor tab shows an element ----

export type EditorTab = 'basic' | 'materials' | 'steps' | 'form' | 'versions' | 'inspection';

export function tabOfElement(element: string): EditorTab {
  const head = element.split('.')[0];
  if (head === 'materials') return 'materials';
  if (head === 'steps') return 'steps';
  if (head === 'form') return 'form';
  return 'basic';
}

// ---- server errors, placed next to the element they concern ----

export interface ElementError {
  element: string;
  message: string;
}

function issueList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : [];
}

/**
 * The elements an API error is about: CONTENT_INVALID (details.issues from the schema, details.findings from the
 * inspection that blocks a submission, or details.element), FORM_SCHEMA_INVALID (details.problems per field),
 * PROMISED_LIMIT_EXCEEDS_LEGAL, MATERIAL_KEY_DUPLICATE and LICENSE_TYPE_UNKNOWN.
 */
export function elementErrors(err: unknown, lang: Lang, content?: Content): ElementError[] {
  if (!(err instanceof ApiError)) return [];
  const d = (err.details ?? {}) as Record<string, unknown>;
  const message = err.localized ? err.localized[lang] : err.code;
  const out: ElementError[] = [];
  switch (err.code) {
    case 'CONTENT_INVALID':
    case 'VALIDATION_FAILED': {
      for (const i of issueList(d.issues)) {
        const raw = String(i.element ?? i.path ?? '');
        const element = raw.replace(/^\/?(content[./])?/, '').replace(/\//g, '.');
        out.push({ element: element || 'name', message: issueText(String(i.message ?? message), lang) });
      }
      for (const f of issueList(d.findings)) {
        out.push({ element: String(f.element ?? ''), message: localize(f.message as never, lang) || String(f.rule ?? '') });
      }
      if (typeof d.element === 'string') out.push({ element: d.element, message: typeof d.message === 'string' ? d.message : message });
      break;
    }
    case 'FORM_SCHEMA_INVALID':
      for (const p of issueList(d.problems)) out.push({ element: p.field ? `form.${String(p.field)}` : 'form', message: String(p.message ?? message) });
      if (out.length === 0) out.push({ element: 'form', message });
      break;
    case 'PROMISED_LIMIT_EXCEEDS_LEGAL':
      out.push({ element: 'promisedLimit', message });
      break;
    case 'MATERIAL_KEY_DUPLICATE': {
      const key = String(d.key ?? '');
      const isStep = content?.steps.some((s) => s.key === key) && !content?.materials.some((m) => m.key === key);
      out.push({ element: `${isStep ? 'steps' : 'materials'}.${key}`, message: `${message}: ${key}` });
      break;
    }
    case 'LICENSE_TYPE_UNKNOWN': {
      const codes = Array.isArray(d.codes) ? d.codes.map(String) : [];
      for (const code of codes) {
        const m = content?.materials.find((x) => (x.licenseTypeCode ?? '(empty)') === code || (!x.licenseTypeCode && code === '(empty)'));
        out.push({ element: m ? `materials.${m.key}` : 'resultLicenseTypeCode', message: `${message}: ${code}` });
      }
      break;
    }
  }
  return out;
}

/** Errors about an element: the element itself and everything under it. */
export function errorsUnder(errors: ElementError[], element: string): string[] {
  return errors.filter((e) => e.element === element || e.element.startsWith(`${element}.`)).map((e) => e.message);
}

/** Errors about one row of a list element, named by index (schema issues) or by key (findings). */
export function rowErrors(errors: ElementError[], list: 'materials' | 'steps', index: number, key: string): string[] {
  return [...new Set([...errorsUnder(errors, `${list}.${index}`), ...errorsUnder(errors, `${list}.${key}`)])];
}

/** Code lists that name the codes of coded elements. */
export type ElementCodeLists = Partial<Record<'caseType' | 'handlingForms' | 'serviceObjects', CodeList>>;

/** The code lists of the coded elements, for valueText. */
export function useElementCodeLists(): ElementCodeLists {
  const caseType = useCodeList('case_type');
  const handlingForms = useCodeList('handling_form');
  const serviceObjects = useCodeList('service_object');
  return { caseType, handlingForms, serviceObjects };
}

/** A readable rendering of an element value, for diffs and the harmonisation table. */
export function valueText(element: string, value: unknown, t: Translate, lang: Lang, lists: ElementCodeLists = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const list = lists[element as keyof ElementCodeLists];
  if (list) {
    const codes = Array.isArray(value) ? value.map(String) : [String(value)];
    return codes.length ? codes.map((c) => list.label(c)).join(lang === 'zh' ? '、' : ', ') : t('catalog.none');
  }
  if (element === 'resultType' && typeof value === 'string') return t(`catalog.resultType.${value}` as MessageKey);
  if (typeof value === 'boolean') return value ? t('catalog.yes') : t('catalog.no');
  if (element === 'legalLimit' || element === 'promisedLimit') return limitText(value as Limit, t);
  if (element === 'onlineDepth' && typeof value === 'number') return depthLabel(value, t);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('catalog.none');
    if (element === 'materials')
      return value.map((m: { name?: string; required?: boolean }) => `${m.name}${m.required ? '' : `（${t('guide.m.requiredNo')}）`}`).join('；');
    if (element === 'steps') return value.map((s: { name?: string; budgetDays?: number }) => `${s.name}（${s.budgetDays}）`).join(' → ');
    if (element === 'fees') return value.map((f: { name?: string; standard?: string }) => `${f.name} ${f.standard ?? ''}`.trim()).join('；');
    if (element === 'intermediaryServices') return value.map((f: { name?: string }) => f.name).join('；');
    return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(lang === 'zh' ? '、' : ', ');
  }
  if (element === 'form' && typeof value === 'object') {
    const props = (value as { properties?: Record<string, { title?: string }> }).properties ?? {};
    const titles = Object.entries(props).map(([k, f]) => f.title ?? k);
    return titles.length ? titles.join('、') : t('catalog.none');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ---- content defaults (the server's schema defaults, for versions saved before an element existed) ----

export function defaultContent(name = ''): Content {
  return {
    name,
    aliases: [],
    keywords: [],
    legalBasis: '',
    acceptanceConditions: '',
    caseType: '2',
    legalLimit: { value: 20, unit: 'working_day' },
    promisedLimit: { value: 10, unit: 'working_day' },
    amberDays: 2,
    visits: 1,
    visitsReason: '',
    handlingForms: ['1'],
    onlineDepth: 0,
    express: false,
    appointment: false,
    payOnline: false,
    fees: [],
    resultName: '',
    resultType: 'other',
    resultLicenseTypeCode: null,
    revokesLicenseTypeCode: null,
    serviceObjects: [],
    topics: [],
    place: '',
    hours: '',
    consultation: '',
    complaint: '',
    inHall: true,
    notInHallReason: '',
    intermediaryServices: [],
    responsibilityItems: [],
    specialProcedures: '',
    materials: [],
    steps: [],
    form: { type: 'object', properties: {}, required: [] },
  };
}

export function withDefaults(content: Partial<Content>): Content {
  const base = defaultContent();
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(content)) if (v !== undefined) out[k] = v;
  return out as unknown as Content;
}

/** The content as it is sent: no empty entries in the lists of words. */
export function cleaned(c: Content): Content {
  const words = (list: string[]) => list.map((x) => x.trim()).filter(Boolean);
  return {
    ...c,
    name: c.name.trim(),
    aliases: words(c.aliases),
    keywords: words(c.keywords),
    topics: words(c.topics),
    responsibilityItems: words(c.responsibilityItems),
  };
}
