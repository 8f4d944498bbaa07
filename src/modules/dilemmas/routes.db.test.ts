import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { Browser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { type DilemmaPeople, makeDilemmaPeople, type Who } from '../../../test/dilemmas.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { CONFIRM_FIELD } from '../../shared/personal-data.ts';

// The dilemmas pages for each kind of person, on both engines: who reaches what (404 for everyone the rules
// leave out), the author hidden from peers and experts and shown, marked, to the facilitator and the organiser,
// the guard through the forms, the agenda's buttons, discussed and the follow-up after the session.

const HOME = `/mit-hold/${SLUG_2027}`;
const BASE = `${HOME}/dilemmaer`;

const form = (over: Record<string, string> = {}) => ({
  kind: 'dilemma',
  title: 'Tavshedspligt i det tværfaglige team',
  situation: 'Vi holder tværfaglige møder om forløb, hvor flere afdelinger er med.',
  dilemma: 'Hvor meget må vi dele, før det går ud over tilliden?',
  tried: 'Samtykke-erklæringer, men de bliver ofte glemt.',
  wanted: 'Hvordan andre har skabt *gode vaner* omkring samtykke.',
  visibility: 'anonym',
  ...over,
});

describeEachDialect('dilemmas pages', (getDb) => {
  let app: FastifyInstance;
  const clockAt = TEST_NOW.getTime();
  let people: DilemmaPeople;
  let dilemmaPath = '';
  let session = '';
  const browsers = new Map<Who, Browser>();

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock: { now: () => new Date(clockAt) } });
    people = await makeDilemmaPeople(getDb());
    session = people.sessions[1] as string;
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: Who) => {
    let b = browsers.get(who);
    if (!b) {
      b = new Browser(() => app).withSession(await sessionOf(getDb(), people.accounts[who].email));
      browsers.set(who, b);
    }
    return b;
  };
  const status = async (who: Who | 'anonymous', url: string) =>
    who === 'anonymous'
      ? (await new Browser(() => app).get(url)).statusCode
      : (await (await as(who)).get(url)).statusCode;
  const dilemmaCount = async () =>
    Number(
      (
        await getDb()
          .db.selectFrom('dilemma')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('putting one forward', () => {
    it('says in plain words who will see the name, and keeps what was typed when refused', async () => {
      const b = await as('author');
      const page = await b.get(`${BASE}/ny`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Arrangøren og facilitator ser altid dit navn');
      expect(page.body).toContain('de andre deltagere og eksperterne ikke dit navn');
      for (const label of [
        'Situationen',
        'Dilemmaet',
        'Det har jeg prøvet',
        'Det vil jeg gerne have input til',
      ])
        expect(page.body).toContain(`>${label}`);
      const empty = await b.post(`${BASE}/ny`, { title: 'Kun en titel' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('href="#situation"');
      expect(empty.body).toContain('href="#visibility"');
      expect(empty.body).toContain('value="Kun en titel"');
    });

    it('refuses a CPR number next to its field and stores nothing; a warning needs the tick', async () => {
      const b = await as('author');
      await b.get(`${BASE}/ny`);
      const before = await dilemmaCount();
      const cpr = await b.post(`${BASE}/ny`, form({ tried: 'Vi ringede til 010190-1234 om det.' }));
      expect(cpr.statusCode).toBe(400);
      expect(cpr.body).toContain('Skriv aldrig borgeres CPR-numre her');
      expect(cpr.body).toContain('href="#tried"');
      expect(cpr.body).toContain('Vi ringede til 010190-1234 om det.');
      const warned = await b.post(
        `${BASE}/ny`,
        form({ situation: 'Jens Hansen er i behandling for misbrug.' }),
      );
      expect(warned.statusCode).toBe(400);
      expect(warned.body).toContain(`name="${CONFIRM_FIELD}"`);
      expect(await dilemmaCount()).toBe(before);
      const ticked = await b.post(
        `${BASE}/ny`,
        form({
          situation: 'Jens Hansen er i behandling for misbrug.',
          title: 'Bekræftet',
          [CONFIRM_FIELD]: 'ja',
        }),
      );
      expect(ticked.statusCode).toBe(303);
      expect(await dilemmaCount()).toBe(before + 1);
    });

    it('stores an anonymous one and shows it', async () => {
      const b = await as('author');
      await b.get(`${BASE}/ny`);
      const res = await b.post(`${BASE}/ny`, form());
      expect(res.statusCode).toBe(303);
      dilemmaPath = String(res.headers.location).split('?')[0] ?? '';
      expect(dilemmaPath).toMatch(new RegExp(`^${BASE}/[0-9a-f-]+$`));
      const page = await b.get(String(res.headers.location));
      expect(page.body).toContain('Dilemmaet er lagt frem');
      expect(page.body).toContain('dig (anonym for de andre medlemmer)');
      expect(page.body).toContain('<em>gode vaner</em>');
    });
  });

  describe('who reaches what', () => {
    it('the list, the form and the page', async () => {
      const table: [Who | 'anonymous', number, number, number][] = [
        // who, list, form, page (unplaced)
        ['author', 200, 200, 200],
        ['other', 200, 200, 200],
        ['facilitator', 200, 404, 200],
        ['organiser', 200, 404, 200],
        ['expert', 200, 404, 404],
        ['otherExpert', 200, 404, 404],
        ['substitute', 404, 404, 404],
        ['otherSeries', 404, 404, 404],
        ['waitlisted', 404, 404, 404],
        ['stranger', 404, 404, 404],
        ['anonymous', 303, 303, 303],
      ];
      const wrong: string[] = [];
      for (const [who, list, form, page] of table) {
        for (const [url, want] of [
          [BASE, list],
          [`${BASE}/ny`, form],
          [dilemmaPath, page],
        ] as const) {
          const got = await status(who, url);
          if (got !== want) wrong.push(`${who} ${url}: ${got}, expected ${want}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('anonymity on the pages', () => {
    it('peers see "En deltager"; the facilitator and organiser the name, marked hidden from members', async () => {
      const name = people.accounts.author.name;
      for (const who of ['other'] as const) {
        for (const url of [dilemmaPath, BASE]) {
          const body = (await (await as(who)).get(url)).body;
          expect(body, `${who} ${url}`).not.toContain(name);
          expect(body).toContain('En deltager');
        }
      }
      for (const who of ['facilitator', 'organiser'] as const) {
        const body = (await (await as(who)).get(dilemmaPath)).body;
        expect(body).toContain(name);
        expect(body).toContain('skjult for medlemmerne');
        const list = (await (await as(who)).get(BASE)).body;
        expect(list).toContain(`${name} (skjult for medlemmerne)`);
      }
      const en = (await (await as('facilitator')).get(`${dilemmaPath}?lang=en`)).body;
      expect(en).toContain('hidden from the members');
    });

    it('the author comments anonymously; another member named; nobody sees through it', async () => {
      const author = await as('author');
      await author.get(dilemmaPath);
      expect((await author.get(dilemmaPath)).body).toContain(`name="anonym"`);
      const c1 = await author.post(`${dilemmaPath}/kommentar`, {
        body: 'Supplerende: det gælder især nye medarbejdere.',
        anonym: 'ja',
      });
      expect(c1.statusCode).toBe(303);
      const other = await as('other');
      const page = await other.get(dilemmaPath);
      expect(page.body).not.toContain('name="anonym"');
      expect(page.body).toContain('Din kommentar vises med dit navn');
      // Ticking "anonym" is ignored for anyone but the author.
      const c2 = await other.post(`${dilemmaPath}/kommentar`, {
        body: 'Vi bruger en fast dagsorden.',
        anonym: 'ja',
      });
      expect(c2.statusCode).toBe(303);
      const seen = (await other.get(dilemmaPath)).body;
      expect(seen).not.toContain(people.accounts.author.name);
      expect(seen).toContain(people.accounts.other.name);
      expect(seen).toContain('Supplerende: det gælder især nye medarbejdere.');
      const empty = await other.post(`${dilemmaPath}/kommentar`, { body: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('Skriv en kommentar.');
      const cpr = await other.post(`${dilemmaPath}/kommentar`, { body: 'Hun har cpr 0101901234' });
      expect(cpr.statusCode).toBe(400);
      expect(cpr.body).toContain('Skriv aldrig borgeres CPR-numre her');
      const script = await other.post(`${dilemmaPath}/kommentar`, {
        body: '<script>alert(1)</script> [x](javascript:alert(1))',
      });
      expect(script.statusCode).toBe(303);
      const after = (await other.get(dilemmaPath)).body;
      expect(after).not.toContain('<script>alert(1)');
      expect(after).not.toContain('href="javascript:');
    });
  });

  describe('the agenda', () => {
    let agenda = '';
    it('the facilitator puts it on session 2; its expert then sees it, the other expert and the substitute do not', async () => {
      agenda = `${HOME}/dagsorden/${session}`;
      const f = await as('facilitator');
      await f.get(dilemmaPath);
      const placed = await f.post(`${dilemmaPath}/dagsorden`, { session });
      expect(placed.statusCode).toBe(303);
      expect(await status('expert', dilemmaPath)).toBe(200);
      expect(await status('otherExpert', dilemmaPath)).toBe(404);
      expect(await status('substitute', dilemmaPath)).toBe(404);
      const expertPage = (await (await as('expert')).get(dilemmaPath)).body;
      expect(expertPage).not.toContain(people.accounts.author.name);
      expect(expertPage).toContain('En deltager');
      // A participant cannot place it.
      const p = await as('other');
      await p.get(dilemmaPath);
      expect((await p.post(`${dilemmaPath}/dagsorden`, { session })).statusCode).toBe(404);
    });

    it('is the keepers’ page: points added, moved up and down with buttons, removed', async () => {
      for (const [who, want] of [
        ['facilitator', 200],
        ['organiser', 200],
        ['other', 404],
        ['expert', 404],
        ['substitute', 404],
      ] as const)
        expect(await status(who, agenda), who).toBe(want);
      const f = await as('facilitator');
      await f.get(agenda);
      expect((await f.post(`${agenda}/punkt`, { point: '' })).statusCode).toBe(400);
      expect((await f.post(`${agenda}/punkt`, { point: 'Velkomst og runde' })).statusCode).toBe(303);
      const page = (await f.get(agenda)).body;
      const order = (body: string) =>
        [...body.matchAll(/<li><p>(?:<span class="holdet-tag">Dilemma<\/span> <a [^>]*>)?([^<]+)/g)].map(
          (m) => m[1],
        );
      expect(order(page)).toEqual(['Tavshedspligt i det tværfaglige team', 'Velkomst og runde']);
      const item =
        /action="[^"]*\/punkter\/([0-9a-f-]+)"[^>]*>\s*<input type="hidden" name="_csrf"[^>]*\/?>\s*<input type="hidden" name="handling" value="op"/.exec(
          page,
        )?.[1];
      expect(item).toBeDefined();
      expect((await f.post(`${agenda}/punkter/${item}`, { handling: 'op' })).statusCode).toBe(303);
      expect(order((await f.get(agenda)).body)).toEqual([
        'Velkomst og runde',
        'Tavshedspligt i det tværfaglige team',
      ]);
      expect((await f.post(`${agenda}/punkter/${item}`, { handling: 'sideways' })).statusCode).toBe(400);
      // Mit hold shows the agenda in the programme: to members, and to the session's substitute by title.
      for (const who of ['other', 'substitute', 'expert'] as const) {
        const home = (await (await as(who)).get(HOME)).body;
        expect(home, who).toContain('Dilemma: Tavshedspligt i det tværfaglige team');
        expect(home).toContain('Velkomst og runde');
      }
      const substituteHome = (await (await as('substitute')).get(HOME)).body;
      expect(substituteHome).not.toContain(`href="${dilemmaPath}"`);
      const otherExpertHome = (await (await as('otherExpert')).get(HOME)).body;
      expect(otherExpertHome).not.toContain('Tavshedspligt i det tværfaglige team');
      expect(otherExpertHome).toContain('Et dilemma fra en deltager');
      // Removing the point.
      expect((await f.post(`${agenda}/punkter/${item}`, { handling: 'fjern' })).statusCode).toBe(303);
      expect(order((await f.get(agenda)).body)).toEqual(['Tavshedspligt i det tværfaglige team']);
    });

    it('discussed and the follow-up only after the session; the follow-up is a note of the session', async () => {
      const f = await as('facilitator');
      await f.get(agenda);
      expect((await f.post(`${dilemmaPath}/droeftet`, {})).statusCode).toBe(409);
      expect(await status('facilitator', `${agenda}/opsamling`)).toBe(404);
      // The session begins (moved to just before now: a clock two years on would outlive the sign-ins).
      await getDb()
        .db.updateTable('session')
        .set({ starts_at: new Date(clockAt - 3600_000).toISOString() })
        .where('id', '=', session)
        .execute();
      const page = (await f.get(agenda)).body;
      expect(page).toContain('Marker som drøftet');
      expect((await f.post(`${dilemmaPath}/droeftet`, {})).statusCode).toBe(303);
      expect((await f.get(dilemmaPath)).body).toContain('Drøftet');
      for (const [who, want] of [
        ['facilitator', 200],
        ['organiser', 200],
        ['other', 404],
        ['expert', 404],
      ] as const)
        expect(await status(who, `${agenda}/opsamling`), who).toBe(want);
      const formPage = (await f.get(`${agenda}/opsamling`)).body;
      expect(formPage).toContain('Tavshedspligt i det tværfaglige team');
      const id = dilemmaPath.split('/').pop() ?? '';
      expect(
        (await f.post(`${agenda}/opsamling`, { title: 'Opsamling', body: '', dilemma: id })).statusCode,
      ).toBe(400);
      const done = await f.post(`${agenda}/opsamling`, {
        title: 'Opsamling efter session 2',
        body: 'Faste vaner om samtykke hjælper.',
        dilemma: id,
      });
      expect(done.statusCode).toBe(303);
      const dilemma = (await (await as('other')).get(dilemmaPath)).body;
      expect(dilemma).toContain('Fulgt op');
      const link = /href="(\/mit-hold\/[^"]+\/materialer\/[0-9a-f-]+)">Læs opsamlingen/.exec(dilemma)?.[1];
      expect(link).toBeDefined();
      const note = await (await as('other')).get(link ?? '');
      expect(note.statusCode).toBe(200);
      expect(note.body).toContain('Faste vaner om samtykke hjælper.');
      expect(note.body).toContain(`href="${dilemmaPath}"`);
      expect(note.body).not.toContain(people.accounts.author.name);
    });
  });
});
