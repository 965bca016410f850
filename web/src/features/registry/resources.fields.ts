// Field definitions several registry resources share, and the defaults of a resource's config.
import type { FieldDef } from './types.ts';

export const code: FieldDef = {
  name: 'code',
  label: '编码',
  en: 'Code',
  kind: 'text',
  list: true,
  sortable: true,
  required: true,
  width: 140,
};
export const name: FieldDef = {
  name: 'name',
  label: '名称',
  en: 'Name',
  kind: 'text',
  list: true,
  sortable: true,
  required: true,
};
export const address: FieldDef = {
  name: 'address',
  label: '地址',
  en: 'Address',
  kind: 'text',
  nullable: true,
};
export const lon: FieldDef = { name: 'lon', label: '经度', en: 'Longitude', kind: 'number', nullable: true };
export const lat: FieldDef = { name: 'lat', label: '纬度', en: 'Latitude', kind: 'number', nullable: true };
export const builtYear: FieldDef = {
  name: 'builtYear',
  label: '建成年份',
  en: 'Built',
  kind: 'int',
  plain: true,
  nullable: true,
  list: true,
  sortable: true,
};
export const geometry: FieldDef = {
  name: 'geometry',
  label: '几何 (GeoJSON)',
  en: 'Geometry (GeoJSON)',
  kind: 'json',
  required: true,
};
export const capacityMw: FieldDef = {
  name: 'capacityMw',
  label: '容量',
  en: 'Capacity',
  kind: 'number',
  unit: 'MW',
  list: true,
  sortable: true,
  required: true,
};

export const base = {
  enterpriseScoped: true,
  enterpriseInForm: true,
  importable: false,
  writePermission: 'registry.write' as const,
  form: true,
  children: [],
};
