// Device credentials 采集设备: one per station gateway or indoor sensor; the token is shown once and stored
// hashed; enterprises manage only their own; ingest authenticates devices here (cached, per process).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Page } from '@hearth/contracts/common';
import {
  householdTopic,
  stationTopic,
  type CreateDevice,
  type Device,
  type DeviceCredential,
} from '@hearth/contracts/telemetry';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/domain-error.ts';
import { CITY_SCOPE, scopeOf, type Actor } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OwnershipMove } from '../registry/ownership.moves.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { DeviceRow, DevicesRepository } from './devices.repository.ts';
import type { MetricTarget } from '@hearth/contracts/telemetry';

/** What ingest needs to know about an authenticated device. */
export type DeviceIdentity = {
  id: number;
  enterpriseId: number;
  kind: MetricTarget;
  targetId: number;
  /** the station or household code its readings are for */
  targetCode: string;
  topic: string;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest();
/**
 * The stored "hash" of a credential ended by an ownership move: not a hash (no token matches it) and unique per
 * device like every hash, until the owner rotates.
 */
const endedMark = (id: number) => `ended:${id}`;
const isEnded = (tokenHash: string) => tokenHash.startsWith('ended:');
const CACHE_MS = 60_000;

export type DevicesServiceDeps = {
  db: Kysely<Database>;
  repo: DevicesRepository;
  registry: RegistryService;
  audit: AuditService;
  now?: () => number;
  /**
   * Tells the other Hearth processes which devices changed (their cached identities must go at once); they call
   * `forget` with the ids. An empty list: the topic → device map changed (a device was added).
   */
  broadcast?: (deviceIds: number[]) => void;
};

export function createDevicesService(deps: DevicesServiceDeps) {
  const { db, repo, registry, audit } = deps;
  const now = deps.now ?? Date.now;
  const cache = new Map<number, { row: DeviceRow; identity: DeviceIdentity; until: number }>();
  /** a lookup's promise, cached from its start: concurrent messages of one topic share one lookup */
  const byTarget = new Map<string, { identity: Promise<DeviceIdentity | null>; until: number }>();
  /** told when a device's credential stops being valid (rotated or revoked): live sessions must end */
  const invalidated = new Set<(deviceId: number) => void>();

  /** Drops what is cached of these devices here, and ends their live sessions. */
  function forget(ids: readonly number[]): void {
    for (const id of ids) cache.delete(id);
    byTarget.clear();
    for (const id of ids) for (const listener of invalidated) listener(id);
  }

  function credentialChanged(id: number): void {
    forget([id]);
    deps.broadcast?.([id]);
  }

  async function identityOf(row: DeviceRow): Promise<DeviceIdentity> {
    if (row.stationId !== null) {
      const station = await registry.station(CITY_SCOPE, row.stationId);
      return {
        id: row.id,
        enterpriseId: row.enterpriseId,
        kind: 'station',
        targetId: row.stationId,
        targetCode: station.code,
        topic: stationTopic(station.code),
      };
    }
    // a device targets a station or a household: exactly one is set
    if (row.householdId === null) throw new Error(`device ${row.id} has neither station nor household`);
    const household = await registry.household(CITY_SCOPE, row.householdId);
    return {
      id: row.id,
      enterpriseId: row.enterpriseId,
      kind: 'household',
      targetId: household.id,
      targetCode: household.code,
      topic: householdTopic(household.code),
    };
  }

  async function toDevice(row: DeviceRow): Promise<Device> {
    const identity = await identityOf(row);
    return {
      id: row.id,
      enterpriseId: row.enterpriseId,
      stationId: row.stationId,
      householdId: row.householdId,
      topic: identity.topic,
      name: row.name,
      active: row.active === 1,
      demo: row.demo === 1,
      credentialEnded: isEnded(row.tokenHash),
      createdAt: toIso(row.createdAt),
      rotatedAt: row.rotatedAt === null ? null : toIso(row.rotatedAt),
      lastSeenAt: row.lastSeenAt === null ? null : toIso(row.lastSeenAt),
    };
  }

  async function loadScoped(actor: Actor, id: number): Promise<DeviceRow> {
    const row = await repo.findById(scopeOf(actor), id);
    if (!row) throw notFound('device', '设备', id);
    return row;
  }

  const newSecret = () => randomBytes(32).toString('base64url');
  /** `hdt_<id>.<secret>`: the id lets HTTP ingest find the device from the bearer token alone */
  const tokenOf = (id: number, secret: string) => `hdt_${id}.${secret}`;

  return {
    async create(actor: Actor, input: CreateDevice): Promise<DeviceCredential> {
      // the target is looked up in the caller's scope: another enterprise's station is "not found"
      const scope = scopeOf(actor);
      const target =
        input.stationId !== undefined
          ? { ...(await registry.station(scope, input.stationId)), communityId: null }
          : input.householdId !== undefined
            ? await registry.household(scope, input.householdId)
            : undefined;
      // the contract admits exactly one of stationId and householdId
      if (!target)
        throw invalid('device.target_required', '请选择换热站或住户 / a station or a household is required');
      const secret = newSecret();
      const at = new Date(now()).toISOString();
      const credential = await db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          enterpriseId: target.enterpriseId,
          stationId: input.stationId ?? null,
          householdId: input.householdId ?? null,
          communityId: target.communityId,
          name: input.name ?? null,
          tokenHash: hashToken(secret).toString('base64url'),
          active: 1,
          demo: 0,
          rotatedAt: null,
          lastSeenAt: null,
          createdAt: at,
          updatedAt: at,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entity: 'device',
          entityId: row.id,
          enterpriseId: row.enterpriseId,
          changes: { stationId: row.stationId, householdId: row.householdId, name: row.name },
        });
        const topic = input.stationId !== undefined ? stationTopic(target.code) : householdTopic(target.code);
        return { id: row.id, token: tokenOf(row.id, secret), topic };
      });
      // a topic that had no device has one now (external broker), in every process
      byTarget.clear();
      deps.broadcast?.([]);
      return credential;
    },

    async rotate(actor: Actor, id: number): Promise<DeviceCredential> {
      const row = await loadScoped(actor, id);
      if (row.active !== 1)
        throw conflict('device.revoked', '设备已吊销，不能更换密钥 / the device is revoked');
      const secret = newSecret();
      const at = new Date(now()).toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, {
          tokenHash: hashToken(secret).toString('base64url'),
          rotatedAt: at,
          updatedAt: at,
        });
        await audit.record(trx, actor, {
          action: 'rotate',
          entity: 'device',
          entityId: id,
          enterpriseId: row.enterpriseId,
        });
      });
      credentialChanged(id);
      return { id, token: tokenOf(id, secret), topic: (await identityOf(row)).topic };
    },

    async revoke(actor: Actor, id: number): Promise<Device> {
      const row = await loadScoped(actor, id);
      const at = new Date(now()).toISOString();
      const updated = await db.transaction().execute(async (trx) => {
        const r = await repo.update(trx, id, { active: 0, updatedAt: at });
        await audit.record(trx, actor, {
          action: 'revoke',
          entity: 'device',
          entityId: id,
          enterpriseId: row.enterpriseId,
        });
        return r;
      });
      credentialChanged(id);
      return toDevice(updated);
    },

    async get(actor: Actor, id: number): Promise<Device> {
      return toDevice(await loadScoped(actor, id));
    },

    async list(
      actor: Actor,
      query: {
        page: number;
        pageSize: number;
        stationId?: number | undefined;
        householdId?: number | undefined;
        demo?: boolean | undefined;
      },
    ): Promise<Page<Device>> {
      const { rows, total } = await repo.list(scopeOf(actor), query);
      return {
        items: await Promise.all(rows.map(toDevice)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Every active device with its topic (for the external broker's ACL), 1,000 at a time. */
    async *activeTopics(): AsyncGenerator<{ id: number; topic: string }> {
      for (let after = 0; ;) {
        const rows = await repo.activeAfter(after, 1000);
        // the page's target codes in two registry lookups, not one per device
        const codes = async (resource: 'stations' | 'households', ids: (number | null)[]) => {
          const wanted = ids.filter((id): id is number => id !== null);
          const found = new Map<number, string>();
          if (wanted.length === 0) return found;
          for (const item of await registry.findByIds(CITY_SCOPE, resource, wanted))
            found.set(item.id, item.code);
          return found;
        };
        const stations = await codes(
          'stations',
          rows.map((r) => r.stationId),
        );
        const households = await codes(
          'households',
          rows.map((r) => r.householdId),
        );
        for (const row of rows) {
          const station = row.stationId === null ? undefined : stations.get(row.stationId);
          const household = row.householdId === null ? undefined : households.get(row.householdId);
          if (station !== undefined) yield { id: row.id, topic: stationTopic(station) };
          else if (household !== undefined) yield { id: row.id, topic: householdTopic(household) };
        }
        const last = rows.at(-1);
        if (!last || rows.length < 1000) return;
        after = last.id;
      }
    },

    /** The device behind a token `hdt_<id>.<secret>`, or null (malformed, unknown, wrong secret, revoked). */
    async authenticate(token: string): Promise<DeviceIdentity | null> {
      const match = /^hdt_(\d{1,10})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
      if (!match) return null;
      const id = Number(match[1]);
      const secret = match[2] as string;
      let entry = cache.get(id);
      if (!entry || entry.until < now()) {
        const row = await repo.findById(CITY_SCOPE, id);
        if (!row) return null;
        entry = { row, identity: await identityOf(row), until: now() + CACHE_MS };
        cache.set(id, entry);
      }
      if (entry.row.active !== 1 || isEnded(entry.row.tokenHash)) return null;
      const expected = Buffer.from(entry.row.tokenHash, 'base64url');
      const actual = hashToken(secret);
      return expected.length === actual.length && timingSafeEqual(expected, actual) ? entry.identity : null;
    },

    /**
     * For an external broker, which authenticates devices itself: the registered active device of the
     * station or household a topic names (null when none is registered).
     */
    identityForTarget(kind: MetricTarget, code: string): Promise<DeviceIdentity | null> {
      const key = `${kind}:${code}`;
      const hit = byTarget.get(key);
      if (hit && hit.until >= now()) return hit.identity;
      const identity = (async () => {
        const target = await registry.findByCode(
          CITY_SCOPE,
          kind === 'station' ? 'stations' : 'households',
          code,
        );
        const row = target
          ? await repo.findActiveForTarget(kind === 'station' ? 'stationId' : 'householdId', target.id)
          : undefined;
        return row ? await identityOf(row) : null;
      })();
      const entry = { identity, until: now() + CACHE_MS };
      byTarget.set(key, entry);
      // a failed lookup is not remembered (unless a clear already replaced it)
      identity.catch(() => byTarget.get(key) === entry && byTarget.delete(key));
      return identity;
    },

    /**
     * Follows an ownership move of the registry, inside its transaction: the devices of every moved station and
     * household pass to the new owner, and the credentials of those that changed enterprise end like a revoke
     * (the old owner may know the token) while the device stays registered: the new owner rotates it to issue a
     * token of its own. Live sessions end and caches drop once the move has committed.
     */
    async followMove(
      trx: Kysely<Database>,
      move: OwnershipMove,
      actor: Actor,
    ): Promise<(() => void) | undefined> {
      const rows = await repo.forTargets(trx, move.stationIds, move.householdIds);
      if (rows.length === 0) return undefined;
      const at = new Date(now()).toISOString();
      const ended: number[] = [];
      for (const row of rows) {
        const changesOwner = row.enterpriseId !== move.toEnterpriseId;
        const endsCredential = changesOwner && row.active === 1 && !isEnded(row.tokenHash);
        await repo.update(trx, row.id, {
          enterpriseId: move.toEnterpriseId,
          ...(row.householdId !== null && move.householdCommunityId !== null
            ? { communityId: move.householdCommunityId }
            : {}),
          ...(endsCredential ? { tokenHash: endedMark(row.id) } : {}),
          updatedAt: at,
        });
        if (!changesOwner) continue;
        if (endsCredential) ended.push(row.id);
        await audit.record(trx, actor, {
          action: endsCredential ? 'end_credential' : 'move',
          entity: 'device',
          entityId: row.id,
          enterpriseId: move.toEnterpriseId,
          changes: {
            reason: 'ownership_moved',
            enterpriseId: { from: row.enterpriseId, to: move.toEnterpriseId },
            movedWith: { entity: move.entity, id: move.id },
          },
        });
      }
      return () => {
        for (const row of rows) cache.delete(row.id);
        forget(ended); // and the topic map; sessions end only where the credential did
        deps.broadcast?.(rows.map((r) => r.id));
      };
    },

    /** Another process changed these devices: nothing cached of them is used again here. */
    forget,

    /** This process changed these devices in bulk (demo devices): forgotten here and in the other processes. */
    changed(ids: number[]): void {
      forget(ids);
      deps.broadcast?.(ids);
    },

    /** Subscribes to rotations and revocations (after their commit); returns the unsubscribe. */
    onCredentialChanged(listener: (deviceId: number) => void): () => void {
      invalidated.add(listener);
      return () => invalidated.delete(listener);
    },

    /** Active indoor sensors per community in the caller's scope. */
    /**
     * Households with an active indoor sensor, optionally only among `among` — across enterprises: a device
     * keeps the enterprise it was registered under, so callers scope the answer by the registry (where the
     * household is now), never by the device.
     */
    sensedHouseholdIds: (among?: readonly number[]) => repo.sensedHouseholdIds(among),

    /** Records when devices were last heard from (called by ingest in batches). */
    touch: (ids: readonly number[], at: number) => repo.touchLastSeen(ids, new Date(at).toISOString()),
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
