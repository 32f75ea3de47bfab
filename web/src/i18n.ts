// The language of the web app and its translation function. The messages themselves live with their features
// (features/<name>/messages.ts, Chinese and English) and are merged into one typed dictionary (features/features.ts).
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from './api.ts';
import type { Lang, Localized } from './api.ts';
import { MESSAGES } from './features/features.ts';
import type { MessageKey } from './features/features.ts';

export type { Lang, Localized, MessageKey };

const messages = MESSAGES;

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'tongban.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function format(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = messages['app.fullName'][lang];
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useLang(): LangContextValue {
  return useContext(LangContext);
}

/** One message in a given language, for code outside components. */
export function translate(key: MessageKey, lang: Lang, vars?: Record<string, string | number>): string {
  return format(messages[key][lang], vars);
}

/** The translation function for the current language. */
export function useT(): Translate {
  const { lang } = useLang();
  return useCallback<Translate>((key, vars) => format(messages[key][lang], vars), [lang]);
}

export function roleLabel(role: string, lang: Lang): string {
  const entry = (messages as Record<string, Localized>)[`role.${role}`];
  return entry ? entry[lang] : role;
}

export const ROLE_CODES = [
  'applicant_person',
  'applicant_org',
  'agent',
  'clerk',
  'reviewer',
  'item_admin',
  'supervisor',
  'data_officer',
  'legal_officer',
  'admin',
] as const;

/** A reason from the server may be localized text or a plain string. */
export function localize(text: Localized | string | null | undefined, lang: Lang): string {
  if (text == null) return '';
  return typeof text === 'string' ? text : text[lang];
}

/** The message to show for any error thrown by the API wrapper. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.localized) return err.localized[lang];
    if (err.code === 'NETWORK_ERROR') return messages['error.network'][lang];
    return format(messages['error.http'][lang], { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}

/** Format an ISO timestamp in the user's language, in local time. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}
