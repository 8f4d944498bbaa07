import { scrubErased } from '../../db/scrub.ts';
import { eraseDietaryNeeds, expireDueOffers, type RegistrationDeps } from './service.ts';

/**
 * Settles lapsed seat offers (and erases dietary notes of ended series) every `intervalMs`. Readers settle too (Min side, the organiser's page, every
 * new registration), so correctness never waits for this job; it only makes sure the next person in line
 * hears about a freed seat without anyone visiting a page.
 */
export function startOfferExpiryJob(
  deps: RegistrationDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(async () => {
        await expireDueOffers(deps);
        // Dietary notes are special-category data: gone once the series has ended, from the files too.
        if ((await eraseDietaryNeeds(deps)) > 0) await scrubErased(deps.database);
      })
      .catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
