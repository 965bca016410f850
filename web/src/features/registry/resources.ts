// The eleven registry resources described as config (fields, filters, children, permissions), one file per group
// like the server's resources.*.ts.
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { ResourceConfig } from './types.ts';
import { HOUSING_RESOURCES } from './resources.housing.ts';
import { NETWORK_RESOURCES } from './resources.network.ts';
import { ORGANISATION_RESOURCES } from './resources.organisation.ts';
import { PLANT_RESOURCES } from './resources.plant.ts';

export { VALVE_KIND_LABELS, VALVE_STATUS_LABELS } from './resources.network.ts';

const ALL = { ...ORGANISATION_RESOURCES, ...PLANT_RESOURCES, ...HOUSING_RESOURCES, ...NETWORK_RESOURCES };

/** In menu order (the audit page's entity choices follow it). */
export const RESOURCES: Record<RegistryResourceName, ResourceConfig> = {
  enterprises: ALL['enterprises'],
  'heat-sources': ALL['heat-sources'],
  stations: ALL['stations'],
  communities: ALL['communities'],
  buildings: ALL['buildings'],
  households: ALL['households'],
  'network-nodes': ALL['network-nodes'],
  pipes: ALL['pipes'],
  valves: ALL['valves'],
  departments: ALL['departments'],
  'repair-teams': ALL['repair-teams'],
};

export const RESOURCE_NAMES = Object.keys(RESOURCES) as RegistryResourceName[];

/** Text used to name an item of any resource (name, else code, else #id). */
export function itemLabel(item: Record<string, unknown> & { id: number }): string {
  if (typeof item.name === 'string' && item.name) return item.name;
  if (typeof item.code === 'string' && item.code) return item.code;
  return `#${item.id}`;
}
