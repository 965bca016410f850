// Deterministic reading payloads for the ingest benchmark: 12 station points per reading, at the precision
// station instruments report and `hearth simulate` sends (0.01 ℃, 0.001 MPa, 0.01 t/h, 0.0001 MW, 0.001 GJ).
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

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function readingValues(i: number): Record<string, number> {
  const wobble = (i % 97) / 97;
  return {
    primarySupplyTemp: round(95 + wobble, 2),
    primaryReturnTemp: round(55 + wobble, 2),
    secondarySupplyTemp: round(60 + wobble, 2),
    secondaryReturnTemp: round(45 + wobble, 2),
    primarySupplyPressure: round(0.85 + wobble / 100, 3),
    primaryReturnPressure: round(0.3 + wobble / 100, 3),
    secondarySupplyPressure: round(0.45 + wobble / 100, 3),
    secondaryReturnPressure: round(0.2 + wobble / 100, 3),
    flow: round(120 + wobble * 10, 2),
    heatPower: round(2.1 + wobble, 4),
    heatTotal: round(10_000 + i * 0.035, 3),
    makeupWater: round(0.8 + wobble / 10, 3),
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
