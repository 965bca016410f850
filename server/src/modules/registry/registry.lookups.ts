// Typed lookups of the registry for other modules: items as the contracts type them, within a scope (an enterprise
// scope does not see another enterprise's rows). Not masked (personal-data.rules.ts applies to what a route
// answers): for the server's own use.
import type { z } from 'zod';
import type {
  Community,
  Household,
  REGISTRY_RESOURCES,
  RegistryResourceName,
  Station,
} from '@hearth/contracts/registry';
import { notFound } from '../../http/domain-error.ts';
import { CITY_SCOPE, type Scope } from '../auth/actor.ts';
import type { RegistryRepository } from './registry.repository.ts';
import type { ResourceDef, Row } from './registry.resource.ts';

/** A resource's API item as the contracts declare it (`RegistryItem<'stations'>` is `Station`). */
export type RegistryItem<N extends RegistryResourceName> = z.infer<(typeof REGISTRY_RESOURCES)[N]['item']>;

/** The list filters without paging or sort (exports, scans). */
export type ScanQuery = { q?: string | undefined } & Row;

/** A row as its contract's item: `toApi` builds exactly the item schema's fields (registry.mapping.ts). */
function itemOf<N extends RegistryResourceName>(def: ResourceDef, row: Row): RegistryItem<N> {
  return def.toApi(row) as RegistryItem<N>;
}

export function createRegistryLookups(deps: {
  repo: RegistryRepository;
  resource: (name: string) => ResourceDef;
  scanSpec: (
    def: ResourceDef,
    query: ScanQuery,
  ) => { q: string | undefined; filters: { column: string; value: unknown }[] };
}) {
  const { repo, resource, scanSpec } = deps;
  const lookups = {
    // Typed lookups for other modules: items as the contracts type them, within a scope (an enterprise scope does
    // not see another enterprise's rows). Not masked (personal-data.rules.ts applies to what a route answers):
    // for the server's own use.

    /** The item with this id within the scope, or undefined. */
    async find<N extends RegistryResourceName>(
      scope: Scope,
      name: N,
      id: number,
    ): Promise<RegistryItem<N> | undefined> {
      const def = resource(name);
      const row = await repo.findById(def, scope, id);
      return row ? itemOf<N>(def, row) : undefined;
    },

    /** The item with this id within the scope; 404 `<entity>.not_found` otherwise. */
    async require<N extends RegistryResourceName>(
      scope: Scope,
      name: N,
      id: number,
    ): Promise<RegistryItem<N>> {
      const def = resource(name);
      const row = await repo.findById(def, scope, id);
      if (!row) throw notFound(def.entity, def.label, id);
      return itemOf<N>(def, row);
    },

    /** The items with these ids within the scope (ids outside it, or unknown, are left out; order unspecified). */
    async findByIds<N extends RegistryResourceName>(
      scope: Scope,
      name: N,
      ids: readonly number[],
    ): Promise<RegistryItem<N>[]> {
      const def = resource(name);
      return (await repo.findByIds(def, scope, [...new Set(ids)])).map((row) => itemOf<N>(def, row));
    },

    /** The item with this code within the scope, or undefined. */
    async findByCode<N extends RegistryResourceName>(
      scope: Scope,
      name: N,
      code: string,
    ): Promise<RegistryItem<N> | undefined> {
      const def = resource(name);
      const row = await repo.findByCode(def, scope, code);
      return row ? itemOf<N>(def, row) : undefined;
    },

    /** Every item within the scope matching the list filters (`q` and the resource's filters), streamed by id. */
    async *scan<N extends RegistryResourceName>(
      scope: Scope,
      name: N,
      query: ScanQuery = {},
    ): AsyncGenerator<RegistryItem<N>> {
      const def = resource(name);
      const { q, filters } = scanSpec(def, query);
      for await (const row of repo.scan(def, scope, { q, filters })) yield itemOf<N>(def, row);
    },

    station: (scope: Scope, id: number): Promise<Station> => lookups.require(scope, 'stations', id),
    stationsByIds: (scope: Scope, ids: readonly number[]): Promise<Station[]> =>
      lookups.findByIds(scope, 'stations', ids),
    community: (scope: Scope, id: number): Promise<Community> => lookups.require(scope, 'communities', id),
    household: (scope: Scope, id: number): Promise<Household> => lookups.require(scope, 'households', id),

    /** True when the resource has no row at all, city-wide (first start, seeding). */
    async isEmpty(name: RegistryResourceName): Promise<boolean> {
      for await (const row of repo.scan(resource(name), CITY_SCOPE, { filters: [] }, 1))
        return row === undefined;
      return true;
    },

    /** True when a row with this code exists city-wide. */
    async codeExists(name: string, code: string): Promise<boolean> {
      return (await repo.findByCode(resource(name), CITY_SCOPE, code)) !== undefined;
    },

    /** True when the row exists city-wide (for other modules' own validation). */
    async exists(name: string, id: number): Promise<boolean> {
      return (await repo.findById(resource(name), { enterpriseId: null }, id)) !== undefined;
    },
  };
  return lookups;
}
