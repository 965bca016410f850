// What other features may use of the registry (台账): the one file they import from this folder.
export { serverDetailsToErrors, zodIssuesToErrors } from './formValues.ts';
export type { FieldErrors } from './formValues.ts';
export { invalidateRegistry } from './queries.ts';
export {
  DepartmentName,
  HouseholdPlace,
  householdPlace,
  RefName,
  RefSelect,
  useDepartments,
} from './refs.tsx';
export { optionLabel } from './format.tsx';
export { RESOURCES, RESOURCE_NAMES } from './resources.ts';
