// Recognises constraint violations of SQLite and PostgreSQL so both engines answer the same domain errors.
import { conflict, type DomainError } from './domain-error.ts';

type DbErrorLike = { code?: unknown; errcode?: unknown; errstr?: unknown; message?: unknown };

export function constraintKind(error: unknown): 'unique' | 'foreign_key' | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as DbErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.code === '23505' || message.includes('UNIQUE constraint failed')) return 'unique';
  if (e.code === '23503' || message.includes('FOREIGN KEY constraint failed')) return 'foreign_key';
  return undefined;
}

/** Maps a constraint violation to a domain error; returns undefined for anything else. */
export function constraintError(error: unknown, entity: string, label: string): DomainError | undefined {
  switch (constraintKind(error)) {
    case 'unique':
      return conflict(`${entity}.duplicate`, `${label}编码已存在 / ${entity} with this code already exists`);
    case 'foreign_key':
      return conflict(
        `${entity}.in_use`,
        `${label}仍被其他数据引用，无法删除或修改 / ${entity} is still referenced by other records`,
      );
    default:
      return undefined;
  }
}
