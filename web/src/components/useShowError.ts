import { App } from 'antd';
import { useCallback } from 'react';
import { errorText, useLang } from '../i18n.ts';

/** Shows any API error as a toast in the current language. */
export function useShowError(): (err: unknown) => void {
  const { message } = App.useApp();
  const { lang } = useLang();
  return useCallback((err: unknown) => void message.error(errorText(err, lang)), [message, lang]);
}
