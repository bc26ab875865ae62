/**
 * Who is signed in, for every page and component under the frame, without handing `session`
 * down through each one. Only the frame (signed in) provides it.
 */
import { createContext, useContext } from 'react';
import type { Session } from '../shared/contract';

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is for pages shown while signed in');
  return session;
}
