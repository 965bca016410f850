// How a change of the broker's dropped-messages counter ($SYS/broker/publish/messages/dropped) is counted.

/**
 * Messages the broker dropped since the value Hearth last recorded (`recorded`, null: none yet), given the
 * counter now (`seen`). The counter only grows while the broker runs; a smaller value means the broker
 * restarted, and everything it counts since was dropped since.
 */
export function droppedSince(recorded: number | null, seen: number): number {
  if (!Number.isFinite(seen) || seen < 0) return 0;
  if (recorded === null || seen < recorded) return seen;
  return seen - recorded;
}

/** A $SYS payload as a counter value (Mosquitto publishes decimal text), or undefined. */
export function counterValue(payload: Buffer | string): number | undefined {
  const text = payload.toString().trim();
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
