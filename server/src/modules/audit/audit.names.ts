// Names for the audit trail, so a reader sees people and objects, not ids: the actor's display name, the entity's
// name and code, and the names of the references in its changes (enterpriseId, stationId, departmentCode, …).
import type { AuditEntry } from '@hearth/contracts/auth';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { CITY_SCOPE, type Scope } from '../auth/actor.ts';

/** Change keys that hold a registry id, and the resource it points to. */
export const REFERENCE_FIELDS: Readonly<Record<string, RegistryResourceName>> = {
  enterpriseId: 'enterprises',
  heatSourceId: 'heat-sources',
  stationId: 'stations',
  communityId: 'communities',
  buildingId: 'buildings',
  householdId: 'households',
  nodeId: 'network-nodes',
  fromNodeId: 'network-nodes',
  toNodeId: 'network-nodes',
  pipeId: 'pipes',
};

/** What the names are read from: the registry's and the users' lookups (passed in by the composition root). */
export type AuditNameSources = {
  definitions: readonly { name: RegistryResourceName; entity: string; label: string }[];
  registry: {
    findByIds(
      scope: Scope,
      name: RegistryResourceName,
      ids: readonly number[],
    ): Promise<readonly ({ id: number } & object)[]>;
    findByCode(scope: Scope, name: RegistryResourceName, code: string): Promise<object | undefined>;
  };
  users: { user(id: number): Promise<{ displayName: string; username: string } | null> };
};

/** Adds `actorName`, `entityName`/`entityCode` and `names` to a page of entries; knows the entity types' labels. */
export type AuditNamer = ((entries: AuditEntry[]) => Promise<AuditEntry[]>) & {
  /** registry entity → its Chinese label (`station` → 换热站) */
  entityLabels: ReadonlyMap<string, string>;
};

type Wanted = Map<RegistryResourceName, Set<number>>;

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The values a change key held: a plain value, or both sides of `{ from, to }`. */
function valuesOf(value: unknown): unknown[] {
  if (typeof value === 'object' && value !== null && 'from' in value && 'to' in value)
    return [value.from, value.to];
  return [value];
}

/** The registry ids an entry names: its own entity's and its changes' references. */
export function referencesOf(
  entry: AuditEntry,
  resourceOf: (entity: string) => RegistryResourceName | undefined,
): { resource: RegistryResourceName; id: number }[] {
  const refs: { resource: RegistryResourceName; id: number }[] = [];
  const own = resourceOf(entry.entity);
  const ownId = Number(entry.entityId);
  if (own && entry.entityId !== null && Number.isInteger(ownId)) refs.push({ resource: own, id: ownId });
  if (entry.enterpriseId !== null) refs.push({ resource: 'enterprises', id: entry.enterpriseId });
  for (const [key, value] of Object.entries(entry.changes ?? {})) {
    const resource = REFERENCE_FIELDS[key];
    if (!resource) continue;
    for (const v of valuesOf(value)) if (typeof v === 'number') refs.push({ resource, id: v });
  }
  return refs;
}

/** The department codes in an entry's changes. */
function departmentCodesOf(entry: AuditEntry): string[] {
  const value = entry.changes?.departmentCode;
  return value === undefined ? [] : valuesOf(value).filter((v): v is string => typeof v === 'string');
}

function nameAndCode(item: object | undefined): { name?: string; code?: string } {
  if (!item) return {};
  const row = item as Record<string, unknown>;
  return { name: text(row.name), code: text(row.code) };
}

export function createAuditNamer(sources: AuditNameSources): AuditNamer {
  const byEntity = new Map(sources.definitions.map((d) => [d.entity, d.name]));
  const resourceOf = (entity: string) => byEntity.get(entity);

  async function registryNames(wanted: Wanted) {
    const found = new Map<string, { name?: string; code?: string }>();
    for (const [resource, ids] of wanted) {
      const items = await sources.registry.findByIds(CITY_SCOPE, resource, [...ids]);
      for (const item of items) found.set(`${resource}/${item.id}`, nameAndCode(item));
    }
    return found;
  }

  async function departmentNames(codes: Set<string>) {
    const found = new Map<string, string>();
    for (const code of codes) {
      const name = nameAndCode(await sources.registry.findByCode(CITY_SCOPE, 'departments', code)).name;
      if (name) found.set(`departments/${code}`, name);
    }
    return found;
  }

  async function userNames(ids: Set<number>) {
    const found = new Map<number, { displayName: string; username: string }>();
    for (const id of ids) {
      const user = await sources.users.user(id);
      if (user) found.set(id, user);
    }
    return found;
  }

  const namer = async (entries: AuditEntry[]): Promise<AuditEntry[]> => {
    const wanted: Wanted = new Map();
    const codes = new Set<string>();
    const userIds = new Set<number>();
    for (const entry of entries) {
      for (const { resource, id } of referencesOf(entry, resourceOf)) {
        const ids = wanted.get(resource) ?? new Set<number>();
        ids.add(id);
        wanted.set(resource, ids);
      }
      for (const code of departmentCodesOf(entry)) codes.add(code);
      if (entry.userId !== null) userIds.add(entry.userId);
      if (entry.entity === 'user' && entry.entityId !== null) userIds.add(Number(entry.entityId));
    }
    const [items, departments, users] = await Promise.all([
      registryNames(wanted),
      departmentNames(codes),
      userNames(userIds),
    ]);
    return entries.map((entry) => {
      const names: Record<string, string> = {};
      for (const { resource, id } of referencesOf(entry, resourceOf)) {
        const item = items.get(`${resource}/${id}`);
        const label = item?.name ?? item?.code;
        if (label) names[`${resource}/${id}`] = label;
      }
      for (const code of departmentCodesOf(entry)) {
        const name = departments.get(`departments/${code}`);
        if (name) names[`departments/${code}`] = name;
      }
      return { ...entry, ...ownNames(entry, items, users, resourceOf), names };
    });
  };
  return Object.assign(namer, { entityLabels: new Map(sources.definitions.map((d) => [d.entity, d.label])) });
}

/** The actor's display name and the entity's name and code (from the registry, or the record's own snapshot). */
function ownNames(
  entry: AuditEntry,
  items: Map<string, { name?: string; code?: string }>,
  users: Map<number, { displayName: string; username: string }>,
  resourceOf: (entity: string) => RegistryResourceName | undefined,
): Pick<AuditEntry, 'actorName' | 'entityName' | 'entityCode'> {
  const actorName = entry.userId === null ? null : (text(users.get(entry.userId)?.displayName) ?? null);
  const resource = resourceOf(entry.entity);
  const snapshot = nameAndCode(entry.changes ?? undefined);
  let own: { name?: string; code?: string } = {};
  if (resource && entry.entityId !== null) own = items.get(`${resource}/${entry.entityId}`) ?? {};
  if (entry.entity === 'user' && entry.entityId !== null) {
    const user = users.get(Number(entry.entityId));
    own = { name: text(user?.displayName), code: text(user?.username) };
  }
  const name = own.name ?? snapshot.name ?? null;
  const code = own.code ?? snapshot.code ?? text(entry.changes?.username) ?? null;
  return { actorName, entityName: name, entityCode: code };
}
