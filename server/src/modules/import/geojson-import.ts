// The pipe network (nodes, pipes, valves) from a GeoJSON FeatureCollection, through the same all-or-nothing
// import: each feature's properties are the create fields (references by id, or by code: `fromNodeCode`), its
// geometry the object's; a problem names the feature by index and field (`features[3].properties.diameterMm`).
import { z } from 'zod';
import type { ErrorDetail } from '@hearth/contracts/common';
import { DomainError, invalid } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import { EXCHANGE, NAMED, refKeyName } from '../registry/registry.exchange.ts';
import type { RefKey, RefKeyKind } from '../registry/registry.import.keys.ts';
import type { ImportRow } from '../registry/registry.import.ts';
import type { Row } from '../registry/registry.resource.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { ImportProgress } from './import.types.ts';

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: z
          .record(z.string(), z.unknown())
          .nullable()
          .transform((p) => p ?? {}),
      }),
    )
    .max(1_000_000),
});

/** A feature's properties as the create input, its references given by code or name taken out as keys. */
function featureRow(
  entity: keyof typeof EXCHANGE,
  index: number,
  properties: Row,
  geometry: unknown,
): ImportRow {
  const keys: RefKey[] = [];
  const taken = new Set<string>();
  for (const f of EXCHANGE[entity].fields) {
    if (!f.ref || f.exportOnly) continue;
    const forms: [string, RefKeyKind][] = [[refKeyName(f.field, 'Code'), 'code']];
    if (NAMED.has(f.ref)) forms.push([refKeyName(f.field, 'Name'), 'name']);
    for (const [key, by] of forms) {
      taken.add(key);
      const given = properties[key];
      if (given === undefined || given === null || given === '' || keys.some((k) => k.field === f.field))
        continue;
      taken.add(f.field);
      keys.push({ field: f.field, target: f.ref, by, value: String(given), column: key });
    }
  }
  const values: Row = Object.fromEntries(Object.entries(properties).filter(([k]) => !taken.has(k)));
  values.geometry = geometry;
  return keys.length > 0 ? { line: index + 1, values, keys } : { line: index + 1, values };
}

/** `line` n, column `diameterMm` → `features[n-1].properties.diameterMm` (the geometry's own path). */
function featurePath(d: ErrorDetail): ErrorDetail {
  if (d.line === undefined) return d;
  // a reference by code is named by its property (`toNodeCode`), not the field it fills (`toNodeId`)
  const field = d.path && d.column && !d.path.startsWith(d.column) ? d.column : (d.path ?? d.column ?? '');
  const where = field === 'geometry' || field.startsWith('geometry.') ? field : `properties.${field}`;
  return { ...d, path: `features[${d.line - 1}]${field ? `.${where}` : ''}` };
}

export async function importGeoJson(
  registry: RegistryService,
  actor: Actor,
  entity: string,
  document: unknown,
  progress: ImportProgress,
): Promise<{ imported: number }> {
  const def = registry.resources.find((d) => d.name === entity);
  if (!def?.geoJson) {
    throw new DomainError(
      'import.unknown_entity',
      404,
      `${entity} 不能以 GeoJSON 导入 / ${entity} cannot be imported as GeoJSON (network-nodes, pipes, valves)`,
    );
  }
  const parsed = FeatureCollection.safeParse(document);
  if (!parsed.success) {
    throw invalid(
      'import.invalid_geojson',
      'GeoJSON 格式错误，需要 FeatureCollection / expected a GeoJSON FeatureCollection',
      parsed.error.issues.map((i) => ({
        path: i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, ''),
        reason: i.message,
      })),
    );
  }
  if (parsed.data.features.length === 0)
    throw invalid('import.empty', '没有要素 / the collection has no features');
  const rows = parsed.data.features.map((f, index) => featureRow(def.name, index, f.properties, f.geometry));
  try {
    return { imported: await registry.importRows(actor, entity, rows, progress) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import.invalid_rows' && error.details)
      throw new DomainError(error.code, error.status, error.message, error.details.map(featurePath));
    throw error;
  }
}
