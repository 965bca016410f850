// Device credentials 采集设备 (devices.migration.ts).
import type { Generated } from 'kysely';
import type { Times, DbFlag, DbTime } from '../../db/columns.ts';

export type DevicesTable = Times & {
  id: Generated<number>;
  enterpriseId: number;
  stationId: number | null;
  householdId: number | null;
  communityId: number | null;
  name: string | null;
  /** SHA-256 of the device token (tokens are 256-bit random, so a fast hash suffices) */
  tokenHash: string;
  active: DbFlag;
  /** 1: a demo city device (seeded, reused by the simulator) */
  demo: DbFlag;
  rotatedAt: DbTime | null;
  lastSeenAt: DbTime | null;
};
