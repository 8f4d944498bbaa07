import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { deadSmtpUrl, startSmtpServer, type TestSmtpServer } from '../../test/smtp.ts';
import { openDatabase } from '../db/connect.ts';
import type { Database, Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { confirmedMail, type RegistrationMailContext } from '../modules/registration/emails.ts';
import { fixedClock } from '../shared/clock.ts';
import { type Mailer, memoryMailer, smtpMailer } from './mailer.ts';
import { enqueueMail, type OutgoingMail } from './outbox.ts';
import { claimDue } from './queries.ts';
import { MAX_ATTEMPTS, messageIdFor } from './rules.ts';
import { OutboxWorker } from './worker.ts';

// The outbox against a real SMTP server in this process, on both databases: a mail is sent once it is
// committed, never when its transaction rolls back, retried with back-off while the server refuses it,
// given up after MAX_ATTEMPTS, and sent exactly once by workers that compete for the same outbox; urgent
// mails first, several at once over a pool, a few invoice PDFs per round, and one Message-ID per row however
// often it is delivered.

const FROM = 'Væksthusets Kompetencecenter <kompetencecenter@example.dk>';
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

function plainMail(n: number | string, to = 'mette@example.dk'): OutgoingMail {
  return {
    kind: 'test.plain',
    to,
    subject: `Prøve ${n}: æøå ÆØÅ`,
    text: `Kære Søren,\n\nHer er prøve ${n} med æ, ø og å.\n`,
    html: `<!doctype html><html lang="da"><body><p>Kære Søren – prøve ${n} med <strong>æøå</strong>.</p></body></html>`,
  };
}

const CONTEXT: RegistrationMailContext = {
  lang: 'da',
  to: 'jens.aagaard@example.dk',
  participantName: 'Jens Aagaard',
  seriesTitle: 'Beskæftigelsesfaglig masterclass 2027',
  seriesUrl: 'http://holdet.test/serier/beskaeftigelsesfaglig-masterclass-2027',
  myPageUrl: 'http://holdet.test/min-side',
  seriesId: '7d3c8f4e-0000-4000-8000-000000000001',
  organiser: {
    name: 'Væksthusets Kompetencecenter',
    email: 'kompetencecenter@example.dk',
    phone: '+45 70 20 30 40',
  },
  sessions: [
    ['2027-06-07', 'Hvordan får vi forskning og praksis til at spille sammen?'],
    ['2027-08-30', 'Hvordan bringer vi flere mennesker i udsatte positioner i job?'],
    ['2027-10-04', 'Hvad virker for de unge?'],
    ['2027-11-22', 'Hvordan skaber vi rum for beskæftigelsesfagligheden?'],
  ].map(([day, question], i) => ({
    id: `00000000-0000-4000-8000-00000000000${i + 1}`,
    ordinal: i + 1,
    startsAt: `${day}T08:00:00.000Z`,
    endsAt: `${day}T12:30:00.000Z`,
    question: question ?? '',
    place: 'Væksthuset, Glentevej 67, 2400 København NV',
    mode: 'in_person' as const,
    meetingUrl: null,
    sequence: 0,
    status: 'scheduled' as const,
  })),
};

describeEachDialect(
  'outbox worker',
  (getDb) => {
    let smtp: TestSmtpServer;
    const clock = fixedClock(TEST_NOW);

    beforeAll(async () => {
      smtp = await startSmtpServer();
    });
    afterAll(async () => {
      await smtp?.close();
    });
    afterEach(async () => {
      await getDb().db.deleteFrom('outbox').execute();
      smtp.received.length = 0;
      smtp.refuseRecipients(null);
      clock.set(TEST_NOW);
    });

    const worker = (mailer = smtpMailer(smtp.url)) =>
      new OutboxWorker({ database: getDb(), mailer, clock, from: FROM, intervalMs: 50 });
    const rowOf = (id: string) =>
      getDb().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('sends committed mails with subject, text, HTML and attachments intact, then marks them sent', async () => {
      const { db } = getDb();
      const confirmed = confirmedMail({
        ...CONTEXT,
        publicBuyer: true,
        priceExclOre: 1_800_000,
        priceInclOre: 2_250_000,
      });
      const ids = await db
        .transaction()
        .execute(async (tx) => [
          await enqueueMail(tx, plainMail(1), clock.now()),
          await enqueueMail(tx, confirmed, clock.now()),
        ]);

      expect(await worker().runOnce()).toEqual({ sent: 2, failed: 0 });
      expect(smtp.received).toHaveLength(2);

      const plain = smtp.received.find((r) => r.mail.subject === 'Prøve 1: æøå ÆØÅ');
      expect(plain?.envelope).toEqual({ from: 'kompetencecenter@example.dk', to: ['mette@example.dk'] });
      expect(plain?.mail.from?.value).toEqual([
        { name: 'Væksthusets Kompetencecenter', address: 'kompetencecenter@example.dk' },
      ]);
      expect(plain?.mail.text).toBe(plainMail(1).text);
      expect(plain?.mail.html).toBe(plainMail(1).html);
      expect(plain?.mail.attachments).toEqual([]);

      const registration = smtp.received.find((r) => r.mail.subject === confirmed.subject);
      expect(registration?.mail.subject).toBe(
        'Du har fået en plads på Beskæftigelsesfaglig masterclass 2027',
      );
      expect(registration?.envelope.to).toEqual(['jens.aagaard@example.dk']);
      expect(registration?.mail.text).toBe(confirmed.text);
      expect(registration?.mail.html).toBe(confirmed.html);
      expect(registration?.mail.text).toContain('Fakturaen sendes som elektronisk faktura (OIOUBL)');
      const files = registration?.mail.attachments ?? [];
      expect(files.map((a) => a.filename)).toEqual([1, 2, 3, 4].map((n) => `session-${n}.ics`));
      const [ics] = files;
      expect(ics?.contentType).toBe('text/calendar');
      expect(ics?.content.toString('base64')).toBe(confirmed.attachments?.[0]?.content);
      const calendar = ics?.content.toString('utf8') ?? '';
      expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(calendar).toContain('METHOD:REQUEST');
      expect(calendar).toContain('LOCATION:Væksthuset\\, Glentevej 67\\, 2400 København NV');

      for (const id of ids) {
        expect(await rowOf(id)).toMatchObject({
          status: 'sent',
          sent_at: TEST_NOW.toISOString(),
          attempts: 0,
          locked_until: null,
          last_error: null,
        });
      }
      // Sent is sent: another round finds nothing.
      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(2);
    });

    it('never sends a mail whose transaction rolled back', async () => {
      const { db } = getDb();
      await expect(
        db.transaction().execute(async (tx) => {
          await enqueueMail(tx, plainMail('rullet tilbage'), clock.now());
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toEqual([]);
      expect(await db.selectFrom('outbox').select('id').execute()).toEqual([]);
    });

    it('keeps a refused mail pending, waits out the back-off, then sends it', async () => {
      const id = await enqueueMail(getDb().db, plainMail(2), clock.now());
      smtp.refuseRecipients(550);

      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 1 });
      const failed = await rowOf(id);
      expect(failed).toMatchObject({
        status: 'pending',
        attempts: 1,
        sent_at: null,
        locked_until: null,
        next_attempt_at: at(TEST_NOW, 30).toISOString(),
      });
      expect(failed.last_error).toMatch(/550/);
      expect(failed.last_error?.length).toBeLessThanOrEqual(300);
      expect(smtp.received).toEqual([]);

      // The server accepts again, but the mail waits for its time.
      smtp.refuseRecipients(null);
      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      clock.set(at(TEST_NOW, 29));
      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toEqual([]);

      clock.set(at(TEST_NOW, 30));
      expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.map((r) => r.mail.subject)).toEqual(['Prøve 2: æøå ÆØÅ']);
      expect(await rowOf(id)).toMatchObject({
        status: 'sent',
        attempts: 1,
        last_error: null,
        sent_at: at(TEST_NOW, 30).toISOString(),
      });
    });

    it('records a server that is down as a failed attempt', async () => {
      const id = await enqueueMail(getDb().db, plainMail(3), clock.now());
      const down = worker(smtpMailer(await deadSmtpUrl()));
      expect(await down.runOnce()).toEqual({ sent: 0, failed: 1 });
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, locked_until: null });
      expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(row.next_attempt_at > TEST_NOW.toISOString()).toBe(true);
    });

    it('backs off 30 s, 1, 2, 4 … minutes and gives up after eight failed attempts', async () => {
      const id = await enqueueMail(getDb().db, plainMail(4), clock.now());
      smtp.refuseRecipients(550);
      const delays: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const now = clock.now();
        expect(await worker().runOnce()).toEqual({ sent: 0, failed: 1 });
        const row = await rowOf(id);
        expect(row.attempts).toBe(attempt);
        if (attempt < MAX_ATTEMPTS) {
          expect(row.status).toBe('pending');
          delays.push((new Date(row.next_attempt_at).getTime() - now.getTime()) / 1000);
          clock.set(row.next_attempt_at);
        } else {
          expect(row.status).toBe('failed');
          expect(row.last_error).toMatch(/550/);
        }
      }
      expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);

      // A failed mail stays failed, however long one waits.
      smtp.refuseRecipients(null);
      clock.set(at(clock.now(), 24 * 3600));
      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toEqual([]);
    });

    it('sends oldest first and at most a batch per round', async () => {
      const { db } = getDb();
      for (let n = 1; n <= 5; n++) {
        await enqueueMail(db, plainMail(`nr. ${n}`), at(TEST_NOW, -60 + n));
      }
      const small = new OutboxWorker({
        database: getDb(),
        mailer: smtpMailer(smtp.url),
        clock,
        from: FROM,
        intervalMs: 50,
        batchSize: 3,
      });
      expect(await small.runOnce()).toEqual({ sent: 3, failed: 0 });
      expect(await small.runOnce()).toEqual({ sent: 2, failed: 0 });
      expect(smtp.received.map((r) => r.mail.subject?.slice(0, 11))).toEqual(
        [1, 2, 3, 4, 5].map((n) => `Prøve nr. ${n}`),
      );
    });

    it('sends urgent mails before every normal mail that waits, oldest urgent first', async () => {
      const { db } = getDb();
      for (let n = 1; n <= 4; n++) await enqueueMail(db, plainMail(`normal ${n}`), at(TEST_NOW, -60 + n));
      await enqueueMail(db, { ...plainMail('hastende 1'), priority: 'urgent' }, at(TEST_NOW, -2));
      await enqueueMail(db, { ...plainMail('hastende 2'), priority: 'urgent' }, at(TEST_NOW, -1));
      const small = new OutboxWorker({
        database: getDb(),
        mailer: smtpMailer(smtp.url),
        clock,
        from: FROM,
        intervalMs: 50,
        batchSize: 3,
      });
      expect(await small.runOnce()).toEqual({ sent: 3, failed: 0 });
      expect(smtp.received.map((r) => r.mail.subject?.split(':')[0])).toEqual([
        'Prøve hastende 1',
        'Prøve hastende 2',
        'Prøve normal 1',
      ]);
      const stored = await db.selectFrom('outbox').select(['subject', 'priority']).execute();
      expect(stored.filter((r) => r.priority === 0).map((r) => r.subject.split(':')[0])).toEqual([
        'Prøve hastende 1',
        'Prøve hastende 2',
      ]);
    });

    it('sends a round in parallel, as many at once as the pool has connections', async () => {
      const { db } = getDb();
      for (let n = 1; n <= 12; n++) await enqueueMail(db, plainMail(`pulje ${n}`), at(TEST_NOW, -60 + n));
      const pooled = smtpMailer(smtp.url, { poolSize: 3 });
      let inFlight = 0;
      let most = 0;
      const counting: Mailer = {
        ...pooled,
        async send(mail) {
          inFlight++;
          most = Math.max(most, inFlight);
          try {
            await pooled.send(mail);
          } finally {
            inFlight--;
          }
        },
      };
      try {
        expect(pooled.concurrency).toBe(3);
        expect(await worker(counting).runOnce()).toEqual({ sent: 12, failed: 0 });
      } finally {
        pooled.close();
      }
      expect(most).toBe(3);
      expect(new Set(smtp.received.map((r) => r.mail.subject)).size).toBe(12);
      const statuses = await db.selectFrom('outbox').select('status').distinct().execute();
      expect(statuses).toEqual([{ status: 'sent' }]);
    });

    it('takes only a few mails that render a PDF per round, so a run of invoices holds up no one', async () => {
      const { db } = getDb();
      const invoiceMail = (n: number): OutgoingMail => ({
        ...plainMail(`faktura ${n}`),
        kind: 'test.invoice',
        attachments: [
          {
            filename: `faktura-${n}.pdf`,
            contentType: 'application/pdf',
            source: { kind: 'test-pdf', id: `${n}` },
          },
        ],
      });
      // Five invoices first, then five plain mails: the plain ones must not wait for all the PDFs.
      for (let n = 1; n <= 5; n++) await enqueueMail(db, invoiceMail(n), at(TEST_NOW, -60 + n));
      for (let n = 1; n <= 5; n++) await enqueueMail(db, plainMail(`efter ${n}`), at(TEST_NOW, -30 + n));
      const rendered: string[] = [];
      const pdfWorker = new OutboxWorker({
        database: getDb(),
        mailer: smtpMailer(smtp.url),
        clock,
        from: FROM,
        intervalMs: 50,
        batchSize: 10,
        rendersPerRound: 2,
        resolveAttachment: async (source) => {
          rendered.push(source.id);
          return Buffer.from(`%PDF-1.7 faktura ${source.id}`);
        },
      });
      expect(await pdfWorker.runOnce()).toEqual({ sent: 7, failed: 0 });
      expect(rendered).toEqual(['1', '2']);
      const subjects = smtp.received.map((r) => r.mail.subject?.split(':')[0]);
      for (let n = 1; n <= 5; n++) expect(subjects).toContain(`Prøve efter ${n}`);
      expect(await pdfWorker.runOnce()).toEqual({ sent: 2, failed: 0 });
      expect(await pdfWorker.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(rendered).toEqual(['1', '2', '3', '4', '5']);
      const pdf = smtp.received.find((r) => r.mail.subject?.startsWith('Prøve faktura 5'));
      expect(pdf?.mail.attachments[0]?.content.toString()).toBe('%PDF-1.7 faktura 5');
    });

    it('gives both deliveries of one row the same Message-ID when a worker dies before marking it sent', async () => {
      const id = await enqueueMail(getDb().db, plainMail('to gange'), clock.now());
      const real = smtpMailer(smtp.url);
      // The first worker hands the mail to the server and then hangs, as if its process had died
      // between the server's 250 and the UPDATE that marks the row sent.
      let wakeUp = () => {};
      const hang = new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
      const dying: Mailer = {
        ...real,
        async send(mail) {
          await real.send(mail);
          await hang;
        },
      };
      const lease = 60_000;
      const first = new OutboxWorker({
        database: getDb(),
        mailer: dying,
        clock,
        from: FROM,
        intervalMs: 50,
        leaseMs: lease,
      });
      const firstRound = first.runOnce();
      const deadline = Date.now() + 10_000;
      while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(smtp.received).toHaveLength(1);
      expect((await rowOf(id)).status).toBe('pending');

      // Its lease runs out; another worker claims the row and delivers it again.
      clock.set(at(TEST_NOW, lease / 1000));
      const second = new OutboxWorker({
        database: getDb(),
        mailer: real,
        clock,
        from: FROM,
        intervalMs: 50,
        leaseMs: lease,
      });
      expect(await second.runOnce()).toEqual({ sent: 1, failed: 0 });

      expect(smtp.received).toHaveLength(2);
      const [one, two] = smtp.received.map((r) => r.mail.messageId);
      expect(one).toBe(`<${id}@example.dk>`);
      expect(two).toBe(one);
      expect(messageIdFor(id, FROM)).toBe(one);
      expect(await rowOf(id)).toMatchObject({ status: 'sent', sent_at: at(TEST_NOW, 60).toISOString() });

      // The first worker coming back to life changes nothing: its claim is gone.
      wakeUp();
      await firstRound;
      expect(await rowOf(id)).toMatchObject({ status: 'sent', sent_at: at(TEST_NOW, 60).toISOString() });
    });

    it('does not take a mail another worker holds until its lease has run out', async () => {
      const { db } = getDb();
      const id = await enqueueMail(db, plainMail(5), clock.now());
      // As if a worker claimed it and died mid-send.
      await db
        .updateTable('outbox')
        .set({ locked_until: at(TEST_NOW, 120).toISOString() })
        .where('id', '=', id)
        .execute();
      expect(await worker().runOnce()).toEqual({ sent: 0, failed: 0 });
      clock.set(at(TEST_NOW, 120));
      expect(await worker().runOnce()).toEqual({ sent: 1, failed: 0 });
      expect((await rowOf(id)).status).toBe('sent');
    });

    it('marks mails sent without SMTP when the mailer keeps them (development)', async () => {
      const id = await enqueueMail(getDb().db, plainMail(6), clock.now());
      expect(await worker(memoryMailer()).runOnce()).toEqual({ sent: 1, failed: 0 });
      expect((await rowOf(id)).status).toBe('sent');
      expect(smtp.received).toEqual([]);
    });

    it('runs in the background from start() until stop()', async () => {
      const background = worker();
      background.start();
      try {
        await enqueueMail(getDb().db, plainMail(7), clock.now());
        const deadline = Date.now() + 10_000;
        while (smtp.received.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await background.stop();
      }
      expect(smtp.received.map((r) => r.mail.subject)).toEqual(['Prøve 7: æøå ÆØÅ']);
      // Stopped means stopped: a new mail stays in the outbox.
      await enqueueMail(getDb().db, plainMail(8), clock.now());
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.received).toHaveLength(1);
    });
  },
  { prepare: 'migrate' },
);

/** Two independent connections to one fresh, migrated database. */
async function twoConnections(
  dialect: Dialect,
): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'holdet-outbox-'));
    const url = `sqlite:${join(dir, 'holdet.db')}`;
    const a = openDatabase(url);
    await migrateToLatest(a.db);
    const b = openDatabase(url);
    return {
      a,
      b,
      async close() {
        await b.close();
        await a.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const a = await createTestDatabase('postgres', { prepare: 'migrate' });
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(a.db);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${rows[0]?.name}`;
  const b = openDatabase(url.toString(), { poolSize: 5 });
  return {
    a,
    b,
    async close() {
      await b.close();
      await a.destroy();
    },
  };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`competing outbox workers (${dialect})`, () => {
    let smtp: TestSmtpServer;
    let pair: Awaited<ReturnType<typeof twoConnections>>;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      pair = await twoConnections(dialect);
    });
    afterAll(async () => {
      await pair?.close();
      await smtp?.close();
    });
    afterEach(async () => {
      await pair.a.db.deleteFrom('outbox').execute();
    });

    it('never hands one mail to two claims that run at the same moment', async () => {
      // The race itself, many times over: 30 claims at once, half on each connection (and on PostgreSQL
      // several pooled connections each). Without SKIP LOCKED PostgreSQL hands rows out twice here.
      await pair.a.db.transaction().execute(async (tx) => {
        for (let n = 1; n <= 300; n++) await enqueueMail(tx, plainMail(n), TEST_NOW);
      });
      const lease = at(TEST_NOW, 120).toISOString();
      const claims = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const database = i % 2 === 0 ? pair.a : pair.b;
          return claimDue(database.db, database.dialect, TEST_NOW.toISOString(), lease, 10);
        }),
      );
      const ids = claims.flat().map((row) => row.id);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBe(300);
    });

    it('sends each of 50 mails exactly once between two workers on two connections', async () => {
      const clock = fixedClock(TEST_NOW);
      await pair.a.db.transaction().execute(async (tx) => {
        for (let n = 1; n <= 50; n++) await enqueueMail(tx, plainMail(n), clock.now());
      });
      const workers = [pair.a, pair.b].map(
        (database) =>
          new OutboxWorker({
            database,
            mailer: smtpMailer(smtp.url),
            clock,
            from: FROM,
            intervalMs: 50,
            batchSize: 4,
          }),
      );
      const drain = async (w: OutboxWorker) => {
        let sent = 0;
        for (;;) {
          const round = await w.runOnce();
          if (round.sent + round.failed === 0) return sent;
          sent += round.sent;
        }
      };
      const [first = 0, second = 0] = await Promise.all(workers.map(drain));

      expect(first + second).toBe(50);
      // Both took part: the claims really did compete.
      expect(Math.min(first, second)).toBeGreaterThan(0);
      const subjects = smtp.received.map((r) => r.mail.subject);
      expect(subjects).toHaveLength(50);
      expect(new Set(subjects).size).toBe(50);
      const statuses = await pair.b.db
        .selectFrom('outbox')
        .select(({ fn }) => ['status', fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', 50]]);
    });
  });
}
