import { scrubErased } from '../../db/scrub.ts';
import { every } from '../../shared/periodic.ts';
import type { RegistrationDeps } from './deps.ts';
import { eraseDietaryNeeds } from './service.ts';
import { expireDueOffers } from './settle.ts';

/**
 * Settles lapsed seat offers and unconfirmed places (and erases dietary notes of ended series) every
 * `intervalMs`. Readers settle too (Min side, the organiser's page, every new registration and
 * confirmation), so correctness never waits for this job; it only makes sure the next person in line hears
 * about a freed seat without anyone visiting a page.
 */
export function startOfferExpiryJob(
  deps: RegistrationDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  return every(
    options.intervalMs ?? 60_000,
    async () => {
      await expireDueOffers(deps);
      // Dietary notes are special-category data: gone once the series has ended, from the files too.
      if ((await eraseDietaryNeeds(deps)) > 0) await scrubErased(deps.database);
    },
    options.onError,
  );
}
