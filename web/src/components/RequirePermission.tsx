import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useCan } from '../auth.tsx';
import { useT } from '../i18n.ts';

/**
 * Shows a 403 page when the session lacks the permission (any one of them, for a list); the server still checks
 * every call.
 */
export function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const can = useCan();
  const t = useT();
  const needed = typeof permission === 'string' ? [permission] : permission;
  if (!needed.some(can)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} data-testid="forbidden" />;
  }
  return <>{children}</>;
}
