import { regionContains } from './scope.ts';

/**
 * The one place that decides permissions. Roles come from architecture.md; each is held with an optional region
 * and department scope. Routes declare the permission they need; services pass the scope of the record.
 */
export const ROLES = [
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
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.manage',
  'departments.manage',
  'calendar.manage',
  'audit.read',
  'audit.verify',
  'tokens.own',
  'catalog.edit',
  'catalog.review',
  'catalog.inspect',
  'license_types.manage',
  'cases.apply',
  'cases.accept',
  'cases.review',
  'cases.extend',
  'cases.supervise',
  'licenses.issue',
  'licenses.revoke',
  'seal_keys.manage',
  'ratings.remedy',
  'ratings.supervise',
  'ratings.exchange',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which role grants what. Later modules add their permissions here, so the matrix stays in one table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  applicant_person: ['cases.apply'],
  applicant_org: ['cases.apply'],
  agent: ['cases.apply'],
  clerk: ['cases.accept'],
  reviewer: ['catalog.inspect', 'cases.review', 'licenses.issue', 'licenses.revoke', 'ratings.remedy'],
  item_admin: ['catalog.edit', 'catalog.review', 'catalog.inspect', 'license_types.manage'],
  supervisor: ['audit.read', 'audit.verify', 'catalog.inspect', 'cases.extend', 'cases.supervise', 'ratings.supervise'],
  data_officer: ['tokens.own', 'ratings.exchange'],
  legal_officer: [],
  admin: [...PERMISSIONS],
};

export interface RoleGrant {
  role: Role;
  regionCode: string | null;
  departmentId: number | null;
}

export interface Scope {
  regionCode?: string | null;
  departmentId?: number | null;
}

function grantCovers(grant: RoleGrant, scope: Scope | undefined): boolean {
  if (!scope) return true;
  if (grant.regionCode) {
    // A region-scoped grant covers only records whose region is known to lie within it.
    if (!scope.regionCode || !regionContains(grant.regionCode, scope.regionCode)) return false;
  }
  if (grant.departmentId !== null && scope.departmentId !== undefined && grant.departmentId !== scope.departmentId) return false;
  return true;
}

/** The first grant that allows `permission` on `scope`, or undefined. */
export function grantFor(grants: readonly RoleGrant[], permission: Permission, scope?: Scope): RoleGrant | undefined {
  return grants.find((g) => ROLE_PERMISSIONS[g.role]?.includes(permission) && grantCovers(g, scope));
}

export function can(grants: readonly RoleGrant[], permission: Permission, scope?: Scope): boolean {
  return grantFor(grants, permission, scope) !== undefined;
}

/** Every permission any of the grants gives, for the web menu. */
export function permissionsOf(grants: readonly RoleGrant[]): Permission[] {
  return PERMISSIONS.filter((p) => grants.some((g) => ROLE_PERMISSIONS[g.role]?.includes(p)));
}
