import { api } from '../../api.ts';

export interface MandateParty {
  userId: number;
  username: string;
  name: string;
  kind: 'person' | 'organisation' | 'agent';
  idNumberMasked: string | null;
}

export interface Mandate {
  id: number;
  principal: MandateParty;
  agent: MandateParty;
  allItems: boolean;
  itemCodes: string[];
  validFrom: string;
  validUntil: string;
  status: 'active' | 'revoked' | 'expired';
  origin: 'online' | 'recorded';
  regionCode: string | null;
  documentDigest: string | null;
  revokedAt: string | null;
  version: number;
  createdAt: string;
}

export interface GrantValues {
  agentUsername: string;
  allItems: boolean;
  itemCodes: string[];
  validFrom?: string;
  validUntil: string;
}

export const mandateApi = {
  granted: () => api.get<{ items: Mandate[] }>('/api/mandates/granted'),
  received: () => api.get<{ items: Mandate[] }>('/api/mandates/received'),
  grant: (body: GrantValues) => api.create<Mandate>('/api/mandates', body),
  revoke: (m: Pick<Mandate, 'id' | 'version'>) => api.post<Mandate>(`/api/mandates/${m.id}/revoke`, { version: m.version }),
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
