// Session token storage (localStorage) with a subscribe/notify store so React can react to login and logout.
import { useSyncExternalStore } from 'react';

const TOKEN_KEY = 'hearth.token';
const listeners = new Set<() => void>();

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === TOKEN_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The current bearer token, re-rendering when it changes (also across tabs). */
export function useToken(): string | null {
  return useSyncExternalStore(subscribe, getToken);
}
