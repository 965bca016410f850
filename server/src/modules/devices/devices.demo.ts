// The demo city's devices 演示设备: registered once at seed for every station and the sampled households, marked
// `demo`, and reused by the simulator, which reissues their tokens (kept only in its memory) when it starts.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { CITY_SCOPE, SYSTEM_ACTOR } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { DevicesRepository } from './devices.repository.ts';

/** A demo device and the target it reports for (exactly one of the two ids is set). */
export type DemoDevice = { id: number; stationId: number | null; householdId: number | null };
/** …with a freshly issued token `hdt_<id>.<secret>`. */
export type DemoCredential = DemoDevice & { token: string };

/** what each demo device is (the 演示 mark is the `demo` flag, not the name) */
const DEMO_NAMES = { station: '换热站数据网关', household: '室温采集器' } as const;
const CHUNK = 5_000;
const hashOf = (secret: string) => createHash('sha256').update(secret).digest().toString('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

export function createDemoDevicesService(deps: {
  db: Kysely<Database>;
  repo: DevicesRepository;
  registry: RegistryService;
  audit: AuditService;
  /** the devices service's: drop cached identities here and in the other processes */
  changed: (ids: number[]) => void;
  now?: () => number;
}) {
  const { db, repo, registry, audit } = deps;
  const now = deps.now ?? Date.now;

  async function ownersOf(resource: 'stations' | 'households', ids: readonly number[]) {
    const owners = new Map<number, { enterpriseId: number; communityId: number | null }>();
    for (let i = 0; i < ids.length; i += CHUNK)
      for (const item of await registry.findByIds(CITY_SCOPE, resource, ids.slice(i, i + CHUNK)))
        owners.set(item.id, {
          enterpriseId: item.enterpriseId,
          communityId: 'communityId' in item ? item.communityId : null,
        });
    return owners;
  }

  /** The active demo devices (none when the database holds no demo city, or all were revoked). */
  async function list(): Promise<DemoDevice[]> {
    return (await repo.activeDemo()).map((r) => ({
      id: r.id,
      stationId: r.stationId,
      householdId: r.householdId,
    }));
  }

  return {
    /**
     * Registers one demo device per station and household given (unknown ids are skipped), in one transaction
     * with one audit record; their tokens are unusable until `credentials` reissues them. Returns the devices.
     */
    async register(stationIds: readonly number[], householdIds: readonly number[]): Promise<DemoDevice[]> {
      const at = new Date(now()).toISOString();
      const stations = await ownersOf('stations', stationIds);
      const households = await ownersOf('households', householdIds);
      const targets = [
        ...[...stations].map(([id, o]) => ({ stationId: id, householdId: null, ...o })),
        ...[...households].map(([id, o]) => ({ stationId: null, householdId: id, ...o })),
      ];
      const rows = targets.map((t) => ({
        enterpriseId: t.enterpriseId,
        stationId: t.stationId,
        householdId: t.householdId,
        communityId: t.communityId,
        name: t.stationId !== null ? DEMO_NAMES.station : DEMO_NAMES.household,
        tokenHash: hashOf(newSecret()),
        active: 1,
        demo: 1,
        rotatedAt: null,
        lastSeenAt: null,
        createdAt: at,
        updatedAt: at,
      }));
      const ids = await db.transaction().execute(async (trx) => {
        const inserted = await repo.insertMany(trx, rows);
        await audit.record(trx, SYSTEM_ACTOR, {
          action: 'create',
          entity: 'device',
          entityId: null,
          enterpriseId: null,
          changes: { demo: true, stationDevices: stations.size, indoorSensors: households.size },
        });
        return inserted;
      });
      deps.changed([]);
      return targets.map((t, i) => ({
        id: ids[i] as number,
        stationId: t.stationId,
        householdId: t.householdId,
      }));
    },

    list,

    /**
     * Issues a new token to every active demo device (the previous ones stop working) for the simulator, which
     * keeps them in memory only; one audit record.
     */
    async credentials(): Promise<DemoCredential[]> {
      const devices = await list();
      if (devices.length === 0) return [];
      const at = new Date(now()).toISOString();
      const issued = devices.map((d) => ({ ...d, secret: newSecret() }));
      await db.transaction().execute(async (trx) => {
        for (const d of issued)
          await repo.update(trx, d.id, { tokenHash: hashOf(d.secret), rotatedAt: at, updatedAt: at });
        await audit.record(trx, SYSTEM_ACTOR, {
          action: 'rotate',
          entity: 'device',
          entityId: null,
          enterpriseId: null,
          changes: { demo: true, devices: issued.length },
        });
      });
      deps.changed(issued.map((d) => d.id));
      return issued.map(({ secret, ...d }) => ({ ...d, token: `hdt_${d.id}.${secret}` }));
    },
  };
}
export type DemoDevicesService = ReturnType<typeof createDemoDevicesService>;
