import { Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useCan } from '../../auth.tsx';
import { useT } from '../../i18n.ts';

/** Which side of an exchange a list shows: what my department provides, or what it uses. */
export type Side = 'consumer' | 'provider';

/**
 * The side a list opens on: given, or the provider's for those who answer or oversee requests (their work is what
 * others ask of them), the consumer's for everyone else.
 */
export function useSide(start?: Side) {
  const can = useCan();
  return useState<Side>(start ?? (can('exchange.review') || can('exchange.oversee') ? 'provider' : 'consumer'));
}

interface SideSelectProps {
  /** The accessible name: the tab's title. */
  label: string;
  testId: string;
  value: Side;
  onChange: (side: Side) => void;
}

/** The side picker of the requests, demands and call lists. */
export function SideSelect({ label, testId, value, onChange }: SideSelectProps) {
  const t = useT();
  return (
    <Select
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={onChange}
      style={{ width: 240 }}
      options={[
        { value: 'provider', label: t('exchange.side.provider') },
        { value: 'consumer', label: t('exchange.side.consumer') },
      ]}
    />
  );
}

/** A list's toolbar: its side picker, then the list's own actions (`children`). */
export function SideToolbar({ children, ...select }: SideSelectProps & { children?: ReactNode }) {
  return (
    <Space wrap>
      <SideSelect {...select} />
      {children}
    </Space>
  );
}
