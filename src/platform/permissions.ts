import { regionContains, regionPrefix } from './scope.ts';

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

/**
 * The permission vocabulary: the platform's own names below, and each module's, which its `index.ts` adds by
 * declaration merging (`declare module '../../platform/permissions.ts' { interface PermissionNames { 'cases.apply': true } }`),
 * so that `Permission` stays a typed union and a new module edits no central file. Which roles hold a permission is
 * data: the platform's grants here, each module's in its declaration (`TongbanModule.permissions`), installed by the
 * module registry (src/modules/registry.ts) when it loads.
 */
export interface PermissionNames {
  'calendar.manage': true;
  'audit.read': true;
  'audit.verify': true;
  'jobs.read': true;
  'jobs.retry': true;
}
export type Permission = keyof PermissionNames & string;

/** A permission, the roles that hold it (an admin holds every permission), and whether it is region-wide. */
export interface PermissionDeclaration {
  permission: Permission;
  roles: readonly Role[];
  /** Held across the whole region of a grant, whatever department the grant names (see REGION_WIDE). */
  regionWide?: boolean;
}

/** The permissions of the platform itself (the calendar and the audit log, served by the app's platform routes). */
export const PLATFORM_PERMISSIONS: readonly PermissionDeclaration[] = [
  { permission: 'calendar.manage', roles: [] },
  { permission: 'audit.read', roles: ['supervisor'] },
  { permission: 'audit.verify', roles: ['supervisor'] },
  // The jobs page (platform/jobs.routes.ts): the outbox and the recurring jobs, an admin's alone.
  { permission: 'jobs.read', roles: [] },
  { permission: 'jobs.retry', roles: [] },
];

/** Every permission installed, the platform's first, then each module's in registry order. */
export const PERMISSIONS: Permission[] = [];

/** Which role grants what: the one table, built from the declarations (installPermissions). */
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = Object.fromEntries(ROLES.map((r) => [r, []])) as unknown as Record<Role, Permission[]>;

const declared = new Map<Permission, string>();

/**
 * Adds declarations to the table (the registry calls it with every module's). Idempotent; a permission declared
 * twice with different holders is an error. An admin holds every permission.
 */
export function installPermissions(declarations: readonly PermissionDeclaration[]): void {
  for (const d of declarations) {
    const signature = JSON.stringify([[...d.roles].sort(), d.regionWide ?? false]);
    const before = declared.get(d.permission);
    if (before !== undefined) {
      if (before !== signature) throw new Error(`permission ${d.permission} is declared twice, differently`);
      continue;
    }
    declared.set(d.permission, signature);
    PERMISSIONS.push(d.permission);
    for (const role of new Set<Role>([...d.roles, 'admin'])) ROLE_PERMISSIONS[role].push(d.permission);
    if (d.regionWide) (REGION_WIDE as Set<Permission>).add(d.permission);
  }
}

export interface RoleGrant {
  role: Role;
  regionCode: string | null;
  departmentId: number | null;
}

export interface Scope {
  regionCode?: string | null;
  departmentId?: number | null;
}

/**
 * Permissions held across the whole region of a grant, whatever department it names: the general window (前台综合受理)
 * accepts every department's cases of its region, and a data officer exchanges its region's ratings. Declared with
 * `regionWide: true` by the module that owns the permission.
 */
export const REGION_WIDE: ReadonlySet<Permission> = new Set<Permission>();

/** The department a grant is held to for `permission`: none when the permission is region-wide and the grant has a region. */
function departmentOf(grant: RoleGrant, permission: Permission): number | null {
  return REGION_WIDE.has(permission) && grant.regionCode ? null : grant.departmentId;
}

function grantCovers(grant: RoleGrant, permission: Permission, scope: Scope | undefined): boolean {
  if (!scope) return true;
  if (grant.regionCode) {
    // A region-scoped grant covers only records whose region is known to lie within it.
    if (!scope.regionCode || !regionContains(grant.regionCode, scope.regionCode)) return false;
  }
  const departmentId = departmentOf(grant, permission);
  if (departmentId !== null && scope.departmentId !== undefined && departmentId !== scope.departmentId) return false;
  return true;
}

/**
 * Permissions over what is the same for the whole platform: only a grant without region or department holds them.
 * The working-day calendar is the State Council's, for every region at once; the jobs (events and recurring jobs) are
 * the whole platform's.
 */
export const PLATFORM_WIDE: ReadonlySet<Permission> = new Set<Permission>(['calendar.manage', 'jobs.read', 'jobs.retry']);

/** The first grant that allows `permission` on `scope`, or undefined. */
export function grantFor(grants: readonly RoleGrant[], permission: Permission, scope?: Scope): RoleGrant | undefined {
  const wide = PLATFORM_WIDE.has(permission);
  return grants.find(
    (g) => ROLE_PERMISSIONS[g.role]?.includes(permission) && (!wide || (!g.regionCode && g.departmentId === null)) && grantCovers(g, permission, scope),
  );
}

export function can(grants: readonly RoleGrant[], permission: Permission, scope?: Scope): boolean {
  return grantFor(grants, permission, scope) !== undefined;
}

/** Every permission any of the grants gives, for the web menu. */
export function permissionsOf(grants: readonly RoleGrant[]): Permission[] {
  return PERMISSIONS.filter((p) => can(grants, p));
}

/**
 * Where a holder of `permission` may act, for lists: `all` (a grant without region or department), or the union of
 * its grants' scopes (a region prefix, a department, or both). No grant: `none`. Lists filter with `scopeSql`
 * (platform/db/scope-sql.ts); single records are checked with `can(grants, permission, scopeOfRecord)`.
 */
export type ScopeFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'some'; scopes: { regionPrefix: string | null; departmentId: number | null }[] };

export function scopeFilter(grants: readonly RoleGrant[], permission: Permission): ScopeFilter {
  const holding = grants.filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
  if (holding.length === 0) return { kind: 'none' };
  if (holding.some((g) => !g.regionCode && g.departmentId === null)) return { kind: 'all' };
  return {
    kind: 'some',
    scopes: holding.map((g) => ({ regionPrefix: g.regionCode ? regionPrefix(g.regionCode) : null, departmentId: departmentOf(g, permission) })),
  };
}

/**
 * May the holder of `grants` hand out `target` (a role with its scope) under `permission`? Only a role it could
 * itself act within, no wider than its own scope: a county admin grants county roles, never a city or national one,
 * and a department-scoped grant only roles of that department. `targetRegion` is the target's region, or the region
 * of its department when only a department is named (the caller resolves it).
 */
export function mayGrant(grants: readonly RoleGrant[], permission: Permission, target: { regionCode: string | null; departmentId: number | null }): boolean {
  return grants.some((g) => {
    if (!ROLE_PERMISSIONS[g.role]?.includes(permission)) return false;
    if (g.regionCode && (!target.regionCode || !regionContains(g.regionCode, target.regionCode))) return false;
    if (g.departmentId !== null && g.departmentId !== target.departmentId) return false;
    return true;
  });
}

installPermissions(PLATFORM_PERMISSIONS);
