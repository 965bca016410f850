// Where the readings of a message belong, and what is wrong when they do not belong to the device sending them.
import type { IngestRejectionCode } from '@hearth/contracts/telemetry';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { TargetKind } from '../telemetry/telemetry.store.ts';

export type IngestChannel = 'mqtt' | 'http';

/**
 * Where the readings of one message belong: MQTT names one target in the topic for all of them; an HTTP batch
 * names it per item (`stationCode` or `householdCode` beside `ts` and `values`).
 */
export type IngestEnvelope = { kind: TargetKind; code: string } | 'per-item';

export type ItemTarget = { kind: TargetKind; code: string | undefined };
export type Problem = { code: IngestRejectionCode; reason: string };

/** the target an HTTP item names (a household code wins; no code at all is reported as a missing station) */
export function itemTarget(raw: unknown): ItemTarget {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof item.householdCode === 'string') return { kind: 'household', code: item.householdCode };
  return { kind: 'station', code: typeof item.stationCode === 'string' ? item.stationCode : undefined };
}

/** the target code an item of the message names (the envelope's, unless per item) */
export const targetCodeOf = (envelope: IngestEnvelope, raw: unknown): string | null =>
  (envelope === 'per-item' ? itemTarget(raw) : envelope).code ?? null;

export const kindLabel = (kind: TargetKind) => (kind === 'station' ? '换热站' : '住户');

/** whether an HTTP item names the device's own target, exactly as itemTarget reads it (without allocating) */
export function namesOwnTarget(raw: unknown, device: DeviceIdentity): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const { householdCode, stationCode } = raw as { householdCode?: unknown; stationCode?: unknown };
  return typeof householdCode === 'string'
    ? device.kind === 'household' && householdCode === device.targetCode
    : device.kind === 'station' && stationCode === device.targetCode;
}

/** whether the envelope names the device's own target for every item (MQTT topic of its own) */
export const ownEnvelope = (envelope: IngestEnvelope, device: DeviceIdentity) =>
  envelope !== 'per-item' && envelope.kind === device.kind && envelope.code === device.targetCode;

/** whether a station / household code exists at all (to tell "unknown" from "not yours") */
export type TargetExists = (kind: TargetKind, code: string) => Promise<boolean>;

const unknownTarget = (kind: TargetKind, code: string): Problem => ({
  code: `reading.unknown_${kind}`,
  reason: `${kindLabel(kind)} ${code} 不存在 / unknown ${kind}`,
});

/** why a reading for `target` is not the device's to send */
export async function targetProblem(
  targetExists: TargetExists,
  device: DeviceIdentity,
  target: ItemTarget,
): Promise<Problem> {
  const label = kindLabel(target.kind);
  if (target.code === undefined) {
    return { code: 'reading.missing_target', reason: `缺少${label}编码 / ${target.kind}Code is required` };
  }
  if (!(await targetExists(target.kind, target.code))) return unknownTarget(target.kind, target.code);
  return {
    code: 'reading.forbidden_target',
    reason: `设备 ${device.id} 只能上报自己的${kindLabel(device.kind)} / a device may report only for its own ${device.kind}`,
  };
}

/** why a message for `target` that no device sent is refused (an external broker's unattributed message) */
export async function unattributedProblem(
  targetExists: TargetExists,
  target: { kind: TargetKind; code: string },
): Promise<Problem> {
  if (!(await targetExists(target.kind, target.code))) return unknownTarget(target.kind, target.code);
  return {
    code: 'message.no_device',
    reason: `${kindLabel(target.kind)} ${target.code} 没有登记的采集设备 / no registered device for this ${target.kind}`,
  };
}
