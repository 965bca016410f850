// The signed-in user (React context filled by RequireAuth) and role-based permission helpers.
import { createContext, useContext } from 'react';
import type { Role, User } from '@hearth/contracts/auth';

export const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser() outside of RequireAuth');
  return user;
}

/** Roles allowed to change registry data (the server still enforces tenant scope). */
export const WRITE_ROLES: readonly Role[] = ['admin', 'supervisor', 'enterprise'];

export function hasRole(user: User, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}

export const ME_QUERY_KEY = ['auth', 'me'] as const;
