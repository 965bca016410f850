// Deterministic reading payloads for the ingest benchmark: 12 station points per reading.
export const POINTS = [
  'primarySupplyTemp',
  'primaryReturnTemp',
  'secondarySupplyTemp',
  'secondaryReturnTemp',
  'primarySupplyPressure',
  'primaryReturnPressure',
  'secondarySupplyPressure',
  'secondaryReturnPressure',
  'flow',
  'heatPower',
  'heatTotal',
  'makeupWater',
] as const;

export function readingValues(i: number): Record<string, number> {
  const wobble = (i % 97) / 97;
  return {
    primarySupplyTemp: 95 + wobble,
    primaryReturnTemp: 55 + wobble,
    secondarySupplyTemp: 60 + wobble,
    secondaryReturnTemp: 45 + wobble,
    primarySupplyPressure: 0.85,
    primaryReturnPressure: 0.3,
    secondarySupplyPressure: 0.45,
    secondaryReturnPressure: 0.2,
    flow: 120 + wobble * 10,
    heatPower: 2.1 + wobble,
    heatTotal: 10_000 + i * 0.035,
    makeupWater: 0.8,
  };
}

/** One HTTP batch body: `count` readings of one station, 1 s apart from `startMs`. */
export function httpBatch(stationCode: string, startMs: number, count: number, offset: number): string {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({ stationCode, ts: startMs + (offset + i) * 1000, values: readingValues(offset + i) });
  }
  return JSON.stringify(items);
}

/** One MQTT payload: a single reading or an array of `count`. */
export function mqttPayload(startMs: number, count: number, offset: number): string {
  if (count === 1) return JSON.stringify({ ts: startMs + offset * 1000, values: readingValues(offset) });
  const readings = [];
  for (let i = 0; i < count; i++)
    readings.push({ ts: startMs + (offset + i) * 1000, values: readingValues(offset + i) });
  return JSON.stringify(readings);
}
