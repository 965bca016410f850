// Tables of 升温令 (raise-orders.migration.ts): the orders, the enterprises and stations they name, and the stored
// compliance check (one row per station in scope).
import type { Generated } from 'kysely';
import type { DbTime, Times } from '../../db/columns.ts';

export type RaiseOrdersTable = Times & {
  id: Generated<number>;
  /** 令号 SWL-YYYYMMDD-<id> */
  code: string;
  scope: string;
  mode: string;
  /** ℃: increase (mode increase) or target (mode target) of the secondary supply temperature */
  value: number;
  effectiveAt: DbTime;
  deadline: DbTime;
  reason: string;
  warningDate: string | null;
  warningLevel: string | null;
  status: string;
  issuedBy: string;
  cancelledAt: DbTime | null;
  checkedAt: DbTime | null;
};

/** the enterprises whose users see the order: named (scope enterprises) or owning a named station (scope stations) */
export type RaiseOrderEnterprisesTable = { orderId: number; enterpriseId: number };

/** the stations a stations-scoped order names */
export type RaiseOrderStationsTable = { orderId: number; stationId: number };

export type RaiseOrderResultsTable = {
  orderId: number;
  stationId: number;
  /** the station's enterprise when checked */
  enterpriseId: number;
  outcome: string;
  baseline: number | null;
  after: number | null;
  required: number | null;
  achieved: number | null;
  baselineReadings: number;
  afterReadings: number;
};
