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
