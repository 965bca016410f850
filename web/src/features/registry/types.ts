// Config types that drive the generic registry list, detail and form pages.
import type { Permission } from '@hearth/contracts/auth';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { DictKey } from '../../shared/i18n.ts';

export type FieldKind = 'text' | 'textarea' | 'int' | 'number' | 'enum' | 'bool' | 'ref' | 'json';

export type FieldDef = {
  name: string;
  label: string;
  en?: string;
  kind: FieldKind;
  /** enum value → label (the contract's Chinese label maps) */
  options?: Readonly<Record<string, string>>;
  /** referenced resource for `ref` fields */
  ref?: RegistryResourceName;
  /** for `ref` fields: restrict choices by another field's value (e.g. buildings of the chosen community) */
  dependsOn?: { field: string; param: string };
  /** clearing the field sends `null` (else the key is left out) */
  nullable?: boolean;
  /** required in the form (the zod schema decides; this only adds the asterisk) */
  required?: boolean;
  /** shown as a table column */
  list?: boolean;
  sortable?: boolean;
  /** derived / server-computed: shown, never edited */
  readOnly?: boolean;
  unit?: string;
  /** numbers shown without digit grouping (years, floors) */
  plain?: boolean;
  /** table column width */
  width?: number;
};

export type FilterDef = {
  param: string;
  label: string;
  en?: string;
  kind: 'enum' | 'bool' | 'ref';
  options?: Readonly<Record<string, string>>;
  ref?: RegistryResourceName;
};

export type ChildListDef = { resource: RegistryResourceName; param: string };

export type ResourceConfig = {
  name: RegistryResourceName;
  /** the server's entity name in audit entries and error codes (e.g. `heat_source`) */
  entity: string;
  navKey: DictKey;
  /** field used as the row link text and detail heading */
  titleField: string;
  fields: FieldDef[];
  filters: FilterDef[];
  /** rows belong to an enterprise: adds the enterprise column, filter and (for staff) form field */
  enterpriseScoped: boolean;
  /** create schema accepts `enterpriseId` (staff pick it; enterprise users get their own) */
  enterpriseInForm: boolean;
  importable: boolean;
  /** who may create, edit, delete and import */
  writePermission: Permission;
  /** whether create/edit forms are offered */
  form: boolean;
  children: ChildListDef[];
  /**
   * the detail page's live section: a station's or household's latest values and trend chart, or a community's
   * indoor temperatures
   */
  telemetry?: 'station' | 'household' | 'community';
};

export type { ListQuery } from '../../shared/listState.ts';

/** Any registry item as it arrives over the wire. */
export type RegistryItem = { id: number } & Record<string, unknown>;
