// The shape of a registry resource definition: table, contracts, scoping, filters, references, hooks.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Role } from '@hearth/contracts/auth';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { Database } from '../../db/schema.ts';
import type { PersonalField } from './personal-data.rules.ts';

export type Row = Record<string, unknown>;
export type TableName = keyof Database;

/**
 * How a table is confined for enterprise users:
 * `owned` — an `enterpriseId` column; `self` — the enterprises table itself (id = the user's enterprise);
 * `city` — city-wide reference data every role reads and only managers write.
 */
export type Tenancy = 'owned' | 'self' | 'city';

export type FilterDef = { column: string; schema: z.ZodType };

export type ReferenceDef = {
  /** input field holding the referenced id */
  field: string;
  table: TableName;
  entity: string;
  label: string;
  /** the referenced row's column that must equal the input's field of the same name (e.g. a building's community) */
  sameAs?: string;
};

export type ResourceDef = {
  name: RegistryResourceName;
  /** singular code used in error codes and the audit log: `station` */
  entity: string;
  label: string;
  table: TableName;
  tenancy: Tenancy;
  item: z.ZodType;
  create: z.ZodType;
  update: z.ZodType;
  /** DB row → API item */
  toApi: (row: Row) => unknown;
  /** validated create input → DB columns (without id, enterpriseId and timestamps) */
  toRow: (input: Row) => Row;
  /** query-string filters: name → column and value schema */
  filters: Record<string, FilterDef>;
  /** `q` matches these columns: `prefix` uses an index range (large tables), `contains` a LIKE */
  search: { column: string; mode: 'prefix' | 'contains' }[];
  sortable: string[];
  references: ReferenceDef[];
  /** the enterprise of a new row is the enterprise of this referenced row, not the caller's choice */
  enterpriseFrom?: string;
  /** extra cross-field rules on a validated input, given its loaded references */
  check?: (input: Row, refs: Record<string, Row>) => { path: string; reason: string } | undefined;
  /** keeps derived counters in step inside the same transaction */
  onChange?: (trx: Kysely<Database>, before: Row | null, after: Row | null) => Promise<void>;
  /** keeps derived counters in step after a bulk import of `rows` (instead of onChange per row) */
  onImport?: (trx: Kysely<Database>, rows: Row[]) => Promise<void>;
  /** CSV import column order (API field names); absent when the resource is not importable as CSV */
  csvColumns?: string[];
  /** importable as a GeoJSON FeatureCollection (properties = create fields, geometry = `geometry`) */
  geoJson?: boolean;
  writeRoles: readonly Role[];
  /** personal data: masked in every read (list, detail, export) for roles that do not work with it */
  personal?: readonly PersonalField[];
};
