import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { confirmedMail } from '../modules/registration/emails.ts';
import { enqueueMail, type OutgoingMail } from './outbox.ts';
import { eraseExpiredBodies } from './retention.ts';
import { MAIL_HTML_CSP } from './routes.tsx';

// The mailbox page over HTTP on both databases: list, one mail, its HTML as a sandboxed document of its
// own, its attachments; and none of it in production.

const at = (seconds: number) => new Date(TEST_NOW.getTime() + seconds * 1000);
const MISSING = '00000000-0000-4000-8000-000000000000';

const CONFIRMED = confirmedMail({
  lang: 'da',
  to: 'mette.hojgaard@example.dk',
  participantName: 'Mette Højgaard',
  seriesTitle: 'Beskæftigelsesfaglig masterclass 2027',
  seriesUrl: 'http://holdet.test/serier/beskaeftigelsesfaglig-masterclass-2027',
  myPageUrl: 'http://holdet.test/min-side',
  seriesId: 'series-2027',
  organiser: { name: 'Væksthusets Kompetencecenter', email: 'kompetencecenter@example.dk', phone: '' },
  publicBuyer: true,
  priceExclOre: 1_800_000,
  priceInclOre: 2_250_000,
  sessions: [1, 2, 3, 4].map((n) => ({
    id: `session-${n}`,
    ordinal: n,
    startsAt: `2027-0${5 + n}-07T08:00:00.000Z`,
    endsAt: `2027-0${5 + n}-07T12:30:00.000Z`,
    question: `Spørgsmål ${n}?`,
    place: 'Væksthuset, Glentevej 67, 2400 København NV',
    mode: 'in_person' as const,
    meetingUrl: null,
    sequence: 0,
    status: 'scheduled' as const,
  })),
});

const SIGN_IN: OutgoingMail = {
  kind: 'auth.sign-in',
  to: 'søren@example.dk',
  subject: 'Din kode: 123 456 <script>alert(1)</script>',
  text: 'Koden er 123 456.\n<b>ikke fed</b>\n',
  html: '<!doctype html><html lang="da"><body><p style="color: red">Koden er <b>123 456</b>.</p></body></html>',
};

describeEachDialect('mailbox page', (getDb) => {
  let app: FastifyInstance;
  let confirmedId: string;
  let signInId: string;

  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('with mails', () => {
    beforeAll(async () => {
      const { db } = getDb();
      confirmedId = await enqueueMail(db, CONFIRMED, TEST_NOW);
      signInId = await enqueueMail(db, SIGN_IN, at(90 * 60));
    });
    afterAll(async () => {
      await getDb().db.deleteFrom('outbox').execute();
    });

    it('lists the mails newest first in a table with column headers, in Danish time', async () => {
      const res = await app.inject({ url: '/udvikling/postkasse' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const body = res.body;
      expect(body).toContain('<h1>Postkasse</h1>');
      expect(body).toContain('<caption>Mails i udbakken</caption>');
      expect(body.match(/<th scope="col">/g)).toHaveLength(5);
      expect(body).toContain('ikke sat nogen mailserver op');
      // Newest first; times in Copenhagen (UTC+1 in March).
      const newer = body.indexOf(`/udvikling/postkasse/${signInId}`);
      const older = body.indexOf(`/udvikling/postkasse/${confirmedId}`);
      expect(newer).toBeGreaterThan(0);
      expect(older).toBeGreaterThan(newer);
      expect(body).toContain('2. marts 2026 kl. 14.30');
      expect(body).toContain('2. marts 2026 kl. 13.00');
      expect(body).toContain('Du har fået en plads på Beskæftigelsesfaglig masterclass 2027');
      expect(body).toContain('mette.hojgaard@example.dk');
      expect(body).toContain('registration.confirmed');
      expect(body).toContain('Venter');
      // A mail's subject is text, never markup.
      expect(body).not.toContain('<script>alert(1)</script>');
      expect(body).toContain('&lt;script>alert(1)&lt;/script>');
    });

    it('speaks English on request', async () => {
      const res = await app.inject({ url: '/udvikling/postkasse?lang=en' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).toContain('<h1>Mailbox</h1>');
      expect(res.body).toContain('2 March 2026, 13:00');
      expect(res.body).toContain('Waiting');
      expect(res.body).toContain(`/udvikling/postkasse/${confirmedId}?lang=en`);
    });

    it('shows one mail: headers, the text in a <pre>, a link to its HTML and its attachments', async () => {
      const res = await app.inject({ url: `/udvikling/postkasse/${confirmedId}` });
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('<h1>Du har fået en plads på Beskæftigelsesfaglig masterclass 2027</h1>');
      expect(body).toContain('<dt>Fra</dt><dd>Holdet &lt;noreply@holdet.local></dd>');
      expect(body).toContain('<dt>Til</dt><dd>mette.hojgaard@example.dk</dd>');
      expect(body).toContain('<dt>Status</dt><dd>Venter</dd>');
      expect(body).toMatch(/<pre tabindex="0"[^>]*>Du har fået en plads/);
      expect(body).toContain('Fakturaen sendes som elektronisk faktura (OIOUBL) til jeres EAN-nummer.');
      expect(body).toContain(`href="/udvikling/postkasse/${confirmedId}/html"`);
      expect(body).toContain(`href="/udvikling/postkasse/${confirmedId}/vedhaeftning/1"`);
      expect(body).toContain(`href="/udvikling/postkasse/${confirmedId}/vedhaeftning/4"`);
      expect(body).toContain('session-1.ics');
      expect(body).toContain('session-4.ics');
      expect(body).toContain('(text/calendar, ');
      // The mail's own HTML (with its inline styles) is not part of our page, and our CSP stays strict.
      expect(body).not.toContain('font-family: Arial');
      expect(res.headers['content-security-policy']).toContain("style-src 'self'");
    });

    it('escapes the text body and shows a failed attempt and its error', async () => {
      await getDb()
        .db.updateTable('outbox')
        .set({
          attempts: 2,
          last_error: 'EENVELOPE: 550 Mailbox unavailable',
          next_attempt_at: at(60).toISOString(),
        })
        .where('id', '=', signInId)
        .execute();
      const res = await app.inject({ url: `/udvikling/postkasse/${signInId}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('&lt;b>ikke fed&lt;/b>');
      expect(res.body).toContain('<dt>Mislykkede forsøg</dt><dd>2</dd>');
      expect(res.body).toContain('<dt>Næste forsøg</dt><dd>2. marts 2026 kl. 13.01</dd>');
      expect(res.body).toContain('EENVELOPE: 550 Mailbox unavailable');
      expect(res.body).toContain('Mailen har ingen vedhæftede filer.');
    });

    it('shows a mail whose content was erased after the retention period as such', async () => {
      const { db } = getDb();
      const id = await enqueueMail(db, CONFIRMED, at(-40 * 24 * 3600));
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: at(-40 * 24 * 3600).toISOString() })
        .where('id', '=', id)
        .execute();
      expect(await eraseExpiredBodies(db, TEST_NOW, 30)).toBe(1);
      try {
        const res = await app.inject({ url: `/udvikling/postkasse/${id}` });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<h1>Du har fået en plads på Beskæftigelsesfaglig masterclass 2027</h1>');
        expect(res.body).toContain('<dt>Til</dt><dd>mette.hojgaard@example.dk</dd>');
        expect(res.body).toContain('<dt>Status</dt><dd>Sendt</dd>');
        expect(res.body).toContain('Indholdet er slettet efter 30 dage');
        expect(res.body).toContain('<dt>Indhold slettet</dt><dd>2. marts 2026 kl. 13.00</dd>');
        expect(res.body).not.toContain('<pre');
        expect(res.body).not.toContain('session-1.ics');
        expect(res.body).not.toContain(`${id}/html`);
        for (const url of [`/udvikling/postkasse/${id}/html`, `/udvikling/postkasse/${id}/vedhaeftning/1`]) {
          expect((await app.inject({ url })).statusCode, url).toBe(404);
        }
        const english = await app.inject({ url: `/udvikling/postkasse/${id}?lang=en` });
        expect(english.body).toContain('The content was deleted after 30 days');
        // The list still has it.
        const list = await app.inject({ url: '/udvikling/postkasse' });
        expect(list.body).toContain(`href="/udvikling/postkasse/${id}"`);
      } finally {
        await db.deleteFrom('outbox').where('id', '=', id).execute();
      }
    });

    it("serves the mail's HTML as its own sandboxed document", async () => {
      const res = await app.inject({ url: `/udvikling/postkasse/${signInId}/html` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(MAIL_HTML_CSP);
      expect(MAIL_HTML_CSP).toMatch(
        /^default-src 'none'; style-src 'unsafe-inline'; img-src data:;.*sandbox$/,
      );
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body).toBe(SIGN_IN.html);
    });

    it('downloads an attachment with its type and file name', async () => {
      const res = await app.inject({ url: `/udvikling/postkasse/${confirmedId}/vedhaeftning/1` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="session-1.ics"; filename*=UTF-8''session-1.ics`,
      );
      expect(res.rawPayload.toString('base64')).toBe(CONFIRMED.attachments?.[0]?.content);
      expect(res.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(res.body).toContain('METHOD:REQUEST');
      // One file per session: the fourth is session 4's.
      const fourth = await app.inject({ url: `/udvikling/postkasse/${confirmedId}/vedhaeftning/4` });
      expect(fourth.headers['content-disposition']).toContain('filename="session-4.ics"');
      expect(fourth.body).toContain('UID:session-session-4@holdet');
    });

    it('answers 404 for a mail or attachment that does not exist, or a malformed address', async () => {
      for (const url of [
        `/udvikling/postkasse/${MISSING}`,
        `/udvikling/postkasse/${MISSING}/html`,
        `/udvikling/postkasse/${MISSING}/vedhaeftning/1`,
        '/udvikling/postkasse/not-an-id',
        "/udvikling/postkasse/1'%20or%201=1/html",
        `/udvikling/postkasse/${confirmedId}/vedhaeftning/5`,
        `/udvikling/postkasse/${confirmedId}/vedhaeftning/0`,
        `/udvikling/postkasse/${confirmedId}/vedhaeftning/x`,
        `/udvikling/postkasse/${signInId}/vedhaeftning/1`,
      ]) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).toContain('Siden findes ikke');
      }
    });
  });

  it('says so when there are no mails', async () => {
    const res = await app.inject({ url: '/udvikling/postkasse' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Der er ingen mails endnu.');
    expect(res.body).not.toContain('<table');
  });

  describe('in production', () => {
    let production: FastifyInstance;
    let id: string;
    beforeAll(async () => {
      production = await createTestApp(getDb(), { env: { NODE_ENV: 'production' } });
      id = await enqueueMail(getDb().db, CONFIRMED, TEST_NOW);
    });
    afterAll(async () => {
      await production?.close();
    });
    afterEach(async () => {
      await getDb().db.deleteFrom('outbox').execute();
    });

    it('has no mailbox at all', async () => {
      for (const url of [
        '/udvikling/postkasse',
        `/udvikling/postkasse/${id}`,
        `/udvikling/postkasse/${id}/html`,
        `/udvikling/postkasse/${id}/vedhaeftning/1`,
      ]) {
        const res = await production.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain('masterclass.ics');
      }
    });
  });
});
