// Route guard: redirects to /login without a token, validates it with GET /api/auth/me, provides the user.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { useToken } from '../../shared/session.ts';
import { ME_QUERY_KEY, UserContext } from '../../shared/user.ts';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';

export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  const me = useQuery({
    queryKey: [...ME_QUERY_KEY, token],
    queryFn: ({ signal }) => request('GET /auth/me', { signal }).then((r) => r.user),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (token === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.isPending) return <Loading full />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  return <UserContext value={me.data}>{children}</UserContext>;
}
