// Column conventions shared by every module's table types (a leaf: modules' *.tables.ts import it, db/schema.ts
// composes those tables into the Kysely `Database`).

/** ISO text in SQLite, timestamptz (read back as Date) in PostgreSQL; see `toIso`. */
export type DbTime = string | Date;
/** Flags are stored as 0/1 integers on both engines. */
export type DbFlag = number;

export type Times = { createdAt: DbTime; updatedAt: DbTime };

export function toIso(value: DbTime): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
