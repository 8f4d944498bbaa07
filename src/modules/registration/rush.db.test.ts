import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { createTestDatabase, DIALECTS, describeEachDialect, type TestDatabase } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf, setSeriesStatus } from '../../../test/fixtures.ts';
import {
  confirmationFromMail,
  confirmOverHttp,
  fetchCsrfPair,
  registrationTestDeps,
  validForm,
} from '../../../test/registration.ts';
import { openDatabase } from '../../db/connect.ts';
import type { Database, DB } from '../../db/database.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { seriesTermsBySlug } from '../series/service.ts';
import { parseRegistration } from './schemas.ts';
import { register, registerIn } from './service.ts';

// The opening-day rush, over real HTTP: hundreds of registrations for a 15-seat series sent at once (and on
// PostgreSQL to two app instances sharing the database), with some people pressing "send" several times.
// Every seat decision must still come out as if they had arrived one by one.

const PATH = `/serier/${SLUG_2027}/tilmelding`;
const CAPACITY = 15;
const DISTINCT = 300;
/** People who send the same form several times at once; they are not among the DISTINCT. */
const REPEATERS = 4;
const REPEATS = 5;

type Outcome = { kind: 'check-mail' } | { kind: 'other'; status: number; title: string };

interface Sent {
  email: string;
  outcome: Outcome;
}

/**
 * Reads the outcome from the result page's heading, in either language. A new seat, a place in line and
 * an address registered already all get the same "check your mail" page: the mail tells which.
 */
function outcomeOf(status: number, html: string): Outcome {
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]?.trim() ?? '';
  if (status === 200 && (title === 'Tjek din mail' || title === 'Check your email'))
    return { kind: 'check-mail' };
  return { kind: 'other', status, title };
}

/** Who sends what, in the order the requests start: the repeaters' copies spread through the crowd. */
function crowd(): { n: number; lang: 'da' | 'en' }[] {
  const people = Array.from({ length: DISTINCT }, (_, i) => i + 1);
  const repeats = Array.from({ length: REPEATERS * REPEATS }, (_, i) => 1001 + (i % REPEATERS));
  const all = [...people];
  // A fixed spread (no randomness): copy k goes in after every ~15th person.
  repeats.forEach((n, k) => {
    all.splice(Math.floor(((k + 1) * DISTINCT) / (repeats.length + 1)) + k, 0, n);
  });
  return all.map((n) => ({ n, lang: n % 7 === 0 ? 'en' : 'da' }));
}

for (const dialect of DIALECTS) {
  const instanceCount = dialect === 'postgres' ? 2 : 1;

  describe(`registration rush over HTTP (${dialect}, ${instanceCount} app instance${instanceCount > 1 ? 's' : ''})`, () => {
    let database: TestDatabase | undefined;
    const instanceDbs: Database[] = [];
    const apps: FastifyInstance[] = [];
    const origins: string[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect, { sqliteFile: true });
      for (let i = 0; i < instanceCount; i++) {
        // SQLite: the one app shares the test's connection (a second one in this thread would wait on the
        // first's write lock synchronously). PostgreSQL: each instance has a pool of its own.
        const instanceDb: Database =
          dialect === 'sqlite' ? database : openDatabase(database.url, { poolSize: 10 });
        if (instanceDb !== database) instanceDbs.push(instanceDb);
        const app = await createTestApp(instanceDb);
        apps.push(app);
        origins.push(await app.listen({ host: '127.0.0.1', port: 0 }));
      }
    });

    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const instanceDb of instanceDbs) await instanceDb.close();
      await database?.destroy();
    });

    it(`${DISTINCT} people and ${REPEATERS}×${REPEATS} repeated forms at once: exactly ${CAPACITY} seats, a gapless line, one mail each, no 5xx`, async () => {
      if (!database) throw new Error('no database');
      const { db } = database;
      const pairs = await Promise.all(origins.map((origin) => fetchCsrfPair(origin + PATH)));
      const people = crowd();

      const sent: Sent[] = await Promise.all(
        people.map(async ({ n, lang }, i) => {
          const instance = i % origins.length;
          const { token, cookie } = pairs[instance] ?? { token: '', cookie: '' };
          const fields = validForm(n, { _csrf: token });
          const query = lang === 'en' ? '?lang=en' : '';
          try {
            const response = await fetch(`${origins[instance]}${PATH}${query}`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
              body: new URLSearchParams(fields).toString(),
            });
            return {
              email: fields.participant_email ?? '',
              outcome: outcomeOf(response.status, await response.text()),
            };
          } catch (error) {
            const message = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : '';
            return {
              email: fields.participant_email ?? '',
              outcome: { kind: 'other', status: 0, title: message },
            };
          }
        }),
      );

      // Every answer is the "check your mail" page: no 5xx, no connection error, no other page.
      expect(sent.filter((s) => s.outcome.kind === 'other')).toEqual([]);

      const seriesId = await seriesIdOf(db, SLUG_2027);
      const registrations = () =>
        db
          .selectFrom('registration')
          .select(['id', 'attendee_email', 'status', 'seq'])
          .where('series_id', '=', seriesId)
          .orderBy('seq')
          .execute();
      const rows = await registrations();
      const emails = new Set(people.map((p) => `deltager${p.n}@jobcenter.example.dk`));
      expect(emails.size).toBe(DISTINCT + REPEATERS);
      // One row per person, none twice: a repeater's copies of the same form are one registration.
      expect(rows).toHaveLength(emails.size);
      expect(new Set(rows.map((r) => r.attendee_email))).toEqual(emails);
      // Arrival numbers 1..N without gaps or repeats; the first 15 arrivals hold the seats (awaiting
      // confirmation), the rest wait in line.
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(rows.filter((r) => r.status === 'reserved').map((r) => r.seq)).toEqual(
        Array.from({ length: CAPACITY }, (_, i) => i + 1),
      );
      expect(rows.slice(CAPACITY).every((r) => r.status === 'waitlisted')).toBe(true);

      // Exactly one confirmation mail per registration to the participant (a repeater's copies sent no
      // second one) and one to the invoice contact; the waiting are told their place, 1..n in arrival order.
      const all = await db.selectFrom('outbox').select(['to_address', 'kind', 'text_body']).execute();
      const toParticipants = all.filter((m) => m.to_address !== 'faktura@jobcenter.example.dk');
      expect(toParticipants.every((m) => m.kind === 'registration.confirm-request')).toBe(true);
      expect(toParticipants).toHaveLength(rows.length);
      expect(all.filter((m) => m.to_address === 'faktura@jobcenter.example.dk')).toHaveLength(rows.length);
      const mailTo = new Map(toParticipants.map((m) => [m.to_address, m.text_body]));
      const positions = rows.map((r) => {
        const text = mailTo.get(r.attendee_email) ?? '';
        const n = /(?:nummer|number) (\d+) (?:på ventelisten|on the waiting list)/.exec(text)?.[1];
        return n ? Number(n) : null;
      });
      expect(positions.slice(0, CAPACITY)).toEqual(Array.from({ length: CAPACITY }, () => null));
      expect(positions.slice(CAPACITY)).toEqual(rows.slice(CAPACITY).map((_, i) => i + 1));
      // Nobody has an account or an invoice before confirming; one audit line per registration.
      expect(await accountsBesidesTheDemo(db)).toEqual([]);
      expect(await db.selectFrom('invoice').select('id').execute()).toEqual([]);
      // (The demo seed's own rows — the roles it grants its people, its materials, its questions, its dilemmas —
      // are not the rush's.)
      expect(
        await db
          .selectFrom('audit')
          .select('action')
          .where('action', 'not like', 'people.%')
          .where('action', 'not like', 'material.%')
          .where('action', 'not like', 'question.%')
          .where('action', 'not like', 'dilemma.%')
          .execute(),
      ).toHaveLength(rows.length);

      // The 15 confirm from their mails, all at once, through every instance: each seat becomes binding
      // and is invoiced, numbers 1..15 without a gap.
      const confirms = await Promise.all(
        rows.slice(0, CAPACITY).map(async (r, i) => {
          const origin = origins[i % origins.length] ?? '';
          const { token } = await confirmationFromMail(database as TestDatabase, r.attendee_email);
          return confirmOverHttp(origin, token);
        }),
      );
      expect(confirms.every((c) => c.status === 303 && c.location === '/min-side?besked=confirmed')).toBe(
        true,
      );
      const after = await registrations();
      expect(after.filter((r) => r.status === 'confirmed').map((r) => r.seq)).toEqual(
        Array.from({ length: CAPACITY }, (_, i) => i + 1),
      );
      const invoices = await db
        .selectFrom('invoice')
        .innerJoin('registration', 'registration.id', 'invoice.registration_id')
        .select(['invoice.seq', 'registration.seq as arrival'])
        .orderBy('invoice.seq')
        .execute();
      expect(invoices.map((i) => i.seq)).toEqual(Array.from({ length: CAPACITY }, (_, i) => i + 1));
      expect(invoices.map((i) => i.arrival).sort((a, b) => a - b)).toEqual(
        Array.from({ length: CAPACITY }, (_, i) => i + 1),
      );
      expect(await accountsBesidesTheDemo(db)).toHaveLength(CAPACITY);
    });
  });
}

/** Accounts other than the demo's experts and facilitator (who have theirs from the seed). */
function accountsBesidesTheDemo(db: Kysely<DB>) {
  const demo = Object.values(DEMO_PEOPLE).map((p) => p.email);
  return db.selectFrom('account').select('email').where('email', 'not in', demo).execute();
}

function form(n: number, overrides: Record<string, string> = {}) {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

// Registrations that arrive together go into one transaction (group commit, see service.ts); these pin
// down what a group does beyond what one registration alone would.
describeEachDialect('registrations sent together', (getDb) => {
  it('the same person twice at once: two forms are two places awaiting confirmation, the same form twice is one', async () => {
    const database = getDb();
    const { deps } = registrationTestDeps(database);
    // The series is looked up first: three lookups on PostgreSQL's pool may come back in any order, and
    // the arrival order this test pins down is the order they join the queue.
    const series = await seriesTermsBySlug(database.db, SLUG_2027);
    if (!series) throw new Error('demo series missing');
    const outcomes = await Promise.all([
      registerIn(deps, series, form(1, { participant_name: 'Første Udgave' }), 'da'),
      registerIn(deps, series, form(1, { participant_name: 'Anden Udgave' }), 'da'),
      registerIn(deps, series, form(2), 'en'),
      registerIn(deps, series, form(1, { participant_name: 'Første Udgave' }), 'da'),
    ]);
    // Two different forms with one address are two places (one may be a stranger's); the same form twice
    // is one. Nothing makes or renames an account before a confirmation.
    expect(outcomes.map((o) => o?.kind)).toEqual(['reserved', 'reserved', 'reserved', 'reserved']);
    expect(outcomes[3]).toEqual(outcomes[0]);
    expect(await accountsBesidesTheDemo(database.db)).toEqual([]);
    const mails = await database.db
      .selectFrom('outbox')
      .select(['to_address', 'subject'])
      .where('kind', 'like', 'registration.%')
      .execute();
    // A mail to each participant of the three registrations and to their invoice contact.
    expect(mails).toHaveLength(6);
    expect(mails.find((m) => m.to_address === 'deltager2@jobcenter.example.dk')?.subject).toMatch(
      /^Confirm your registration for/,
    );
  });

  it('when registration has closed, nobody in the group is stored, not even an account', async () => {
    const database = getDb();
    const { deps } = registrationTestDeps(database);
    await setSeriesStatus(database.db, SLUG_2027, 'closed');
    const outcomes = await Promise.all([11, 12, 13, 14].map((n) => register(deps, SLUG_2027, form(n), 'da')));
    expect(outcomes).toEqual(outcomes.map(() => ({ kind: 'closed', state: 'closed' })));
    const emails = ['deltager11@jobcenter.example.dk', 'deltager14@jobcenter.example.dk'];
    const accounts = await database.db
      .selectFrom('account')
      .select('id')
      .where('email', 'in', emails)
      .execute();
    expect(accounts).toEqual([]);
    const rows = await database.db.selectFrom('registration').select('id').where('seq', '>', 3).execute();
    expect(rows).toEqual([]);
  });
});
