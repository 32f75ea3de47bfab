import type { TongbanModule } from '../../platform/module.ts';
import { regionsRoutes } from './regions.routes.ts';
import { seedRegionsReference } from './regions.reference.ts';

export { regionErrors } from './regions.errors.ts';
export { regionSource } from './regions.seed.ts';
export {
  seedRegions,
  listRegions,
  findRegion,
  getRegion,
  regionPath,
  listDepartments,
  getDepartment,
  departmentScope,
  findDepartmentByUscc,
  createDepartment,
  updateDepartment,
  type Department,
  type DepartmentInput,
} from './regions.service.ts';
export { regionsRoutes } from './regions.routes.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'departments.manage': true;
  }
}

/** Regions (GB/T 2260) and departments. */
export const regionsModule: TongbanModule = {
  name: 'regions',
  routes: regionsRoutes,
  permissions: [{ permission: 'departments.manage', roles: [] }],
  seedReference: seedRegionsReference,
  tables: ['department', 'region'],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_regions_region', 'pub_regions_department'],
};
