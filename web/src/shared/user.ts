// The signed-in user (React context filled by RequireAuth) and permission checks against the contracts' PERMISSIONS.
import { createContext, useContext } from 'react';
import { can, type Permission, type User } from '@hearth/contracts/auth';

export const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser() outside of RequireAuth');
  return user;
}

/** Whether the signed-in user holds a permission (menu entries, routes, buttons; the server enforces it too). */
export function useCan(permission: Permission): boolean {
  return can(useUser().role, permission);
}

export const ME_QUERY_KEY = ['auth', 'me'] as const;
