import type { RoleGrant } from '../permissions.ts';

/** The signed-in account as every route sees it (the accounts module's user view satisfies it). */
export interface PrincipalUser {
  id: number;
  username: string;
  displayName: string;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  status: 'active' | 'disabled';
  roles: RoleGrant[];
  version: number;
}

/**
 * Who sent a request: resolved once per /api request from its session cookie or bearer token by the accounts
 * module (`authenticate`), read by routes through `principalOf` / `contextOf` (platform/http/context.ts).
 */
export interface Principal {
  user: PrincipalUser;
  /** The unmasked ID number or USCC, for acting on the holder's behalf; never sent out. */
  idNumber: string | null;
  grants: RoleGrant[];
  tokenHash: string;
  tokenKind: 'session' | 'api';
}
