import type { Me } from '@skillcert/shared/api/auth';
import { createContext, type ReactNode, useContext } from 'react';

const CurrentUserContext = createContext<Me | null>(null);

/** Provided by the route gate (RequireAuth) once `GET /api/auth/me` has answered with a user. */
export function CurrentUserProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <CurrentUserContext.Provider value={me}>{children}</CurrentUserContext.Provider>;
}

/** The logged-in user, inside the authenticated part of the app. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser is only available below RequireAuth');
  return me;
}
