import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addGrantedAccount, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { EXE, makeDocx, makeMp3, makePdf, SVG } from '../../../test/files.ts';
import { SLUG_2027, seriesIdOf, sessionIdsOf } from '../../../test/fixtures.ts';
import { registerConfirmedParticipant, registrationTestDeps } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { extractPendingText } from '../files/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { copySeriesAction } from '../programme/series-actions.ts';
import { search } from '../search/service.ts';
import { seriesForEditing } from '../series/service.ts';
import { DEMO_PDF_NAME } from './demo.ts';
import { onFileText } from './service.ts';

// Materials with files through the pages, on both engines: the add form (multipart, the CSRF token first)
// for each kind with a file, uploads refused by size and by type with the Danish message by the field and
// nothing stored, downloads only for those who may see the material (a PDF inline, a DOCX as an attachment),
// the search index in step with every change, a PDF's inner words found once its text is extracted, and the
// series copy taking reuse-marked materials with their files.

const HOME = `/mit-hold/${SLUG_2027}`;
const BASE = `${HOME}/materialer`;

describeEachDialect('materials with files', (getDb) => {
  let app: FastifyInstance;
  const emails: Record<string, string> = {};
  let seriesId: string;
  let sessions: string[];

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    app = await createTestApp(database, { env: { UPLOAD_MAX_MB: '1' } });
    const { deps } = registrationTestDeps(database);
    emails.participant = uniqueEmail('deltager');
    await registerConfirmedParticipant(deps, SLUG_2027, 1, emails.participant);
    seriesId = await seriesIdOf(db, SLUG_2027);
    sessions = await sessionIdsOf(db, seriesId);
    emails.otherSubstitute = uniqueEmail('stedfortraeder');
    await addGrantedAccount(db, {
      email: emails.otherSubstitute,
      name: 'Stine',
      role: 'substitute',
      seriesId,
      sessionId: sessions[1] ?? null,
    });
    emails.stranger = uniqueEmail('fremmed');
    await ensureAccount(db, { email: emails.stranger, name: 'Fremmed', role: 'participant' }, TEST_NOW);
    emails.expert = DEMO_PEOPLE.caswell.email;
    emails.facilitator = DEMO_PEOPLE.kongsgaard.email;
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));
  const count = async (table: 'stored_file' | 'material') =>
    Number(
      (
        await getDb()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const entry = (id: string) =>
    getDb()
      .db.selectFrom('search_entry')
      .select(['title', 'body', 'session_id', 'path'])
      .where('source', '=', 'material')
      .where('source_id', '=', id)
      .executeTakeFirst();
  const idFrom = (location: unknown) => /materialer\/([0-9a-f-]{36})\?/.exec(String(location))?.[1] ?? '';

  /** Opens the form of a kind (for its CSRF token) and posts it, multipart, with the token first. */
  async function addThroughForm(
    browser: Browser,
    kind: string,
    fields: Record<string, string>,
    file?: { filename: string; bytes: Buffer; type?: string },
  ) {
    const slug = {
      document: 'dokument',
      article: 'artikel',
      podcast: 'podcast',
      note: 'note',
      literature: 'litteratur',
      video: 'video',
    }[kind];
    await browser.get(`${BASE}/ny?type=${slug}`);
    return browser.postMultipart(
      `${BASE}/ny`,
      [{ name: 'kind', value: kind }, ...Object.entries(fields).map(([name, value]) => ({ name, value }))],
      file ? { name: 'file', ...file } : undefined,
    );
  }

  describe('adding with a file', () => {
    it('stores an expert’s PDF for their session, audited and indexed; search finds its inner words once extracted', async () => {
      const expert = await as('expert');
      const pdf = await makePdf([
        ['Om positive afvigelser i jobcentrets hverdag.'],
        ['Side to om gribning.'],
      ]);
      const res = await addThroughForm(
        expert,
        'document',
        {
          title: 'Oplæg om afvigelser',
          description: 'Slides fra gangen',
          place: sessions[0] ?? '',
          phase: 'after',
        },
        { filename: 'Oplæg æøå.pdf', bytes: pdf, type: 'application/pdf' },
      );
      expect(res.statusCode).toBe(303);
      const id = idFrom(res.headers.location);
      const page = await expert.get(`${BASE}/${id}`);
      expect(page.body).toContain('Åbn Oplæg æøå.pdf');
      const audit = await getDb()
        .db.selectFrom('audit')
        .select('action')
        .where('entity_id', '=', id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['material.create']);
      // Indexed at once with its description; the file's words come when the job has read it.
      expect(await entry(id)).toMatchObject({ title: 'Oplæg om afvigelser', session_id: sessions[0] });
      expect((await entry(id))?.body).not.toContain('positive afvigelser');
      while ((await extractPendingText(getDb().db, () => TEST_NOW, onFileText)) > 0) {}
      expect((await entry(id))?.body).toContain('positive afvigelser');

      const found = await search(getDb().db, {
        query: 'positive afvigelser',
        scope: { seriesIds: [seriesId], sessionIds: [] },
        limit: 50,
        offset: 0,
      });
      expect(found.hits.map((h) => h.sourceId)).toContain(id);
      // A substitute of another session finds nothing of it.
      const other = await search(getDb().db, {
        query: 'positive afvigelser',
        scope: { seriesIds: [], sessionIds: [sessions[1] ?? ''] },
        limit: 50,
        offset: 0,
      });
      expect(other.hits.map((h) => h.sourceId)).not.toContain(id);
    });

    it('finds the demo PDF by a word inside it once its text is extracted', async () => {
      while ((await extractPendingText(getDb().db, () => TEST_NOW, onFileText)) > 0) {}
      const found = await search(getDb().db, {
        query: '"positive afvigelser"',
        scope: { seriesIds: [seriesId], sessionIds: [] },
        limit: 50,
        offset: 0,
      });
      expect(found.hits.map((h) => h.title)).toContain('Positive afvigelser i jobcentret (demo-dokument)');
      const file = await getDb()
        .db.selectFrom('stored_file')
        .select('text_status')
        .where('name', '=', DEMO_PDF_NAME)
        .executeTakeFirstOrThrow();
      expect(file.text_status).toBe('done');
    });

    it('serves the PDF inline and a DOCX as a download, only to those who may see them', async () => {
      const expert = await as('expert');
      const pdfRes = await addThroughForm(
        expert,
        'document',
        { title: 'PDF til download', place: sessions[0] ?? '', phase: 'before' },
        { filename: 'slides.pdf', bytes: await makePdf(), type: 'application/pdf' },
      );
      const pdfId = idFrom(pdfRes.headers.location);
      const participant = await as('participant');
      await participant.get(`${BASE}/ny?type=artikel`);
      const docxRes = await addThroughForm(
        participant,
        'article',
        { title: 'Delt artikel', place: sessions[0] ?? '', phase: 'after' },
        { filename: 'Artikel.docx', bytes: makeDocx(['En delt artikel.']) },
      );
      expect(docxRes.statusCode).toBe(303);
      const docxId = idFrom(docxRes.headers.location);

      const pdf = await participant.get(`${BASE}/${pdfId}/fil`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(String(pdf.headers['content-disposition'])).toMatch(/^inline;/);
      expect(pdf.headers['x-content-type-options']).toBe('nosniff');
      const docx = await (await as('facilitator')).get(`${BASE}/${docxId}/fil`);
      expect(docx.statusCode).toBe(200);
      expect(String(docx.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(docx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      for (const who of ['otherSubstitute', 'stranger']) {
        expect((await (await as(who)).get(`${BASE}/${pdfId}/fil`)).statusCode, who).toBe(404);
      }
      expect((await new Browser(() => app).get(`${BASE}/${pdfId}/fil`)).statusCode).toBe(303);
      const shared = await getDb()
        .db.selectFrom('material')
        .select('shared')
        .where('id', '=', docxId)
        .executeTakeFirstOrThrow();
      expect(shared.shared).toBe(1);
    });

    it('plays an uploaded podcast in the page', async () => {
      const f = await as('facilitator');
      const res = await addThroughForm(
        f,
        'podcast',
        { title: 'Lyt til gangen', place: 'serie', phase: 'after' },
        { filename: 'afsnit.mp3', bytes: makeMp3(), type: 'audio/mpeg' },
      );
      expect(res.statusCode).toBe(303);
      const page = await f.get(String(res.headers.location));
      expect(page.body).toMatch(/<audio class="holdet-audio" controls preload="metadata" src="[^"]+\/fil">/);
    });
  });

  describe('refused uploads', () => {
    it('refuses a file over the limit with the Danish message by the field, keeps what was typed, stores nothing', async () => {
      const before = { files: await count('stored_file'), materials: await count('material') };
      const big = Buffer.concat([await makePdf(), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await addThroughForm(
        await as('expert'),
        'document',
        { title: 'For stor', place: sessions[0] ?? '', phase: 'before' },
        { filename: 'stor.pdf', bytes: big, type: 'application/pdf' },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Filen er for stor. Den må højst fylde 1 MB.');
      expect(res.body).toMatch(/<span class="form-error-message" id="file-error">.*Filen er for stor/);
      expect(res.body).toContain('<a href="#file">Filen er for stor. Den må højst fylde 1 MB.</a>');
      expect(res.body).toContain('value="For stor"');
      expect(await count('stored_file')).toBe(before.files);
      expect(await count('material')).toBe(before.materials);
    });

    it('refuses a type outside the list (an executable, an SVG) and stores nothing', async () => {
      const before = await count('stored_file');
      for (const file of [
        { filename: 'program.pdf', bytes: EXE },
        { filename: 'billede.svg', bytes: SVG, type: 'image/svg+xml' },
      ]) {
        const res = await addThroughForm(
          await as('expert'),
          'document',
          { title: 'Forkert type', place: sessions[0] ?? '', phase: 'before' },
          file,
        );
        expect(res.statusCode, file.filename).toBe(400);
        expect(res.body).toContain('Filtypen kan ikke bruges.');
        expect(res.body).toContain('<a href="#file">Filtypen kan ikke bruges.');
      }
      expect(await count('stored_file')).toBe(before);
    });

    it('names every missing field of an empty form, and a document without its file', async () => {
      const res = await addThroughForm(await as('expert'), 'document', {});
      expect(res.statusCode).toBe(400);
      for (const [field, message] of [
        ['title', 'Udfyld titel'],
        ['file', 'Vælg en fil'],
        ['place', 'Vælg, hvad materialet hører til'],
      ]) {
        expect(res.body).toContain(`<a href="#${field}">${message}</a>`);
      }
      const article = await addThroughForm(await as('participant'), 'article', {
        title: 'Uden link',
        place: sessions[0] ?? '',
        phase: 'before',
      });
      expect(article.body).toContain('<a href="#url">Vælg en fil eller skriv et link</a>');
      const video = await addThroughForm(await as('participant'), 'video', {
        title: 'Video',
        url: 'http://example.dk',
        place: sessions[0] ?? '',
        phase: 'before',
      });
      expect(video.body).toContain('<a href="#url">Skriv et link, der begynder med https://</a>');
      expect(video.body).toContain('value="http://example.dk"');
    });

    it('refuses a multipart form whose first field is not the CSRF token (403), storing nothing', async () => {
      const before = await count('stored_file');
      const b = await as('expert');
      await b.get(`${BASE}/ny?type=dokument`);
      const res = await b.postMultipart(
        `${BASE}/ny`,
        [{ name: 'kind', value: 'document' }],
        { name: 'file', filename: 'a.pdf', bytes: await makePdf() },
        { csrfLast: true },
      );
      expect(res.statusCode).toBe(403);
      expect(await count('stored_file')).toBe(before);
    });
  });

  describe('the index in step, and the copy', () => {
    it('re-indexes on edit and removes on hide and delete', async () => {
      const participant = await as('participant');
      const res = await addThroughForm(participant, 'video', {
        title: 'Samskabelse på video',
        url: 'https://example.dk/video',
        place: 'serie',
        phase: 'before',
      });
      const id = idFrom(res.headers.location);
      expect((await entry(id))?.title).toBe('Samskabelse på video');
      await participant.get(`${BASE}/${id}/rediger`);
      const saved = await participant.postMultipart(`${BASE}/${id}/rediger`, [
        { name: 'title', value: 'Borgerinddragelse på video' },
        { name: 'url', value: 'https://example.dk/video' },
        { name: 'place', value: 'serie' },
        { name: 'phase', value: 'after' },
      ]);
      expect(saved.statusCode).toBe(303);
      expect((await entry(id))?.title).toBe('Borgerinddragelse på video');
      const f = await as('facilitator');
      await f.get(`${BASE}/${id}`);
      expect((await f.post(`${BASE}/${id}/skjul`, {})).statusCode).toBe(303);
      expect(await entry(id)).toBeUndefined();
      await f.get(`${BASE}/${id}`);
      await f.post(`${BASE}/${id}/vis`, {});
      expect((await entry(id))?.title).toBe('Borgerinddragelse på video');
      await participant.get(`${BASE}/${id}/slet`);
      expect((await participant.post(`${BASE}/${id}/slet`, { bekraeft: 'ja' })).statusCode).toBe(303);
      expect(await entry(id)).toBeUndefined();
      const actions = await getDb()
        .db.selectFrom('audit')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('at')
        .execute();
      expect(actions.map((a) => a.action).sort()).toEqual(
        ['material.create', 'material.delete', 'material.hide', 'material.show', 'material.update'].sort(),
      );
    });

    it('replaces the file on edit with a new upload', async () => {
      const expert = await as('expert');
      const res = await addThroughForm(
        expert,
        'document',
        { title: 'Udskift', place: sessions[0] ?? '', phase: 'before' },
        { filename: 'v1.pdf', bytes: await makePdf([['Første udgave']]) },
      );
      const id = idFrom(res.headers.location);
      await expert.get(`${BASE}/${id}/rediger`);
      const saved = await expert.postMultipart(
        `${BASE}/${id}/rediger`,
        [
          { name: 'title', value: 'Udskift' },
          { name: 'place', value: sessions[0] ?? '' },
          { name: 'phase', value: 'before' },
        ],
        { name: 'file', filename: 'v2.pdf', bytes: await makePdf([['Anden udgave']]) },
      );
      expect(saved.statusCode).toBe(303);
      expect((await expert.get(`${BASE}/${id}`)).body).toContain('Åbn v2.pdf');
      // Saved again without a file: the file stays.
      await expert.get(`${BASE}/${id}/rediger`);
      await expert.postMultipart(`${BASE}/${id}/rediger`, [
        { name: 'title', value: 'Udskift igen' },
        { name: 'place', value: sessions[0] ?? '' },
        { name: 'phase', value: 'before' },
      ]);
      expect((await expert.get(`${BASE}/${id}`)).body).toContain('Åbn v2.pdf');
    });

    it('copies reuse-marked materials with their file to the new hold, indexed there', async () => {
      const org = await organiserBrowser(() => app, getDb());
      const res = await addThroughForm(
        org,
        'document',
        { title: 'Genbrugt PDF', place: sessions[0] ?? '', phase: 'before' },
        { filename: 'genbrug.pdf', bytes: await makePdf() },
      );
      const id = idFrom(res.headers.location);
      await org.get(`${BASE}/${id}`);
      expect((await org.post(`${BASE}/${id}/genbrug`, { genbrug: 'ja' })).statusCode).toBe(303);
      const source = await seriesForEditing(getDb().db, SLUG_2027);
      if (!source) throw new Error('no 2027 hold');
      const outcome = await copySeriesAction(
        registrationTestDeps(getDb()).deps,
        seriesId,
        {
          slug: 'beskaeftigelsesfaglig-masterclass-2031',
          titleDa: source.titleDa,
          titleEn: source.titleEn,
          sessions: source.sessions.map((s) => ({
            sourceId: s.id,
            startsAt: s.startsAt.replace('2027', '2031'),
            endsAt: s.endsAt.replace('2027', '2031'),
          })),
          registrationOpensAt: '2030-12-01T08:00:00.000Z',
          registrationClosesAt: '2031-06-04T22:00:00.000Z',
        },
        { accountId: null, label: 'test' },
      );
      if (outcome.kind !== 'copied') throw new Error(outcome.kind);
      const original = await getDb()
        .db.selectFrom('material')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const copy = await getDb()
        .db.selectFrom('material')
        .selectAll()
        .where('copied_from', '=', id)
        .executeTakeFirstOrThrow();
      expect(copy.series_id).toBe(outcome.seriesId);
      expect(copy.file_id).toBe(original.file_id);
      expect(copy.session_id).toBe(outcome.sessionIds.get(sessions[0] ?? ''));
      expect((await entry(copy.id))?.path).toBe(
        `/mit-hold/beskaeftigelsesfaglig-masterclass-2031/materialer/${copy.id}`,
      );
    });
  });
});
