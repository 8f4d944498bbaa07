import type { Tx } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { auditedChange } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import { codeHash, isCodeShape, isSecretShape, sameHash, sha256 } from '../../shared/secrets.ts';
import { ensureAccount, type SignInOptions, type SignInResult, signInAccount } from '../auth/service.ts';
import { issueInvoices } from '../invoicing/service.ts';
import { seriesHeading } from '../series/service.ts';
import type { RegistrationDeps } from './deps.ts';
import { waitlistedMail } from './emails.ts';
import { confirmed, registrationSeries } from './mail-context.ts';
import type { Registration } from './model.ts';
import * as q from './queries.ts';
import { confirmationEffect, MAX_CONFIRM_CODE_ATTEMPTS } from './rules.ts';
import { withRegistration } from './settle.ts';
import type { ConfirmationRecipient } from './table.ts';

// Confirming a registration by mail: the link (a button page, then POST) or the code. Under the series lock
// a reserved seat becomes binding (account, invoice and the confirmation with the calendar file, in one
// transaction), and a place in line is kept; the participant is signed in. Either recipient may confirm.

export type ConfirmOutcome =
  | {
      kind: 'confirmed';
      /** 'seat': binding, invoiced; 'line': kept on the waitlist (perhaps offered a seat at once). */
      place: 'seat' | 'line';
      recipient: ConfirmationRecipient;
      seriesSlug: string;
      participantName: string;
      /** Set when the participant confirmed: they are signed in. */
      signIn: Extract<SignInResult, { ok: true }> | null;
    }
  | { kind: 'already-confirmed'; seriesSlug: string }
  | { kind: 'too-late'; seriesSlug: string }
  | { kind: 'unknown' };

type ConfirmationRow = NonNullable<Awaited<ReturnType<typeof q.confirmationByTokenHash>>>;

/** Who a link confirms: its button page names them, so an invoice contact with several knows which. */
export interface ConfirmationSubject {
  participantName: string;
  organisationName: string;
  seriesSlug: string;
  seriesTitle: string;
}

export type TokenCheck =
  | { state: 'usable'; subject: ConfirmationSubject }
  | { state: 'used' | 'expired'; seriesSlug: string }
  | { state: 'unknown' };

/** Whether a link can still be used, without using it (its page shows a button). */
export async function checkConfirmToken(
  deps: RegistrationDeps,
  token: string,
  lang: Lang,
): Promise<TokenCheck> {
  if (!isSecretShape(token)) return { state: 'unknown' };
  const { db } = deps.database;
  const row = await q.confirmationByTokenHash(db, sha256(token));
  const facts = row ? await q.confirmationFacts(db, row.registration_id) : undefined;
  const heading = facts ? await seriesHeading(db, facts.series_id, lang) : null;
  if (!row || !facts || !heading) return { state: 'unknown' };
  const { slug } = heading;
  if (row.used_at !== null) return { state: 'used', seriesSlug: slug };
  if (row.expires_at <= deps.clock.now().toISOString()) return { state: 'expired', seriesSlug: slug };
  const series = await registrationSeries(deps, slug, lang);
  return {
    state: 'usable',
    subject: {
      participantName: facts.attendee_name,
      organisationName: facts.organisation_name,
      seriesSlug: slug,
      seriesTitle: series?.title ?? slug,
    },
  };
}

/** Confirms with the link's token. */
export async function confirmWithToken(
  deps: RegistrationDeps,
  token: string,
  options: SignInOptions = {},
): Promise<ConfirmOutcome> {
  if (!isSecretShape(token)) return { kind: 'unknown' };
  const row = await q.confirmationByTokenHash(deps.database.db, sha256(token));
  if (!row) return { kind: 'unknown' };
  return confirmRow(deps, row, options);
}

/**
 * Confirms with the code from the mail and the address it went to. Every try counts against each live
 * confirmation of that address before the code is compared; past MAX_CONFIRM_CODE_ATTEMPTS the code is dead
 * (the link in the mail still works), so six digits cannot be guessed.
 */
export async function confirmWithCode(
  deps: RegistrationDeps,
  input: { email: string; code: string },
  options: SignInOptions = {},
): Promise<ConfirmOutcome | { kind: 'wrong-code' }> {
  const email = input.email.trim().toLowerCase();
  if (!isCodeShape(input.code)) return { kind: 'wrong-code' };
  const at = deps.clock.now().toISOString();
  const live = await deps.database.db
    .transaction()
    .execute((tx) => q.takeConfirmCodeAttempt(tx, email, at, MAX_CONFIRM_CODE_ATTEMPTS));
  const match = live.find((c) => sameHash(c.code_hash, codeHash(c.id, input.code)));
  if (!match) return { kind: 'wrong-code' };
  return confirmRow(deps, match, options);
}

async function confirmRow(
  deps: RegistrationDeps,
  confirmation: ConfirmationRow,
  options: SignInOptions,
): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  try {
    return await withRegistration(
      deps,
      confirmation.registration_id,
      async (tx, row, mail, price, series) => {
        const seriesSlug = series.slug;
        const effect = confirmationEffect(
          { status: row.status, awaitingUntil: row.awaitingUntil, verified: row.verified },
          now,
        );
        // Spent: this registration, or another with the same address that replaced it, was confirmed.
        if (effect === 'already-confirmed' || confirmation.used_at !== null) {
          return { kind: 'already-confirmed', seriesSlug };
        }
        // A registration the organiser cancelled, or one whose time ran out, can no longer be confirmed.
        if (effect === 'too-late' || confirmation.expires_at <= at) return { kind: 'too-late', seriesSlug };
        const bound = effect === 'bind-seat';
        const status = bound ? 'confirmed' : 'waitlisted';
        const {
          result: { accountId },
        } = await auditedChange(tx, {
          // The registration as withRegistration read it, under the series lock and after settling.
          read: async () => row,
          write: async (tx, before) => {
            const accountId = await ensureAccount(
              tx,
              { email: before.attendee.email, name: before.attendee.name, role: 'participant' },
              now,
            );
            await q.update(tx, before.id, {
              status,
              confirmed_at: bound ? at : null,
              verified_at: at,
              awaiting_until: null,
              updated_at: at,
            });
            await q.setAttendeeAccount(tx, before.attendee.id, accountId, at);
            await q.spendConfirmations(tx, before.id, at);
            return { accountId };
          },
          audit: (before, { accountId }) => ({
            actor: { accountId, label: confirmation.email },
            action: bound ? 'registration.confirmed' : 'registration.waitlist-confirmed',
            entity: 'registration',
            entityId: before.id,
            before: { status: before.status },
            after: { status, confirmed_by: confirmation.recipient },
            at: now,
          }),
        });
        const actor = { accountId, label: confirmation.email };
        await endOtherAwaiting(tx, row, actor, now);
        const ctx = mail(row.attendee.email, row.attendee.name, row.lang);
        if (bound) {
          await enqueueMail(tx, confirmed(ctx, price, row.buyer.publicBuyer), now);
          const attendee = { ...row.attendee, accountId };
          await issueInvoices(tx, [{ ...row, attendee }], {
            now,
            actor,
            baseUrl: deps.baseUrl,
          });
        } else {
          const position = await q.positionOf(tx, row.seriesId, row.seq);
          await enqueueMail(tx, waitlistedMail({ ...ctx, position }), now);
        }
        // Only the participant's own mail signs in, and only as the participant.
        const signIn =
          confirmation.recipient === 'participant'
            ? await signInAccount(tx, row.attendee.email, 'registration', now, options)
            : null;
        return {
          kind: 'confirmed',
          place: bound ? 'seat' : 'line',
          recipient: confirmation.recipient,
          seriesSlug,
          participantName: row.attendee.name,
          signIn: signIn?.ok ? signIn : null,
        };
      },
    );
  } catch (error) {
    // The series was withdrawn (not public any more) or the registration is gone.
    if (error instanceof AppError && error.code === 'not_found') return { kind: 'unknown' };
    throw error;
  }
}

/** Other unconfirmed registrations with the same address in the series end: one person, one place. */
async function endOtherAwaiting(
  tx: Tx,
  row: Registration,
  actor: { accountId: string; label: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const other of await q.otherAwaiting(tx, row.seriesId, row.attendee.email, row.id)) {
    await auditedChange(tx, {
      // Each as the one query above found it, under the series lock.
      read: async () => other,
      write: async (tx, before) => {
        await q.update(tx, before.id, { status: 'expired', updated_at: at });
        await q.spendConfirmations(tx, before.id, at);
      },
      audit: (before) => ({
        actor,
        action: 'registration.superseded',
        entity: 'registration',
        entityId: before.id,
        before: { status: before.status },
        after: { status: 'expired', superseded_by: row.id },
        at: now,
      }),
    });
  }
}
