import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant, totpSecretOf, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import type { DB } from '../../db/database.ts';
import { fixedClock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { redactUrl } from '../../web/redact.ts';
import { confirmOwnSetup, totpSetup } from '../auth/service.ts';
import { totpCode } from '../auth/totp.ts';
import { DEMO_PEOPLE } from './demo.ts';
import { grantsOf } from './service.ts';

const DAY = 24 * 3600_000;

/** A public person of their own, expert of the one session of a draft series, with no account yet. */
async function newExpert(db: Kysely<DB>) {
  const source = await db
    .selectFrom('series')
    .selectAll()
    .where('slug', '=', SLUG_2027)
    .executeTakeFirstOrThrow();
  const at = TEST_NOW.toISOString();
  const personId = newId();
  const slug = `ekspert-${personId.slice(0, 8)}`;
  await db
    .insertInto('person')
    .values({
      id: personId,
      organiser_id: source.organiser_id,
      slug,
      name: 'Karen Ekspert',
      title_da: 'Lektor',
      title_en: 'Associate professor',
      bio_da: 'Forsker.',
      bio_en: 'Researcher.',
      photo_url: null,
      account_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const seriesId = newId();
  const { id: _id, version: _v, ...rest } = source;
  await db
    .insertInto('series')
    .values({
      ...rest,
      id: seriesId,
      slug: `kladde-${seriesId.slice(0, 8)}`,
      status: 'draft',
      facilitator_id: null,
    })
    .execute();
  const sessionId = newId();
  await db
    .insertInto('session')
    .values({
      id: sessionId,
      series_id: seriesId,
      ordinal: 1,
      starts_at: '2027-06-07T08:00:00.000Z',
      ends_at: '2027-06-07T12:30:00.000Z',
      question_da: 'Hvad virker?',
      question_en: 'What works?',
      description_da: '',
      description_en: '',
      mode: 'in_person',
      venue_id: null,
      meeting_url: null,
      expert_id: personId,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { personId, slug, seriesId, sessionId, roleKey: `expert:${seriesId}:${sessionId}` };
}

async function invitationToken(db: Kysely<DB>, to: string): Promise<string> {
  const mail = await db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .where('kind', '=', 'people.invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error('no invitation link in the mail');
  return token;
}

describeEachDialect('people routes', (getDb) => {
  let app: FastifyInstance;
  const clock = fixedClock(TEST_NOW);
  const current = () => app;

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => clock.set(TEST_NOW));

  async function invite(email: string) {
    const { db } = getDb();
    const expert = await newExpert(db);
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get(`/arrangoer/personer/${expert.slug}`);
    const sent = await organiser.post(`/arrangoer/personer/${expert.slug}/invitation`, {
      email,
      roles: expert.roleKey,
    });
    expect(sent.statusCode).toBe(303);
    return { ...expert, token: await invitationToken(db, email.toLowerCase()), organiser };
  }

  it('lists every person once for the organiser, with their roles and account', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const list = await organiser.get('/arrangoer/personer');
    expect(list.statusCode).toBe(200);
    expect(list.body.split('>Leif Tøfting Kongsgaard</a>')).toHaveLength(2);
    expect(list.body).toContain(DEMO_PEOPLE.kongsgaard.email);
    const page = await organiser.get('/arrangoer/personer/leif-toefting-kongsgaard');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Facilitator for Beskæftigelsesfaglig masterclass');
    expect(page.body).toContain('Ekspert ved session 4');
    expect(page.body).toContain('<td>demo</td>');
    expect((await organiser.get('/arrangoer/personer/ingen-her')).statusCode).toBe(404);
  });

  it('keeps the person pages for the organiser', async () => {
    const stranger = await new Browser(current).get('/arrangoer/personer');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toMatch(/^\/log-ind\?next=/);
    const participant = await addParticipant(getDb().db);
    const browser = new Browser(current).withSession(await sessionOf(getDb(), participant.email));
    expect((await browser.get('/arrangoer/personer/leif-toefting-kongsgaard')).statusCode).toBe(403);
  });

  it('refuses an invitation form without an address or a role, keeping what was typed', async () => {
    const expert = await newExpert(getDb().db);
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get(`/arrangoer/personer/${expert.slug}`);
    const res = await organiser.post(`/arrangoer/personer/${expert.slug}/invitation`, { email: 'karen@' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#email">Skriv e-mail som en gyldig adresse');
    expect(res.body).toContain('<a href="#roles">Vælg mindst én af rollerne.</a>');
    expect(res.body).toContain('value="karen@"');
    const stored = await getDb()
      .db.selectFrom('person_invitation')
      .select('id')
      .where('person_id', '=', expert.personId)
      .execute();
    expect(stored).toEqual([]);
  });

  it('gives the roles to the invited address on the button page, once', async () => {
    const { db } = getDb();
    const email = uniqueEmail('karen');
    const { token, personId, seriesId, sessionId, slug } = await invite(email);
    const mail = await db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    expect(mail.priority).toBe(0);
    expect(mail.subject).not.toContain('Karen');
    expect(mail.subject).not.toContain(token);
    const stored = await db
      .selectFrom('person_invitation')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.expires_at).toBe(new Date(TEST_NOW.getTime() + 7 * DAY).toISOString());

    const visitor = new Browser(current);
    const page = await visitor.get(`/invitation/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ekspert ved session 1: Hvad virker?');
    expect(page.body).toContain(`logget ind som ${email}`);
    // Opening the link spends nothing (mail scanners open links).
    expect((await new Browser(current).get(`/invitation/${token}`)).statusCode).toBe(200);

    const accepted = await visitor.post(`/invitation/${token}`, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/min-profil');
    const account = await db
      .selectFrom('account')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const person = await db
      .selectFrom('person')
      .select('account_id')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.account_id).toBe(account.id);
    const grants = await grantsOf(db, account.id);
    const organiserId = (
      await db
        .selectFrom('person_invitation')
        .select('invited_by')
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow()
    ).invited_by;
    expect(grants.map((g) => [g.role, g.seriesId, g.sessionId, g.grantedBy])).toEqual([
      ['expert', seriesId, sessionId, organiserId],
    ]);
    const audit = await db
      .selectFrom('audit')
      .select('action')
      .where('entity_id', '=', personId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['people.invite', 'people.invitation-accept']);
    // Signed in as the invited person: their profile opens.
    const profile = await visitor.get('/min-profil');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('value="Lektor"');
    expect(profile.body).toContain(`/personer/${slug}`);

    // Twice: the second time it is used.
    const again = new Browser(current);
    const used = await again.get(`/invitation/${token}`);
    expect(used.statusCode).toBe(400);
    expect(used.body).toContain('Invitationen er allerede brugt');
    await again.get('/log-ind');
    const second = await again.post(`/invitation/${token}`, {});
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('Invitationen er allerede brugt');
    expect(await grantsOf(db, account.id)).toHaveLength(1);
  });

  it('asks for the second factor first when the invited account has turned it on', async () => {
    const { db } = getDb();
    const person = await addParticipant(db, uniqueEmail('totrin'), 'Tove Totrin');
    const account = { id: person.id, email: person.email, name: person.name, role: 'participant' as const };
    expect(await totpSetup(db, account, TEST_NOW)).not.toBeNull();
    const secret = await totpSecretOf(db, person.email);
    const on = await confirmOwnSetup(
      db,
      { account, code: totpCode(secret, TEST_NOW), ip: '192.0.2.7' },
      TEST_NOW,
    );
    expect(on.ok).toBe(true);

    const { token } = await invite(person.email);
    const visitor = new Browser(current);
    await visitor.get(`/invitation/${token}`);
    const accepted = await visitor.post(`/invitation/${token}`, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/log-ind/totrin?next=${encodeURIComponent('/min-profil')}`);
    // The roles are theirs, but this browser is not signed in until the code is given.
    const profile = await visitor.get('/min-profil');
    expect(profile.statusCode).toBe(303);
    expect(profile.headers.location).toBe(`/log-ind?next=${encodeURIComponent('/min-profil')}`);
    expect((await visitor.get('/log-ind/totrin')).statusCode).toBe(200);
  });

  it('lets the organiser remove a role from the person page, once, audited', async () => {
    const { db } = getDb();
    const email = uniqueEmail('fjernes');
    const { token, slug } = await invite(email);
    const visitor = new Browser(current);
    await visitor.get(`/invitation/${token}`);
    expect((await visitor.post(`/invitation/${token}`, {})).statusCode).toBe(303);
    const account = await db
      .selectFrom('account')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const [grant] = await grantsOf(db, account.id);
    if (!grant) throw new Error('no grant');

    const organiser = await organiserBrowser(current, getDb());
    const page = await organiser.get(`/arrangoer/personer/${slug}`);
    expect(page.body).toContain(`/arrangoer/personer/${slug}/roller/${grant.id}/fjern`);
    // Another person's page does not reach this person's grant.
    const other = await organiser.post(
      `/arrangoer/personer/leif-toefting-kongsgaard/roller/${grant.id}/fjern`,
      {},
    );
    expect(other.statusCode).toBe(404);
    expect((await grantsOf(db, account.id))[0]?.revokedAt).toBeNull();

    const removed = await organiser.post(`/arrangoer/personer/${slug}/roller/${grant.id}/fjern`, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`/arrangoer/personer/${slug}?fjernet=1`);
    expect((await grantsOf(db, account.id))[0]?.revokedAt).toBe(TEST_NOW.toISOString());
    const shown = await organiser.get(`/arrangoer/personer/${slug}?fjernet=1`);
    expect(shown.body).toContain('Rollen er fjernet.');
    expect(shown.body).not.toContain(`/roller/${grant.id}/fjern`);
    const audit = await db
      .selectFrom('audit')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', grant.id)
      .where('action', '=', 'people.revoke')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_label).toMatch(/@example\.dk$/);
    // Once: a second press finds nothing to remove.
    expect(
      (await organiser.post(`/arrangoer/personer/${slug}/roller/${grant.id}/fjern`, {})).statusCode,
    ).toBe(404);
  });

  it('expires after 7 days on the injected clock', async () => {
    const { token } = await invite(uniqueEmail('sen'));
    clock.set(new Date(TEST_NOW.getTime() + 7 * DAY - 60_000));
    const visitor = new Browser(current);
    expect((await visitor.get(`/invitation/${token}`)).statusCode).toBe(200);
    clock.set(new Date(TEST_NOW.getTime() + 7 * DAY));
    const late = await visitor.post(`/invitation/${token}`, {});
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('Invitationen er udløbet');
    const english = await visitor.get(`/invitation/${token}?lang=en`);
    expect(english.body).toContain('The invitation has expired');
  });

  it('never gives the roles to someone else who is signed in', async () => {
    const { db } = getDb();
    const email = uniqueEmail('inviteret');
    const { token, personId } = await invite(email);
    const other = await addParticipant(db);
    const browser = new Browser(current).withSession(await sessionOf(getDb(), other.email));
    const page = await browser.get(`/invitation/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Du er logget ind som ${other.email}, men invitationen er til ${email}`);
    const accepted = await browser.post(`/invitation/${token}`, {});
    expect(accepted.statusCode).toBe(303);
    expect(await grantsOf(db, other.id)).toEqual([]);
    const person = await db
      .selectFrom('person')
      .select('account_id')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.account_id).not.toBe(other.id);
    const invited = await db
      .selectFrom('account')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(person.account_id).toBe(invited.id);
    // The browser is now the invited person's, not the other one's.
    const profile = await browser.get('/min-profil');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('Karen Ekspert');
  });

  it('says a wrong token is unknown, in Danish and English', async () => {
    const visitor = new Browser(current);
    for (const token of ['abc', 'A'.repeat(43)]) {
      const res = await visitor.get(`/invitation/${token}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Invitationen findes ikke');
    }
    expect((await visitor.get(`/invitation/${'B'.repeat(43)}?lang=en`)).body).toContain('No such invitation');
    await visitor.get('/log-ind');
    expect((await visitor.post(`/invitation/${'C'.repeat(43)}`, {})).statusCode).toBe(400);
    expect(redactUrl(`/invitation/${'C'.repeat(43)}`)).toBe('/invitation/[redacted]');
  });

  it('lets a linked person edit their profile, and the cached series page shows it at once', async () => {
    const { db } = getDb();
    const leif = new Browser(current).withSession(await sessionOf(getDb(), DEMO_PEOPLE.kongsgaard.email));
    const versionsBefore = await db
      .selectFrom('series')
      .select(['slug', 'version'])
      .where('slug', 'like', 'beskaeftigelsesfaglig-%')
      .orderBy('slug')
      .execute();
    const before = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(before.body).toContain('Faglig direktør i Væksthuset');
    const form = await leif.get('/min-profil');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="https://vbn.aau.dk/');
    const saved = await leif.post('/min-profil', {
      titleDa: 'Faglig direktør, ph.d.',
      titleEn: 'Director, PhD',
      bioDa: 'Ny præsentation.',
      bioEn: 'New bio.',
      link1Label: 'Ph.d.-studiet',
      link1Url: 'https://vbn.aau.dk/da/',
      link2Label: 'Væksthuset',
      link2Url: 'https://www.vaeksthuset.dk/',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/min-profil?besked=gemt');
    const after = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(after.body).toContain('Faglig direktør, ph.d.');
    const publicPage = await new Browser(current).get('/personer/leif-toefting-kongsgaard');
    expect(publicPage.body).toContain('<a href="https://www.vaeksthuset.dk/" rel="noopener">Væksthuset</a>');
    expect(publicPage.body).toContain('Ny præsentation.');
    const audit = await db
      .selectFrom('audit')
      .select('action')
      .where('action', '=', 'people.profile-update')
      .execute();
    expect(audit).toHaveLength(1);

    const wrong = await leif.post('/min-profil', {
      titleDa: '',
      titleEn: 'Director',
      bioDa: 'Skal ikke gemmes.',
      link1Label: 'Studiet',
      link1Url: 'ftp://vbn.aau.dk/',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<a href="#titleDa">Udfyld titel (dansk).</a>');
    expect(wrong.body).toContain('Link 1: adresse skal være en gyldig adresse');
    expect(wrong.body).toContain('value="ftp://vbn.aau.dk/"');
    expect(wrong.body).toContain('Skal ikke gemmes.');
    const stored = await db
      .selectFrom('person')
      .select(['title_da', 'bio_da'])
      .where('slug', '=', 'leif-toefting-kongsgaard')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title_da: 'Faglig direktør, ph.d.', bio_da: 'Ny præsentation.' });
    // The one save bumped the version of every series that shows Leif (both holds), the failed one none.
    const versions = await db
      .selectFrom('series')
      .select(['slug', 'version'])
      .where('slug', 'like', 'beskaeftigelsesfaglig-%')
      .orderBy('slug')
      .execute();
    expect(versions.map((v) => Number(v.version))).toEqual(versionsBefore.map((v) => Number(v.version) + 1));
  });

  it('has no profile page for an account without a person, and sends strangers to sign in', async () => {
    const participant = await addParticipant(getDb().db);
    const browser = new Browser(current).withSession(await sessionOf(getDb(), participant.email));
    expect((await browser.get('/min-profil')).statusCode).toBe(404);
    const stranger = await new Browser(current).get('/min-profil');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/log-ind?next=%2Fmin-profil');
  });
});
