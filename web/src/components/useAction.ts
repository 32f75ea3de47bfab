import { App } from 'antd';
import { useState } from 'react';
import { errorText, useLang, useT, type Lang } from '../i18n.ts';

export interface ActionOptions {
  /** What a success says (a toast); null says nothing. Default: 已保存 / Saved. */
  done?: string | null;
  /** The words for a refusal, shown in the page. Default: the server's message in the user's language (errorText). */
  describe?: (err: unknown, lang: Lang) => string;
}

/**
 * Runs an API call for a page: busy while it runs, the server's refusal kept to show in the page (`error`, in the
 * language shown now), a success toast, then `then` with the reply (a throw in it is shown as the call's). Each run may
 * say something else on success (`done`, null for nothing). Resolves to whether it succeeded.
 */
export function useAction(options: ActionOptions = {}) {
  const { lang } = useLang();
  const { message } = App.useApp();
  const t = useT();
  const [failure, setFailure] = useState<{ err: unknown }>();
  const [busy, setBusy] = useState(false);
  const describe = options.describe ?? errorText;
  const run = async <T>(call: () => Promise<T>, then?: (value: T) => void, done: string | null | undefined = options.done): Promise<boolean> => {
    setBusy(true);
    setFailure(undefined);
    try {
      const value = await call();
      const said = done === undefined ? t('common.saved') : done;
      if (said !== null) void message.success(said);
      then?.(value);
      return true;
    } catch (err) {
      setFailure({ err });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error: failure && describe(failure.err, lang), busy, run, clear: () => setFailure(undefined) };
}
