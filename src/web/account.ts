import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import type { Viewer } from './layout.tsx';

/**
 * An account's standing with the organisation: `organiser` is its staff, `participant` everyone else (roles in
 * a series come from the series' role data). Declared here, in the shared layer, because every page guard
 * needs it; the auth module's account table conforms to it (auth/table.ts).
 */
export const ACCOUNT_ROLES = ['participant', 'organiser'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** The signed-in person, as the auth module's hook finds them from the session cookie. */
export interface SignedInAccount {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    account: SignedInAccount | null;
  }
}

/** The signed-in account, or a 401 that the error handler turns into the sign-in page. */
export function requireAccount(request: FastifyRequest, role?: AccountRole): SignedInAccount {
  const account = request.account;
  if (!account) throw new AppError('unauthorized', 'sign in first');
  if (role && account.role !== role) throw new AppError('forbidden', `needs role ${role}`);
  return account;
}

/** What the header shows of the signed-in person (null: nobody is signed in). */
export function viewerOf(account: SignedInAccount | null): Viewer | null {
  return account ? { name: account.name, staff: account.role === 'organiser' } : null;
}
