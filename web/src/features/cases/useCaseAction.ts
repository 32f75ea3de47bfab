import { App } from 'antd';
import { useCallback } from 'react';
import { isVersionConflict } from '../../components/FormModal.tsx';
import { useShowError } from '../../components/useShowError.ts';
import { useT } from '../../i18n.ts';

/**
 * Runs a case action: a toast on success, the error otherwise; on a version conflict (someone else acted first)
 * it says so and reloads. Resolves to whether it succeeded.
 */
export function useCaseAction(reload: () => void) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  return useCallback(
    async (run: () => Promise<unknown>, success?: string): Promise<boolean> => {
      try {
        await run();
        if (success) message.success(success);
        reload();
        return true;
      } catch (err) {
        if (isVersionConflict(err)) {
          message.warning(t('case.refreshed'));
          reload();
        } else {
          showError(err);
        }
        return false;
      }
    },
    [message, reload, showError, t],
  );
}
