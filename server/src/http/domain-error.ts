// Domain errors: a stable machine code, an HTTP status and a human message (Chinese first, English second).
import type { ErrorDetail } from '@hearth/contracts/common';

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  constructor(code: string, status: number, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const notFound = (entity: string, label: string, id: number | string) =>
  new DomainError(`${entity}.not_found`, 404, `${label}不存在 / ${entity} ${id} not found`);

export const forbidden = (message = '无权执行此操作 / not allowed') =>
  new DomainError('auth.forbidden', 403, message);

export const unauthenticated = (message = '请先登录 / authentication required') =>
  new DomainError('auth.unauthenticated', 401, message);

export const invalid = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError(code, 422, message, details);

export const conflict = (code: string, message: string) => new DomainError(code, 409, message);
