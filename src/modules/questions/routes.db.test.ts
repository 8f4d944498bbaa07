import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { type Browser as B, Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { type QuestionsFixture, questionsFixture, type Who } from '../../../test/questions.ts';
import { CONFIRM_FIELD } from '../../shared/personal-data.ts';
import { TO_EXPERT_PREFIX, TO_EXPERTS, TO_FACILITATOR } from './forms.ts';

// The questions pages for each kind of person, on both engines: the list and its filters, the ask form with
// the personal-data guard (a CPR number refused next to its field, a warning that needs the tick), a question's
// page and its thread, replying, marking the reply that helped, following, editing with history, deleting
// within 15 minutes (the app's clock moved on) and the organiser's delete with a reason shown in place, the
// organiser's list, and the section on Mit hold.

const HOME = `/mit-hold/${SLUG_2027}`;
const BASE = `${HOME}/spoergsmaal`;
const MINUTE = 60_000;

describeEachDialect('questions pages', (getDb) => {
  let app: FastifyInstance;
  let clockAt = TEST_NOW.getTime();
  let f: QuestionsFixture;
  let organiser: B;

  beforeAll(async () => {
    const database = getDb();
    app = await createTestApp(database, { clock: { now: () => new Date(clockAt) } });
    f = await questionsFixture(database);
    organiser = await organiserBrowser(() => app, database);
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: Who) => new Browser(() => app).withSession(await sessionOf(getDb(), f.emails[who]));

  /** Asks through the form; returns the question's id. */
  async function ask(who: Who, form: Record<string, string>): Promise<string> {
    const b = await as(who);
    await b.get(`${BASE}/ny`);
    const res = await b.post(`${BASE}/ny`, {
      title: 'Hvordan bruger vi progressionsmålinger i samtalen?',
      body: 'Vi vil gerne bruge målingerne sammen med borgeren.',
      to: TO_EXPERTS,
      session: f.sessions[0] ?? '',
      ...form,
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    const id = /spoergsmaal\/([^?]+)\?besked=asked/.exec(String(res.headers.location))?.[1];
    if (!id) throw new Error('no question id');
    return id;
  }

  async function replyAs(who: Who | B, id: string, body: string) {
    const b = typeof who === 'string' ? await as(who) : who;
    await b.get(`${BASE}/${id}`);
    return b.post(`${BASE}/${id}/svar`, { body });
  }

  const postIds = async (questionId: string) =>
    (
      await getDb()
        .db.selectFrom('question_post')
        .select(['id', 'kind'])
        .where('question_id', '=', questionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((p) => p.id);

  describe('who reaches what', () => {
    let sessionQuestion: string;
    let seriesQuestion: string;
    beforeAll(async () => {
      sessionQuestion = await ask('participant', { title: 'Om første session' });
      seriesQuestion = await ask('participant', { title: 'Om hele forløbet', session: 'serie' });
    });

    it('the list: members; a substitute sees only their session’s questions', async () => {
      const statuses: Record<string, number> = {};
      for (const who of [
        'participant',
        'substitute',
        'otherSubstitute',
        'expert',
        'facilitator',
        'otherSeries',
        'waitlisted',
        'stranger',
      ] as const)
        statuses[who] = (await (await as(who)).get(BASE)).statusCode;
      expect(statuses).toEqual({
        participant: 200,
        substitute: 200,
        otherSubstitute: 200,
        expert: 200,
        facilitator: 200,
        otherSeries: 404,
        waitlisted: 404,
        stranger: 404,
      });
      const sub = (await (await as('substitute')).get(BASE)).body;
      expect(sub).toContain('Om første session');
      expect(sub).not.toContain('Om hele forløbet');
      const other = (await (await as('otherSubstitute')).get(BASE)).body;
      expect(other).not.toContain('Om første session');
      expect((await new Browser(() => app).get(BASE)).headers.location).toMatch(/^\/log-ind\?next=/);
    });

    it('a question’s page: whoever may see it; 404 for the rest', async () => {
      const status = async (who: Who, id: string) => (await (await as(who)).get(`${BASE}/${id}`)).statusCode;
      expect(await status('participant', sessionQuestion)).toBe(200);
      expect(await status('substitute', sessionQuestion)).toBe(200);
      expect(await status('otherSubstitute', sessionQuestion)).toBe(404);
      expect(await status('substitute', seriesQuestion)).toBe(404);
      expect(await status('otherSeries', sessionQuestion)).toBe(404);
      expect(await status('waitlisted', sessionQuestion)).toBe(404);
      expect(await status('stranger', sessionQuestion)).toBe(404);
      expect((await organiser.get(`${BASE}/${seriesQuestion}`)).statusCode).toBe(200);
    });

    it('a substitute may ask only about their session', async () => {
      const b = await as('substitute');
      const form = (await b.get(`${BASE}/ny`)).body;
      expect(form).not.toContain('value="serie"');
      const refused = await b.post(`${BASE}/ny`, {
        title: 'Hele forløbet?',
        body: 'Spørgsmål',
        to: TO_EXPERTS,
        session: 'serie',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Vælg en session, du har adgang til');
    });
  });

  describe('the personal-data guard', () => {
    it('a CPR number is refused next to the field, nothing is stored, and what was typed stays', async () => {
      const b = await as('participant');
      await b.get(`${BASE}/ny`);
      const count = async () =>
        Number(
          (
            await getDb()
              .db.selectFrom('question')
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const res = await b.post(`${BASE}/ny`, {
        title: 'En borgers sag',
        body: 'Borgeren med CPR 010190-1234 har brug for hjælp.',
        to: TO_EXPERTS,
        session: f.sessions[0] ?? '',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('CPR-nummer');
      expect(res.body).toContain('id="body-error"');
      expect(res.body).toContain('href="#body"');
      expect(res.body).toContain('En borgers sag');
      expect(await count()).toBe(before);
      // A reply is guarded the same way.
      const id = await ask('participant', {});
      const reply = await replyAs('other', id, 'Se 0101901234 i fagsystemet.');
      expect(reply.statusCode).toBe(400);
      expect(reply.body).toContain('CPR-nummer');
      expect(await postIds(id)).toHaveLength(1);
    });

    it('sensitive words near initials need the tick; with it the question is stored', async () => {
      const b = await as('participant');
      await b.get(`${BASE}/ny`);
      const form = {
        title: 'Et forløb, der gik i stå',
        body: 'K.L. er indlagt, og vi ved ikke, hvordan vi skal følge op.',
        to: TO_FACILITATOR,
        session: 'serie',
      };
      const warned = await b.post(`${BASE}/ny`, form);
      expect(warned.statusCode).toBe(400);
      expect(warned.body).toContain(`name="${CONFIRM_FIELD}"`);
      expect(warned.body).toContain('K.L. er indlagt');
      const stored = await b.post(`${BASE}/ny`, { ...form, [CONFIRM_FIELD]: 'ja' });
      expect(stored.statusCode).toBe(303);
    });
  });

  describe('answering, solving, following', () => {
    it('unanswered with its age until the expert replies; the asker marks the reply that helped', async () => {
      clockAt = TEST_NOW.getTime();
      const id = await ask('participant', {
        title: 'Spørgsmål til Dorte',
        to: `${TO_EXPERT_PREFIX}${f.writers.expert.accountId}`,
      });
      clockAt = TEST_NOW.getTime() + 3 * 24 * 60 * MINUTE;
      try {
        const page = (await (await as('participant')).get(`${BASE}/${id}`)).body;
        expect(page).toContain('ubesvaret i 3 dage');
        expect(page).toContain('Til Dorte Caswell');
        const list = (await (await as('participant')).get(`${BASE}?vis=ubesvarede`)).body;
        expect(list).toContain('Spørgsmål til Dorte');
        // The expert's own queue.
        const queue = (await (await as('expert')).get(`${BASE}?til=mig`)).body;
        expect(queue).toContain('Venter på svar fra dig');
        expect(queue).toContain('Spørgsmål til Dorte');
        expect((await (await as('otherExpert')).get(`${BASE}?til=mig`)).body).not.toContain(
          'Spørgsmål til Dorte',
        );

        const member = await replyAs('other', id, 'Vi har prøvet noget lignende.');
        expect(member.statusCode).toBe(303);
        expect((await (await as('participant')).get(`${BASE}/${id}`)).body).toContain('ubesvaret i 3 dage');
        const answer = await replyAs('expert', id, 'Start med **borgerens** egne ord.');
        expect(answer.statusCode).toBe(303);
        const answered = (await (await as('participant')).get(`${BASE}/${id}`)).body;
        expect(answered).toContain('Besvaret');
        expect(answered).toContain('<strong>borgerens</strong>');
        const row = await getDb()
          .db.selectFrom('question')
          .select(['state', 'first_reply_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.state).toBe('answered');
        expect(row.first_reply_at).toBe(new Date(clockAt).toISOString());

        const [, memberPost, expertPost] = await postIds(id);
        // Only the asker or the organiser may mark it.
        const other = await as('other');
        await other.get(`${BASE}/${id}`);
        expect((await other.post(`${BASE}/${id}/loest`, { indlaeg: expertPost ?? '' })).statusCode).toBe(404);
        const asker = await as('participant');
        expect((await asker.get(`${BASE}/${id}`)).body).toContain('Markér som svaret, der hjalp');
        expect((await asker.post(`${BASE}/${id}/loest`, { indlaeg: expertPost ?? '' })).statusCode).toBe(303);
        const solved = (await asker.get(`${BASE}/${id}`)).body;
        expect(solved).toContain('Svaret, der hjalp');
        // The accepted answer is shown first.
        expect(solved.indexOf(`indlaeg-${expertPost}`)).toBeLessThan(solved.indexOf(`indlaeg-${memberPost}`));
        expect((await (await as('participant')).get(`${BASE}?vis=loeste`)).body).toContain(
          'Spørgsmål til Dorte',
        );
        // The organiser may mark another reply.
        await organiser.get(`${BASE}/${id}`);
        expect((await organiser.post(`${BASE}/${id}/loest`, { indlaeg: memberPost ?? '' })).statusCode).toBe(
          303,
        );
      } finally {
        clockAt = TEST_NOW.getTime();
      }
    });

    it('follow and unfollow', async () => {
      const id = await ask('participant', {});
      const b = await as('other');
      expect((await b.get(`${BASE}/${id}`)).body).toContain('Følg spørgsmålet');
      expect((await b.post(`${BASE}/${id}/foelg`, { foelg: 'ja' })).statusCode).toBe(303);
      expect((await b.get(`${BASE}/${id}`)).body).toContain('Stop med at følge');
      expect((await b.post(`${BASE}/${id}/foelg`, { foelg: 'nej' })).statusCode).toBe(303);
      expect((await b.get(`${BASE}/${id}`)).body).toContain('Følg spørgsmålet');
      expect((await b.post(`${BASE}/${id}/foelg`, {})).statusCode).toBe(400);
    });
  });

  describe('edits and deletes', () => {
    it('the author edits; “redigeret” shows; the history is the author’s and the organiser’s', async () => {
      const id = await ask('participant', { body: 'Den første version.' });
      const [opening] = await postIds(id);
      const path = `${BASE}/${id}/indlaeg/${opening}`;
      expect((await (await as('other')).get(`${path}/rediger`)).statusCode).toBe(404);
      const b = await as('participant');
      expect((await b.get(`${path}/rediger`)).statusCode).toBe(200);
      const cpr = await b.post(`${path}/rediger`, { title: 'Ny overskrift', body: 'CPR 010190-1234' });
      expect(cpr.statusCode).toBe(400);
      const saved = await b.post(`${path}/rediger`, { title: 'Ny overskrift', body: 'Den anden version.' });
      expect(saved.statusCode).toBe(303);
      const page = (await b.get(`${BASE}/${id}`)).body;
      expect(page).toContain('redigeret');
      expect(page).toContain('Den anden version.');
      expect((await b.get(`${path}/historik`)).body).toContain('Den første version.');
      expect((await organiser.get(`${path}/historik`)).statusCode).toBe(200);
      expect((await (await as('other')).get(`${path}/historik`)).statusCode).toBe(404);
      expect((await (await as('expert')).get(`${path}/historik`)).statusCode).toBe(404);
    });

    it('the author deletes their own post within 15 minutes, not after', async () => {
      clockAt = TEST_NOW.getTime() - 2 * MINUTE;
      const id = await ask('participant', {});
      clockAt = TEST_NOW.getTime() - MINUTE;
      await replyAs('other', id, 'Første svar.');
      clockAt = TEST_NOW.getTime();
      await replyAs('other', id, 'Andet svar.');
      const [, first, second] = await postIds(id);
      const b = await as('other');
      try {
        clockAt = TEST_NOW.getTime() + 14 * MINUTE;
        expect((await b.get(`${BASE}/${id}/indlaeg/${first}/slet`)).statusCode).toBe(200);
        expect((await b.post(`${BASE}/${id}/indlaeg/${first}/slet`, { bekraeft: 'ja' })).statusCode).toBe(
          303,
        );
        expect((await b.get(`${BASE}/${id}`)).body).toContain('Slettet af forfatteren.');
        clockAt = TEST_NOW.getTime() + 16 * MINUTE;
        expect((await b.get(`${BASE}/${id}/indlaeg/${second}/slet`)).statusCode).toBe(404);
        expect((await b.post(`${BASE}/${id}/indlaeg/${second}/slet`, { bekraeft: 'ja' })).statusCode).toBe(
          404,
        );
        // Someone else's post: never.
        const asker = await as('participant');
        expect((await asker.get(`${BASE}/${id}/indlaeg/${second}/slet`)).statusCode).toBe(404);
      } finally {
        clockAt = TEST_NOW.getTime();
      }
    });

    it('the organiser deletes any post with a reason, shown in place and audited without the text', async () => {
      const id = await ask('participant', {});
      await replyAs('other', id, 'Et svar med noget, der ikke hører hjemme her.');
      const [, reply] = await postIds(id);
      const path = `${BASE}/${id}/indlaeg/${reply}/slet`;
      expect((await organiser.get(path)).body).toContain('Begrundelse');
      const missing = await organiser.post(path, { bekraeft: 'ja', reason: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('Skriv en begrundelse');
      expect(
        (await organiser.post(path, { bekraeft: 'ja', reason: 'Handlede om en navngiven borger' }))
          .statusCode,
      ).toBe(303);
      const page = (await (await as('participant')).get(`${BASE}/${id}`)).body;
      expect(page).toContain('Slettet af arrangøren: Handlede om en navngiven borger');
      expect(page).not.toContain('ikke hører hjemme her');
      const audit = await getDb()
        .db.selectFrom('audit')
        .select(['action', 'after_json'])
        .where('entity_id', '=', reply ?? '')
        .where('action', '=', 'question.delete')
        .executeTakeFirstOrThrow();
      expect(audit.after_json).not.toContain('hører hjemme');
      expect(audit.after_json).not.toContain('navngiven');
    });
  });

  describe('the organiser’s list and Mit hold', () => {
    it('/arrangoer/spoergsmaal: unanswered questions, oldest first, with age and addressee; organisers only', async () => {
      clockAt = TEST_NOW.getTime() - 10 * 24 * 60 * MINUTE;
      const old = await ask('participant', { title: 'Det ældste ubesvarede', to: TO_FACILITATOR });
      clockAt = TEST_NOW.getTime();
      const page = await organiser.get('/arrangoer/spoergsmaal');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Det ældste ubesvarede');
      expect(page.body).toContain('ubesvaret i 10 dage');
      expect(page.body).toContain('Til facilitatoren');
      expect(page.body).toContain('Mediantid til første svar');
      const first = page.body.indexOf('Det ældste ubesvarede');
      expect(first).toBeGreaterThan(0);
      expect(page.body.indexOf('Om første session')).toBeGreaterThan(first);
      expect(page.body).toContain(`${BASE}/${old}`);
      expect((await (await as('participant')).get('/arrangoer/spoergsmaal')).statusCode).toBe(403);
    });

    it('Mit hold: the newest questions and the link; the expert sees what waits for them', async () => {
      const home = (await (await as('participant')).get(HOME)).body;
      expect(home).toContain('id="questions"');
      expect(home).toContain(`href="${BASE}"`);
      expect(home).toContain('Stil et spørgsmål');
      const expert = (await (await as('expert')).get(HOME)).body;
      expect(expert).toContain('Venter på svar fra dig');
      expect(expert).toContain(`${BASE}?til=mig`);
    });

    it('the pages in English', async () => {
      const list = (await (await as('participant')).get(`${BASE}?lang=en`)).body;
      expect(list).toContain('Questions for the experts');
      expect(list).toContain('Ask a question');
      const form = (await (await as('participant')).get(`${BASE}/ny?lang=en`)).body;
      expect(form).toContain('Whom are you asking?');
    });
  });
});
