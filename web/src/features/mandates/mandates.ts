import { api } from '../../api.ts';
import type { Mandate } from '../../api/types.ts';

export type { Mandate, MandateParty } from '../../api/types.ts';

export interface GrantValues {
  agentUsername: string;
  allItems: boolean;
  itemCodes: string[];
  validFrom?: string;
  validUntil: string;
}

export const mandateApi = {
  granted: () => api.get('/api/mandates/granted'),
  received: () => api.get('/api/mandates/received'),
  grant: (body: GrantValues) => api.create('/api/mandates', { body }),
  revoke: (m: Pick<Mandate, 'id' | 'version'>) => api.post('/api/mandates/{id}/revoke', { params: { path: { id: m.id } }, body: { version: m.version } }),
};

/** YYYY-MM-DD of the browser's day, `days` later. */
export function localDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** May the agent apply under this mandate for the item today? (The server decides; this only narrows the choice.) */
export function covers(m: Mandate, implementationCode: string, day = localDay()): boolean {
  return m.status === 'active' && m.validFrom <= day && (m.allItems || m.itemCodes.includes(implementationCode));
}
