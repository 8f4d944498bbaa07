import type { Insertable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMails, type OutgoingMail } from '../../email/outbox.ts';
import { type AuditEntry, writeAudits } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { sha256 } from '../../shared/secrets.ts';
import { registrationChecks, takeLimitsInOrder } from '../limits/service.ts';
import type { RegistrationState, SeriesTerms } from '../series/service.ts';
import { acceptsRegistrations, isPublic, registrationState, seriesTerms } from '../series/service.ts';
import { alreadyRegisteredMail, type ConfirmRequest, confirmRequestMail } from './confirm-emails.ts';
import { codeUrl, confirmUrl, newConfirmation, signInUrl } from './confirmation.ts';
import type { RegistrationDeps } from './deps.ts';
import { mailContextFor, priceOf, seriesMail } from './mail-context.ts';
import * as q from './queries.ts';
import { awaitingUntil, decideNewRegistration } from './rules.ts';
import type { RegistrationForm } from './schemas.ts';
import { settle } from './settle.ts';
import type {
  AttendeeTable,
  BuyerTable,
  ConfirmationRecipient,
  RegistrationConfirmationTable,
  RegistrationTable,
} from './table.ts';

/**
 * What a sent form led to. 'reserved', 'waitlisted' and 'already-registered' all await the person's mail
 * and show the same page, so the page never tells a stranger who is registered.
 */
export type RegisterOutcome =
  | { kind: 'reserved'; registrationId: string; awaitingUntil: string }
  | { kind: 'waitlisted'; registrationId: string; position: number; awaitingUntil: string }
  | { kind: 'already-registered'; email: string; awaitingUntil: string }
  /** Over a registration limit (per IP, participant or invoice contact): nothing stored. */
  | { kind: 'rate-limited'; retryAt: Date }
  | { kind: 'not-eligible' }
  | { kind: 'closed'; state: RegistrationState };

// A rush: registrations for one series that arrive while its transaction runs wait for the next one and
// then go in together, in arrival order: one lock, one read of the seats, one commit (group commit). Each is
// decided exactly as if it had come alone, so the outcomes are the same; the lock is taken once per group
// instead of once per person, which is what lets a rush through quickly, above all on PostgreSQL, where
// every statement under the lock is a round trip that every other instance waits for.

export interface Pending {
  form: RegistrationForm;
  lang: Lang;
  /** The sender's address, when the form came over HTTP: it counts into the registration limits. */
  ip?: string;
  resolve(outcome: RegisterOutcome | null): void;
  reject(error: unknown): void;
}

type SeriesRef = SeriesTerms;

/** Per database and series: who waits for the running transaction. Present while one runs. */
const waiting = new WeakMap<Database, Map<string, Pending[]>>();
/** At most this many in one transaction: the bulk inserts bind up to ~18 values for each (the buyer). */
const GROUP_MAX = 50;

export function queueRegistration(deps: RegistrationDeps, series: SeriesRef, pending: Pending): void {
  let bySeries = waiting.get(deps.database);
  if (!bySeries) {
    bySeries = new Map();
    waiting.set(deps.database, bySeries);
  }
  const queue = bySeries.get(series.id);
  if (queue) {
    queue.push(pending);
    return;
  }
  const started = [pending];
  bySeries.set(series.id, started);
  void drain(deps, series, bySeries, started);
}

async function drain(
  deps: RegistrationDeps,
  series: SeriesRef,
  bySeries: Map<string, Pending[]>,
  queue: Pending[],
): Promise<void> {
  try {
    while (queue.length > 0) {
      // Let the requests that are ready already reach the queue first (one turn of the event loop): with
      // SQLite every query runs synchronously, so they get no other chance while a transaction runs.
      await new Promise((resolve) => setImmediate(resolve));
      const group = queue.splice(0, GROUP_MAX);
      try {
        const outcomes = await registerGroup(deps, series, group);
        for (const [i, p] of group.entries()) p.resolve(outcomes[i] ?? null);
      } catch (error) {
        if (group.length === 1) {
          group[0]?.reject(error);
          continue;
        }
        // One registration that fails must not fail the others: each again on its own.
        for (const p of group) {
          try {
            p.resolve((await registerGroup(deps, series, [p]))[0] ?? null);
          } catch (single) {
            p.reject(single);
          }
        }
      }
    }
  } finally {
    // Nothing can join between the last check and here: there is no await in between.
    bySeries.delete(series.id);
  }
}

/** Registers each in arrival order under one lock of the series, in one transaction. */
async function registerGroup(
  deps: RegistrationDeps,
  series: SeriesRef,
  group: readonly Pick<Pending, 'form' | 'lang' | 'ip'>[],
): Promise<(RegisterOutcome | null)[]> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const none = () => group.map(() => null);
  // What the seats do not decide is read before the lock: the mail texts (kept per series version) and the
  // organiser.
  const mail = await mailContextFor(db, deps, series);
  if (!mail) return none();
  const emails = group.map((p) => p.form.participant_email);
  try {
    return await db.transaction().execute(async (tx) => {
      if (!(await lockSeries(tx, dialect, series.id))) throw new Abandoned(none());
      // The series as it is now (the organiser may have closed or changed it meanwhile); its sessions come
      // with the mail texts, kept per version.
      const terms = await seriesTerms(tx, series.id);
      const kept = terms && isPublic(terms.status) ? await seriesMail(tx, deps, terms) : null;
      const mailTo =
        terms?.version === series.version ? mail : terms && (await mailContextFor(tx, deps, terms));
      if (!terms || !kept || !mailTo) throw new Abandoned(none());
      const state = registrationState(
        {
          status: terms.status,
          capacity: terms.capacity,
          // Open or waitlist, a registration is taken either way: the seats are decided below, not here.
          claimedSeats: 0,
          registrationOpensAt: terms.registrationOpensAt,
          registrationClosesAt: terms.registrationClosesAt,
          firstStartsAt: kept.firstStartsAt,
          lastEndsAt: kept.lastEndsAt,
        },
        now,
      );
      if (!acceptsRegistrations(state)) throw new Abandoned(group.map(() => ({ kind: 'closed', state })));
      // The limits per IP, participant and invoice contact count the whole group in one statement, after
      // the series lock (the lock order every instance keeps, so no two wait for each other in a circle).
      const limits = deps.rateLimits;
      const counted = group.map((p, i) => ({ p, i })).filter(({ p }) => p.ip !== undefined);
      const verdicts =
        limits && counted.length > 0
          ? await takeLimitsInOrder(
              tx,
              counted.map(({ p }) =>
                registrationChecks(limits, {
                  ip: p.ip ?? '',
                  participantEmail: p.form.participant_email,
                  invoiceContactEmail: p.form.invoice_contact_email,
                }),
              ),
              now,
            )
          : [];
      const refused = new Map<number, Date>();
      for (const [k, { i }] of counted.entries()) {
        const verdict = verdicts[k];
        if (verdict?.limited) refused.set(i, verdict.retryAt);
      }
      const capacity = terms.capacity;
      const price = priceOf(terms);
      // Only a confirmed, active registration makes a second one "already registered"; an unconfirmed one
      // (perhaps typed by a stranger) never blocks the owner of the address.
      const taken = new Set(await q.registeredEmails(tx, series.id, emails));
      const seats = [...(await settle(tx, deps, series.id, capacity, now, mailTo)).rows];
      let seq = await q.maxSeq(tx, series.id);
      let nextPosition: number | undefined;
      const at = now.toISOString();
      const until = awaitingUntil(now, deps.confirmHours);
      const rows: NewRegistration[] = [];
      const confirmations: Insertable<RegistrationConfirmationTable>[] = [];
      const audits: AuditEntry[] = [];
      const mails: OutgoingMail[] = [];
      const outcomes: RegisterOutcome[] = [];
      // The same form sent again (a double click, or sent again later) while it awaits confirmation is the
      // same registration, not a second place; a fresh mail goes out only when the last is a while old.
      const repeats = new Map<string, Repeat>();
      for (const r of await q.awaitingOf(tx, series.id, emails, at)) {
        if (!r.form_digest) continue;
        const position = r.status === 'waitlisted' ? await q.positionOf(tx, series.id, r.seq) : null;
        repeats.set(`${r.attendee_email}\n${r.form_digest}`, {
          registrationId: r.id,
          place: position === null ? { kind: 'reserved' } : { kind: 'waitlisted', position },
          awaitingUntil: r.awaiting_until ?? until,
          lastMailAt: r.last_mail_at,
        });
      }
      const mailConfirmation = (
        form: RegistrationForm,
        lang: Lang,
        registrationId: string,
        place: ConfirmRequest['place'],
        deadline: string,
      ) => {
        const email = form.participant_email;
        const twoRecipients = form.invoice_contact_email !== email;
        const recipients: { recipient: ConfirmationRecipient; to: string; name: string }[] = [
          { recipient: 'participant', to: email, name: form.participant_name },
        ];
        if (twoRecipients) {
          recipients.push({
            recipient: 'invoice_contact',
            to: form.invoice_contact_email,
            name: form.invoice_contact_name,
          });
        }
        for (const r of recipients) {
          const secret = newConfirmation(registrationId, r.recipient, r.to, deadline, at);
          confirmations.push(secret.row);
          mails.push(
            confirmRequestMail({
              ...mailTo(r.to, r.name, lang),
              place,
              awaitingUntil: deadline,
              confirmUrl: confirmUrl(deps.baseUrl, secret.token, lang),
              codeUrl: codeUrl(deps.baseUrl, lang),
              code: secret.code,
              priceExclOre: price.priceOre,
              priceInclOre: price.priceInclVatOre,
              twoRecipients,
              ...(r.recipient === 'invoice_contact'
                ? {
                    forContact: {
                      participantName: form.participant_name,
                      organisationName: form.organisation_name,
                    },
                  }
                : {}),
            }),
          );
        }
      };
      for (const [i, { form, lang }] of group.entries()) {
        const email = form.participant_email;
        const retryAt = refused.get(i);
        if (retryAt) {
          // Over a limit: nothing stored, nothing mailed; the sender is told when to try again.
          outcomes.push({ kind: 'rate-limited', retryAt });
          continue;
        }
        if (taken.has(email)) {
          // The page says "check your mail" in the same words as for a new registration; the mail says
          // that the address is registered already and offers sign-in.
          const ctx = mailTo(email, form.participant_name, lang);
          mails.push(alreadyRegisteredMail({ ...ctx, signInUrl: signInUrl(deps.baseUrl, lang) }));
          outcomes.push({ kind: 'already-registered', email, awaitingUntil: until });
          continue;
        }
        const digest = formDigest(form, lang);
        const key = `${email}\n${digest}`;
        const repeat = repeats.get(key);
        if (repeat) {
          outcomes.push(outcomeOf(repeat));
          if (
            repeat.lastMailAt === null ||
            Date.parse(repeat.lastMailAt) <= now.getTime() - RESEND_AFTER_MS
          ) {
            mailConfirmation(form, lang, repeat.registrationId, repeat.place, repeat.awaitingUntil);
            repeat.lastMailAt = at;
          }
          continue;
        }
        // The seats as they are with everybody before this one in the group: they are in `seats` too.
        const status = decideNewRegistration(seats, capacity, now);
        seq += 1;
        const id = newId();
        seats.push({ id, status, seq, offerExpiresAt: null, awaitingUntil: until, verified: false });
        const row = registrationRow(form, { id, seriesId: series.id, status, seq, lang, at, until, digest });
        rows.push(row);
        audits.push({
          actor: { accountId: null, label: email },
          action: status === 'reserved' ? 'registration.reserved' : 'registration.waitlisted',
          entity: 'registration',
          entityId: id,
          after: { ...row.registration, buyer: row.buyer, attendee: row.attendee },
          at: now,
        });
        let place: ConfirmRequest['place'];
        if (status === 'reserved') {
          place = { kind: 'reserved' };
        } else {
          // The line before the first of the group is counted once; the group only adds to its end.
          nextPosition ??= await q.positionOf(tx, series.id, seq);
          place = { kind: 'waitlisted', position: nextPosition++ };
        }
        const made: Repeat = { registrationId: id, place, awaitingUntil: until, lastMailAt: at };
        repeats.set(key, made);
        outcomes.push(outcomeOf(made));
        mailConfirmation(form, lang, id, place, until);
      }
      // One statement for the registrations, one for their confirmations, one for the audit lines and one
      // for the mails. No account and no invoice exist until someone confirms. The audit lines go through
      // writeAudits, not auditedChange: each is a new registration with only an "after" (there is no before
      // to read), and the whole group is one insert, so the rush pays one round trip for them.
      await q.insertMany(tx, rows);
      await Promise.all([
        q.insertConfirmations(tx, confirmations),
        writeAudits(tx, audits),
        enqueueMails(tx, mails, now),
      ]);
      return outcomes;
    });
  } catch (error) {
    if (error instanceof Abandoned) return error.outcomes;
    throw error;
  }
}

/** A registration awaiting confirmation that the same form, sent again, lands on. */
interface Repeat {
  registrationId: string;
  place: ConfirmRequest['place'];
  awaitingUntil: string;
  lastMailAt: string | null;
}

/** The same form sent again within this time gets no second mail (a double click). */
const RESEND_AFTER_MS = 10 * 60_000;

function outcomeOf(r: Repeat): RegisterOutcome {
  return r.place.kind === 'reserved'
    ? { kind: 'reserved', registrationId: r.registrationId, awaitingUntil: r.awaitingUntil }
    : {
        kind: 'waitlisted',
        registrationId: r.registrationId,
        position: r.place.position,
        awaitingUntil: r.awaitingUntil,
      };
}

/** The form as sent, in its language: equal digests are the same registration sent twice. */
function formDigest(form: RegistrationForm, lang: Lang): string {
  const fields = Object.entries(form).sort(([a], [b]) => (a < b ? -1 : 1));
  return sha256(JSON.stringify([lang, fields]));
}

/** Thrown to roll a group's transaction back when nobody in it registers. */
class Abandoned extends Error {
  constructor(readonly outcomes: (RegisterOutcome | null)[]) {
    super('registration group abandoned');
  }
}

interface NewRegistration {
  registration: Insertable<RegistrationTable>;
  buyer: Insertable<BuyerTable>;
  attendee: Insertable<AttendeeTable>;
}

/** The form split into its parties: the registration, its buyer and its attendee. */
function registrationRow(
  form: RegistrationForm,
  r: {
    id: string;
    seriesId: string;
    status: 'reserved' | 'waitlisted';
    seq: number;
    lang: Lang;
    at: string;
    until: string;
    digest: string;
  },
): NewRegistration {
  const times = { registration_id: r.id, created_at: r.at, updated_at: r.at };
  return {
    registration: {
      id: r.id,
      series_id: r.seriesId,
      status: r.status,
      seq: r.seq,
      attendee_email: form.participant_email,
      lang: r.lang,
      confirmed_at: null,
      awaiting_until: r.until,
      verified_at: null,
      form_digest: r.digest,
      created_at: r.at,
      updated_at: r.at,
    },
    buyer: {
      id: newId(),
      ...times,
      organisation_type: form.organisation_type,
      organisation_name: form.organisation_name,
      cvr: form.cvr,
      address_street: form.address_street,
      address_postal_code: form.address_postal_code,
      address_city: form.address_city,
      public_buyer: form.public_buyer === 'ja' ? 1 : 0,
      ean: form.ean || null,
      person_reference: form.person_reference || null,
      order_number: form.order_number || null,
      kontostreng: form.kontostreng || null,
      invoice_contact_name: form.invoice_contact_name,
      invoice_contact_email: form.invoice_contact_email,
      terms_accepted_at: r.at,
    },
    attendee: {
      id: newId(),
      ...times,
      name: form.participant_name,
      email: form.participant_email,
      phone: form.participant_phone || null,
      job_title: form.job_title,
      management_level: form.management_level,
      dietary_needs: form.dietary_needs || null,
      directory_consent: form.directory_consent ? 1 : 0,
      // The account is made when the registration is confirmed, never from an unconfirmed form.
      account_id: null,
    },
  };
}
