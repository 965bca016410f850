// The newest stored reading time per target, kept in memory so that out-of-order readings are flagged without
// a read per message: loaded from the store once per kind, then advanced by every commit.
import type { DeviceIdentity } from '../devices/devices.service.ts';
import { KIND_CODE } from '../telemetry/reading-batch.ts';
import type { TargetKind, TelemetryStore } from '../telemetry/telemetry.store.ts';

export function createNewestTimes(store: TelemetryStore) {
  /** key: kind code · 2³² + id */
  const newest = new Map<number, number>();
  const keyOf = (kind: TargetKind, id: number) => KIND_CODE[kind] * 4_294_967_296 + id;
  /** kinds whose newest times have been read from the store: once, for every target of the kind */
  const loadedKinds = new Map<TargetKind, Promise<void>>();

  function load(kind: TargetKind): Promise<void> {
    let loading = loadedKinds.get(kind);
    if (!loading) {
      // one read for all targets (a city's first minute would otherwise ask once per sensor)
      loading = store.latest(kind).then((records) => {
        for (const [id, record] of records) {
          const key = keyOf(kind, id);
          if (!((newest.get(key) ?? -Infinity) >= record.ts)) newest.set(key, record.ts);
        }
      });
      loading.catch(() => loadedKinds.delete(kind)); // read again next time
      loadedKinds.set(kind, loading);
    }
    return loading;
  }

  return {
    /**
     * The newest stored time of the device's target before this message's rows are written: a number when it
     * is known (nearly always — no promise per message then), else a promise of it.
     */
    before(device: DeviceIdentity): number | Promise<number> {
      const key = keyOf(device.kind, device.targetId);
      return newest.get(key) ?? load(device.kind).then(() => newest.get(key) ?? -Infinity);
    },
    /** several messages of one target may commit together: keeps the newest of what each saw */
    advance(device: DeviceIdentity, ts: number): void {
      const key = keyOf(device.kind, device.targetId);
      if (ts > (newest.get(key) ?? -Infinity)) newest.set(key, ts);
    },
  };
}
export type NewestTimes = ReturnType<typeof createNewestTimes>;
