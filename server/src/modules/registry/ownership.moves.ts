// Ownership moves 归属变更: what a change of enterprise carries with it, applied in the move's transaction.
//
// The rule (one table, README "Tenancy and ownership moves"): whatever the old enterprise owned beneath the
// moved object goes with it; objects beneath it that belong to a third enterprise stay where they are.
//   heat source  → its network nodes (source node)
//   station      → its network nodes, the pipes ending at them and the valves on those pipes or nodes;
//                  the communities it serves → their buildings and households
//   community    → its buildings and households
//   building     → its households (which also follow it into its new community)
//   household    → (itself)
//   pipe         → the valves on it
// Devices of every moved station and household are told through the registry's move listeners (the devices
// module owns them): they follow the new owner and their credentials end.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Row } from './registry.resource.ts';

// Registry tables are addressed by name at run time (as in the registry repository).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DynamicDb = Kysely<any>;

/** What one move changed beneath the moved object, for the audit record and the move listeners. */
export type OwnershipMove = {
  entity: string;
  id: number;
  fromEnterpriseId: number;
  toEnterpriseId: number;
  /** stations whose devices follow (the moved station itself) */
  stationIds: number[];
  /** households whose devices follow (every household carried, or the moved one) */
  householdIds: number[];
  /** the community the moved households now belong to, when the move changed it (building, household) */
  householdCommunityId: number | null;
  /** rows carried per table, beside the moved object itself */
  carried: Record<string, number>;
};

const CHUNK = 5000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function idsWhere(
  db: DynamicDb,
  table: string,
  column: string,
  values: readonly number[],
  owner: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(values)) {
    const rows = (await db
      .selectFrom(table)
      .select('id')
      .where(column, 'in', part)
      .where('enterpriseId', '=', owner)
      .execute()) as { id: number }[];
    for (const r of rows) ids.push(Number(r.id));
  }
  return ids;
}

async function setOwner(
  db: DynamicDb,
  table: string,
  ids: readonly number[],
  to: number,
  extra: Row = {},
): Promise<number> {
  let n = 0;
  const at = new Date().toISOString();
  for (const part of chunks(ids)) {
    const result = await db
      .updateTable(table)
      .set({ enterpriseId: to, updatedAt: at, ...extra })
      .where('id', 'in', part)
      .executeTakeFirst();
    n += Number(result.numUpdatedRows);
  }
  return n;
}

/** Carries the communities' buildings and households; returns the household ids. */
async function carryHousing(
  db: DynamicDb,
  communityIds: readonly number[],
  from: number,
  to: number,
  carried: Record<string, number>,
): Promise<number[]> {
  const buildings = await idsWhere(db, 'buildings', 'communityId', communityIds, from);
  carried.buildings = (carried.buildings ?? 0) + (await setOwner(db, 'buildings', buildings, to));
  const households = await idsWhere(db, 'households', 'communityId', communityIds, from);
  carried.households = (carried.households ?? 0) + (await setOwner(db, 'households', households, to));
  return households;
}

/** Moves the community counters of households that changed community (sums recomputed, both sides). */
async function recountCommunities(db: DynamicDb, communityIds: readonly number[]): Promise<void> {
  for (const id of new Set(communityIds)) {
    const sums = (await db
      .selectFrom('households')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.coalesce(eb.fn.sum('areaM2'), eb.lit(0)).as('area'),
        eb.fn.coalesce(eb.fn.sum('paidThisSeason'), eb.lit(0)).as('paid'),
        eb.fn.count('vulnerable').as('vulnerable'),
      ])
      .where('communityId', '=', id)
      .executeTakeFirstOrThrow()) as { n: unknown; area: unknown; paid: unknown; vulnerable: unknown };
    await db
      .updateTable('communities')
      .set({
        householdCount: Number(sums.n),
        heatedAreaM2: Number(sums.area),
        paidCount: Number(sums.paid),
        vulnerableCount: Number(sums.vulnerable),
      })
      .where('id', '=', id)
      .execute();
  }
}

/**
 * Applies the move rule after `before` became `after` (the moved object's own row is already written).
 * Returns null when nothing moved: neither the enterprise nor, for a building, the community changed.
 */
export async function carryOwnership(
  executor: Kysely<Database>,
  entity: string,
  before: Row,
  after: Row,
): Promise<OwnershipMove | null> {
  const db = executor as DynamicDb;
  const from = Number(before.enterpriseId);
  const to = Number(after.enterpriseId);
  const id = Number(after.id);
  const communityChanged =
    (entity === 'building' || entity === 'household') && before.communityId !== after.communityId;
  if (from === to && !communityChanged) return null;
  const move: OwnershipMove = {
    entity,
    id,
    fromEnterpriseId: from,
    toEnterpriseId: to,
    stationIds: [],
    householdIds: [],
    householdCommunityId: null,
    carried: {},
  };
  const { carried } = move;
  switch (entity) {
    case 'heat_source': {
      const nodes = await idsWhere(db, 'networkNodes', 'heatSourceId', [id], from);
      carried.networkNodes = await setOwner(db, 'networkNodes', nodes, to);
      break;
    }
    case 'station': {
      move.stationIds = [id];
      const nodes = await idsWhere(db, 'networkNodes', 'stationId', [id], from);
      carried.networkNodes = await setOwner(db, 'networkNodes', nodes, to);
      const pipes = await idsWhere(db, 'pipes', 'toNodeId', nodes, from);
      carried.pipes = await setOwner(db, 'pipes', pipes, to);
      const valves = [
        ...new Set([
          ...(await idsWhere(db, 'valves', 'nodeId', nodes, from)),
          ...(await idsWhere(db, 'valves', 'pipeId', pipes, from)),
        ]),
      ];
      carried.valves = await setOwner(db, 'valves', valves, to);
      const communities = await idsWhere(db, 'communities', 'stationId', [id], from);
      carried.communities = await setOwner(db, 'communities', communities, to);
      move.householdIds = await carryHousing(db, communities, from, to, carried);
      break;
    }
    case 'community':
      move.householdIds = await carryHousing(db, [id], from, to, carried);
      break;
    case 'building': {
      // households follow their building, into its community and enterprise
      const households = await idsWhere(db, 'households', 'buildingId', [id], from);
      carried.households = await setOwner(db, 'households', households, to, {
        communityId: Number(after.communityId),
      });
      move.householdIds = households;
      move.householdCommunityId = Number(after.communityId);
      if (communityChanged)
        await recountCommunities(db, [Number(before.communityId), Number(after.communityId)]);
      break;
    }
    case 'household':
      move.householdIds = [id];
      move.householdCommunityId = Number(after.communityId);
      break;
    case 'pipe': {
      const valves = await idsWhere(db, 'valves', 'pipeId', [id], from);
      carried.valves = await setOwner(db, 'valves', valves, to);
      break;
    }
    default:
      break;
  }
  return move;
}
