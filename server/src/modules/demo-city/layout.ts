// Plans the demo city in memory, step by step: enterprises, heat sources, stations with their communities and
// buildings (one random stream, so the order of the steps is part of the city).
import { type CityPlan, type ScaleShape } from './city-plan.ts';
import { nameEnterprises, planEnterprises } from './enterprises.ts';
import { planSources } from './heat-sources.ts';
import { DISTRICTS } from './names.data.ts';
import { createRng } from './prng.ts';
import { planStations } from './stations.ts';

/** Lays out the whole city except the figures that depend on household areas (see `applyCapacities`). */
export function planCity(shape: ScaleShape, seed: number): CityPlan {
  const rng = createRng(seed, 1);
  const districts = DISTRICTS.slice(0, Math.max(1, Math.min(DISTRICTS.length, shape.districts)));
  const enterprises = planEnterprises(rng, shape, districts);
  const sources = planSources(rng, shape, districts, enterprises);
  nameEnterprises(rng, enterprises, sources);
  const { stations, communities, buildings, households } = planStations(rng, shape, districts, sources);
  return { enterprises, sources, stations, communities, buildings, households, districts };
}
