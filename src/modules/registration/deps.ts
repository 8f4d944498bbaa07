import type { Database } from '../../db/database.ts';
import type { AppDeps } from '../../deps.ts';
import type { Clock } from '../../shared/clock.ts';
import type { RateLimits } from '../limits/service.ts';

// What the registration module needs from the app, in a file of its own: routes, jobs and other modules
// (through service.ts) build it from AppDeps without importing each other.

export interface RegistrationDeps {
  database: Database;
  clock: Clock;
  baseUrl: string;
  offerHours: number;
  /** How long a new registration keeps its place while it waits for confirmation by mail. */
  confirmHours: number;
  /** The registration limits; forms that come with a sender's address count into them. */
  rateLimits?: RateLimits;
}

export function registrationDeps(deps: AppDeps): RegistrationDeps {
  return {
    database: deps.database,
    clock: deps.clock,
    baseUrl: deps.config.baseUrl,
    offerHours: deps.config.offerHours,
    confirmHours: deps.config.confirmHours,
    rateLimits: deps.config.rateLimits,
  };
}
