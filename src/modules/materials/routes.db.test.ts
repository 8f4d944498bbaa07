import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addGrantedAccount, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf, sessionIdsOf } from '../../../test/fixtures.ts';
import { materialFields } from '../../../test/materials.ts';
import { registerConfirmedParticipant, registrationTestDeps } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import type { MaterialFields } from './forms.ts';
import { addMaterial, type MaterialAdder } from './service.ts';

// The materials pages for each kind of person, on both engines: the timeline on Mit hold, one material's
// page, the add form's steps, edit, delete, hide and show, reuse — and a 404 for everyone the rules leave out.

const HOME = `/mit-hold/${SLUG_2027}`;
const BASE = `${HOME}/materialer`;

describeEachDialect('materials pages', (getDb) => {
  let app: FastifyInstance;
  /** The app's clock: fixed, moved on by the test of "new since the last visit". */
  let clockAt = TEST_NOW.getTime();
  const emails: Record<string, string> = {};
  const accounts: Record<string, MaterialAdder> = {};
  let seriesId: string;
  let sessions: string[];
  const hold = () => ({ seriesId, slug: SLUG_2027 });

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    app = await createTestApp(database, { clock: { now: () => new Date(clockAt) } });
    const { deps } = registrationTestDeps(database);
    emails.participant = uniqueEmail('deltager');
    await registerConfirmedParticipant(deps, SLUG_2027, 1, emails.participant);
    emails.other = uniqueEmail('deltager');
    await registerConfirmedParticipant(deps, SLUG_2027, 2, emails.other);
    seriesId = await seriesIdOf(db, SLUG_2027);
    sessions = await sessionIdsOf(db, seriesId);
    for (const [who, session] of [
      ['substitute', sessions[0]],
      ['otherSubstitute', sessions[1]],
    ] as const) {
      emails[who] = uniqueEmail('stedfortraeder');
      await addGrantedAccount(db, {
        email: emails[who],
        name: 'Stine',
        role: 'substitute',
        seriesId,
        sessionId: session ?? null,
      });
    }
    emails.stranger = uniqueEmail('fremmed');
    await ensureAccount(db, { email: emails.stranger, name: 'Fremmed', role: 'participant' }, TEST_NOW);
    emails.expert = DEMO_PEOPLE.caswell.email;
    emails.facilitator = DEMO_PEOPLE.kongsgaard.email;
    for (const who of ['participant', 'other', 'expert', 'facilitator']) {
      const a = await db
        .selectFrom('account')
        .select(['id', 'name'])
        .where('email', '=', emails[who] ?? '')
        .executeTakeFirstOrThrow();
      accounts[who] = { accountId: a.id, name: a.name, label: emails[who] ?? '' };
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));
  const add = (over: Partial<MaterialFields>, by: MaterialAdder, shared = false) =>
    addMaterial(getDb().db, { hold: hold(), fields: materialFields(over), shared }, by, TEST_NOW);
  const status = async (who: string, url: string) =>
    (who === 'organiser' ? await organiserBrowser(() => app, getDb()) : await as(who))
      .get(url)
      .then((r) => r.statusCode);

  describe('the timeline on Mit hold', () => {
    it('shows a participant the demo materials per session, before and after, and the series’ own', async () => {
      const res = await (await as('participant')).get(HOME);
      expect(res.statusCode).toBe(200);
      const section = res.body.slice(res.body.indexOf('id="materials"'));
      expect(section).toContain('>Til hele rækken</h3>');
      for (const n of [1, 2, 3, 4]) expect(section).toContain(`id="materials-session-${n}"`);
      expect(section).toContain('>Før gangen</h4>');
      expect(section).toContain('>Efter gangen</h4>');
      expect(section).toContain('Beskæftigelses Indikator Projektet (BIP)');
      expect(section).toContain('Positive afvigelser i jobcentret (demo-dokument)');
      // A participant may share in every session and for the whole series.
      expect(section.match(/>Tilføj materiale</g)?.length).toBe(10);
    });

    it('shows a substitute only their session, without the series’ own', async () => {
      const res = await (await as('substitute')).get(HOME);
      const section = res.body.slice(res.body.indexOf('id="materials"'));
      expect(section).toContain('id="materials-session-1"');
      expect(section).not.toContain('id="materials-session-2"');
      expect(section).not.toContain('Til hele rækken');
      expect(section).not.toContain('Sådan bruger du materialerne');
      expect(section.match(/>Tilføj materiale</g)?.length).toBe(2);
    });

    it('marks what others added since the last visit as new, once', async () => {
      const b = await as('other');
      clockAt = TEST_NOW.getTime() + 60_000;
      await b.get(HOME);
      await addMaterial(
        getDb().db,
        {
          hold: hold(),
          fields: materialFields({ title: 'Helt nyt materiale', sessionId: sessions[2] ?? null }),
          shared: false,
        },
        accounts.facilitator as MaterialAdder,
        new Date(clockAt + 60_000),
      );
      clockAt += 120_000;
      const again = await b.get(HOME);
      expect(again.body).toContain('Ét materiale er nyt siden dit sidste besøg.');
      expect(again.body).toMatch(
        /Helt nyt materiale<\/a><span class="holdet-tag holdet-tag-new"> Ny<\/span>/,
      );
      const third = await b.get(HOME);
      expect(third.body).not.toContain('nyt siden dit sidste besøg');
    });
  });

  it('shows the newest 20 of a list with "Vis alle", and every one with ?materialer=alle', async () => {
    for (let i = 0; i < 21; i++) {
      await addMaterial(
        getDb().db,
        {
          hold: hold(),
          fields: materialFields({ title: `Liste ${i}`, sessionId: sessions[3] ?? null, phase: 'after' }),
          shared: false,
        },
        accounts.facilitator as MaterialAdder,
        new Date(TEST_NOW.getTime() - (100 - i) * 60_000),
      );
    }
    const b = await as('participant');
    const some = await b.get(HOME);
    expect(some.body.match(/>Liste \d+</g)?.length).toBe(20);
    expect(some.body).not.toContain('>Liste 0<');
    expect(some.body).toContain(`href="${HOME}?materialer=alle#materials-session-4-after">Vis alle`);
    const all = await b.get(`${HOME}?materialer=alle`);
    expect(all.body.match(/>Liste \d+</g)?.length).toBe(21);
    expect(all.body).not.toContain('Vis alle');
  });

  describe('one material', () => {
    it('renders a note without letting script through, and the page is private', async () => {
      const m = await add(
        {
          title: 'Farlig note',
          bodyMd: '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>',
        },
        accounts.facilitator as MaterialAdder,
      );
      const res = await (await as('participant')).get(`${BASE}/${m.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const note = res.body.slice(res.body.indexOf('class="holdet-note"'));
      expect(note).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toMatch(/href="javascript:/i);
      expect(res.body).not.toMatch(/<img[^>]*onerror/i);
    });

    it('is there for every member who sees its place, and 404 for everyone else', async () => {
      const wide = await add({ title: 'Hele rækken' }, accounts.facilitator as MaterialAdder);
      const first = await add(
        { title: 'Første gang', sessionId: sessions[0] ?? null },
        accounts.facilitator as MaterialAdder,
      );
      for (const [who, answer] of [
        ['participant', 200],
        ['expert', 200],
        ['facilitator', 200],
        ['organiser', 200],
        ['substitute', 404],
        ['otherSubstitute', 404],
        ['stranger', 404],
      ] as const) {
        expect(await status(who, `${BASE}/${wide.id}`), who).toBe(answer);
      }
      expect(await status('substitute', `${BASE}/${first.id}`)).toBe(200);
      expect(await status('otherSubstitute', `${BASE}/${first.id}`)).toBe(404);
      expect(await status('participant', `${BASE}/ikke-et-id`)).toBe(404);
      expect(await status('participant', `${BASE}/${crypto.randomUUID()}`)).toBe(404);
      expect(
        await status('participant', `/mit-hold/beskaeftigelsesfaglig-masterclass-2021/materialer/${wide.id}`),
      ).toBe(404);
      expect((await new Browser(() => app).get(`${BASE}/${wide.id}`)).headers.location).toBe(
        `/log-ind?next=${encodeURIComponent(`${BASE}/${wide.id}`)}`,
      );
    });

    it('shows literature’s facts, and in English', async () => {
      const m = await add(
        {
          kind: 'literature',
          title: 'BIP',
          authors: 'Væksthusets Forskningscenter',
          year: 2021,
          publisher: 'Væksthuset',
          bodyMd: '',
        },
        accounts.facilitator as MaterialAdder,
      );
      const da = await (await as('participant')).get(`${BASE}/${m.id}`);
      expect(da.body).toContain('<dt>Forfattere</dt><dd>Væksthusets Forskningscenter</dd>');
      expect(da.body).toContain('<dd>2021</dd>');
      const en = await (await as('participant')).get(`${BASE}/${m.id}?lang=en`);
      expect(en.body).toContain('<dt>Authors</dt>');
      expect(en.body).toContain('<dd>The whole series</dd>');
    });
  });

  describe('adding: the kind first', () => {
    it('offers a participant the kinds they may share, and staff every kind', async () => {
      const kinds = (html: string) => [...html.matchAll(/type=([a-z]+)"/g)].map((x) => x[1]);
      const participant = await (await as('participant')).get(`${BASE}/ny?session=${sessions[1]}&fase=efter`);
      expect(participant.statusCode).toBe(200);
      expect(kinds(participant.body)).toEqual(['artikel', 'podcast', 'video', 'dokument']);
      expect(participant.body).toContain(`session=${sessions[1]}&amp;fase=efter&amp;type=artikel`);
      const expert = await (await as('expert')).get(`${BASE}/ny?session=${sessions[0]}`);
      expect(kinds(expert.body)).toEqual(['litteratur', 'artikel', 'podcast', 'video', 'dokument', 'note']);
      // The expert's other sessions: nothing to add there.
      expect(await status('expert', `${BASE}/ny?session=${sessions[1]}`)).toBe(404);
      expect(await status('stranger', `${BASE}/ny`)).toBe(404);
    });

    it('gives the form of the kind: multipart, the CSRF token its first field, the place and phase chosen', async () => {
      const res = await (await as('expert')).get(
        `${BASE}/ny?session=${sessions[0]}&fase=efter&type=litteratur`,
      );
      expect(res.statusCode).toBe(200);
      const form = res.body.slice(res.body.indexOf('<form method="post"'));
      expect(form).toMatch(
        /^<form method="post" action="[^"]+\/materialer\/ny" enctype="multipart\/form-data" novalidate><input type="hidden" name="_csrf"/,
      );
      expect(form).toContain('<input type="hidden" name="kind" value="literature"/>');
      expect(form).toContain(`<option value="${sessions[0]}" selected>`);
      // Only the expert's own session is offered.
      expect(form.match(/<option value="[0-9a-f-]{36}"/g)?.length).toBe(1);
      expect(form).toMatch(/id="phase-after" name="phase" value="after" checked/);
      expect(form).toContain('name="authors"');
      expect(form).not.toContain('name="file"');
    });

    it('does not give a participant a note form', async () => {
      const res = await (await as('participant')).get(`${BASE}/ny?type=note`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('name="body"');
      expect(res.body).toContain('Hvad vil du tilføje?');
    });
  });

  describe('edit, delete, hide, reuse', () => {
    it('lets the one who added it and the organiser edit, nobody else', async () => {
      const m = await add(
        { title: 'Ekspertens', sessionId: sessions[0] ?? null },
        accounts.expert as MaterialAdder,
      );
      const edit = `${BASE}/${m.id}/rediger`;
      expect(await status('expert', edit)).toBe(200);
      expect(await status('organiser', edit)).toBe(200);
      for (const who of ['participant', 'facilitator', 'substitute'])
        expect(await status(who, edit), who).toBe(404);
      const page = await (await as('expert')).get(edit);
      expect(page.body).toContain('value="Ekspertens"');
      expect(page.body).toContain('enctype="multipart/form-data"');
    });

    it('deletes after the confirmation only, audited; then it is gone', async () => {
      const m = await add(
        { title: 'Slet mig', sessionId: sessions[0] ?? null },
        accounts.expert as MaterialAdder,
      );
      const b = await as('expert');
      const confirm = await b.get(`${BASE}/${m.id}/slet`);
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('Slet „Slet mig“?');
      const refused = await b.post(`${BASE}/${m.id}/slet`, {});
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('<a href="#slet">Bekræft, at materialet skal slettes</a>');
      await b.get(`${BASE}/${m.id}/slet`);
      const done = await b.post(`${BASE}/${m.id}/slet`, { bekraeft: 'ja' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(`${HOME}#materials`);
      expect(await status('expert', `${BASE}/${m.id}`)).toBe(404);
      const audit = await getDb()
        .db.selectFrom('audit')
        .select(['action', 'actor_label'])
        .where('entity_id', '=', m.id)
        .orderBy('at')
        .execute();
      expect(audit).toEqual([
        { action: 'material.create', actor_label: DEMO_PEOPLE.caswell.email },
        { action: 'material.delete', actor_label: DEMO_PEOPLE.caswell.email },
      ]);
    });

    it('lets the facilitator hide what a participant shared, and show it again', async () => {
      const m = await add(
        {
          kind: 'article',
          title: 'Delt link',
          url: 'https://example.dk/delt',
          bodyMd: '',
          sessionId: sessions[0] ?? null,
        },
        accounts.participant as MaterialAdder,
        true,
      );
      const page = await (await as('other')).get(`${BASE}/${m.id}`);
      expect(page.body).toContain('Delt af en deltager');
      expect(page.body).not.toContain('Skjul for deltagerne');
      const other = await as('other');
      await other.get('/log-ind');
      expect((await other.post(`${BASE}/${m.id}/skjul`, {})).statusCode).toBe(404);

      const f = await as('facilitator');
      const staffPage = await f.get(`${BASE}/${m.id}`);
      expect(staffPage.body).toContain('Skjul for deltagerne');
      const hidden = await f.post(`${BASE}/${m.id}/skjul`, {});
      expect(hidden.statusCode).toBe(303);
      expect(hidden.headers.location).toBe(`${BASE}/${m.id}?besked=hidden`);
      expect(await status('other', `${BASE}/${m.id}`)).toBe(404);
      const own = await (await as('participant')).get(`${BASE}/${m.id}`);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('Materialet er skjult.');
      const home = await (await as('other')).get(HOME);
      expect(home.body).not.toContain('Delt link');

      await f.get(`${BASE}/${m.id}`);
      expect((await f.post(`${BASE}/${m.id}/vis`, {})).statusCode).toBe(303);
      expect(await status('other', `${BASE}/${m.id}`)).toBe(200);
    });

    it('does not let anyone hide what staff added', async () => {
      const m = await add({ title: 'Stabens' }, accounts.facilitator as MaterialAdder);
      const f = await as('facilitator');
      const page = await f.get(`${BASE}/${m.id}`);
      expect(page.body).not.toContain('Skjul for deltagerne');
      expect((await f.post(`${BASE}/${m.id}/skjul`, {})).statusCode).toBe(404);
    });

    it('lets the organiser and the facilitator mark a material for reuse', async () => {
      const m = await add({ title: 'Genbrug' }, accounts.expert as MaterialAdder);
      const f = await as('facilitator');
      await f.get(`${BASE}/${m.id}`);
      expect((await f.post(`${BASE}/${m.id}/genbrug`, {})).statusCode).toBe(400);
      const on = await f.post(`${BASE}/${m.id}/genbrug`, { genbrug: 'ja' });
      expect(on.headers.location).toBe(`${BASE}/${m.id}?besked=reuseOn`);
      const page = await f.get(`${BASE}/${m.id}?besked=reuseOn`);
      expect(page.body).toContain('Materialet tages med til næste hold.');
      expect(page.body).toContain('Genbrug ikke på næste hold');
      const row = await getDb()
        .db.selectFrom('material')
        .select('reuse')
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(row.reuse).toBe(1);
      const p = await as('participant');
      await p.get('/log-ind');
      expect((await p.post(`${BASE}/${m.id}/genbrug`, { genbrug: 'nej' })).statusCode).toBe(404);
    });
  });
});
