import { App } from 'antd';
import { useState } from 'react';
import { errorText, useLang, useT } from '../../i18n.ts';

/** Runs an API call, shows the server's refusal in the page, and reloads on success. */
export function useAction() {
  const { lang } = useLang();
  const { message } = App.useApp();
  const t = useT();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async <T>(call: () => Promise<T>, then?: (value: T) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      const value = await call();
      void message.success(t('legal.done'));
      then?.(value);
      return true;
    } catch (err) {
      setError(errorText(err, lang));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, clear: () => setError(undefined) };
}
