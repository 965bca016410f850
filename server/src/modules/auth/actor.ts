// Who is calling: the authenticated actor, role checks and the enterprise scope every data access applies.
import { CITY_MANAGER_ROLES, REGISTRY_WRITER_ROLES, type Role } from '@hearth/contracts/auth';
import { forbidden, unauthenticated } from '../../http/domain-error.ts';

export type Actor = {
  userId: number;
  username: string;
  role: Role;
  enterpriseId: number | null;
  departmentCode: string | null;
};

/** The enterprise an actor is confined to, or null for city-wide roles. Enterprise users always have one. */
export type Scope = { enterpriseId: number | null };

/** City-wide: every enterprise's rows (the system's own lookups, city-wide roles). */
export const CITY_SCOPE: Scope = Object.freeze({ enterpriseId: null });

export function scopeOf(actor: Actor): Scope {
  return { enterpriseId: actor.role === 'enterprise' ? (actor.enterpriseId ?? -1) : null };
}

/** The system itself (CLI, generator, scheduled jobs): city-wide, recorded as such in the audit log. */
export const SYSTEM_ACTOR: Actor = {
  userId: 0,
  username: 'system',
  role: 'admin',
  enterpriseId: null,
  departmentCode: null,
};

export function requireRole(actor: Actor | null, allowed: readonly Role[]): Actor {
  if (!actor) throw unauthenticated();
  if (!allowed.includes(actor.role)) throw forbidden();
  return actor;
}

// The role lists are declared once in the contracts (shared with the console).
export { ALL_ROLES } from '@hearth/contracts/auth';
export const REGISTRY_WRITERS: readonly Role[] = REGISTRY_WRITER_ROLES;
export const CITY_MANAGERS: readonly Role[] = CITY_MANAGER_ROLES;
