// The list of every registry resource definition, in dependency order (parents before children).
import type { ResourceDef } from './registry.resource.ts';
import { departments, enterprises, repairTeams } from './resources.organisation.ts';
import { heatSources, stations } from './resources.plant.ts';
import { buildings, communities, households } from './resources.housing.ts';
import { networkNodes, pipes, valves } from './resources.network.ts';

export const REGISTRY_DEFINITIONS: readonly ResourceDef[] = [
  enterprises,
  departments,
  heatSources,
  stations,
  communities,
  buildings,
  households,
  networkNodes,
  pipes,
  valves,
  repairTeams,
];
