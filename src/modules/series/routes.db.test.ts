import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { describeEachDialect } from '../../../test/db.ts';
import {
  addRegistrations,
  bumpVersion,
  clearRegistrations,
  SLUG_2021,
  SLUG_2027,
  seriesIdOf,
  times,
} from '../../../test/fixtures.ts';

const NBSP = '\u00a0';
const EXPERTS = ['Dorte Caswell', 'Charlotte Liebak Hansen', 'Flemming Larsen', 'Leif Tøfting Kongsgaard'];

describeEachDialect('public pages over HTTP', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    await clearRegistrations(getDb().db);
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

  it('lists the upcoming 2027 hold before the earlier 2021 hold on the front page', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    const order = ['Kommende hold', `/serier/${SLUG_2027}`, 'Tidligere hold', `/serier/${SLUG_2021}`].map(
      (s) => body.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toContain('<html lang="da">');
  });

  it('shows dates, times, prices, experts and seats on the series page', async () => {
    const res = await get(`/serier/${SLUG_2027}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    for (const text of [
      'mandag d. 7. juni 2027',
      'mandag d. 30. august 2027',
      'mandag d. 4. oktober 2027',
      'mandag d. 22. november 2027',
      'kl. 10.00–14.30',
      `18.000${NBSP}kr.`,
      `22.500${NBSP}kr.`,
      'ekskl. moms',
      'inkl. moms',
      '15 pladser i alt',
      '15 af 15 pladser ledige',
      'Væksthuset, Glentevej 67, 2400 København NV',
      ...EXPERTS,
    ]) {
      expect(body, text).toContain(text);
    }
    expect(body).toContain(`href="/serier/${SLUG_2027}/tilmelding"`);
  });

  it('serves the live seat count, never a stale cached page', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    const seatsLine = async () =>
      (await get(`/serier/${SLUG_2027}`)).body.match(/\d+ af 15 pladser ledige/)?.[0];
    expect(await seatsLine()).toBe('15 af 15 pladser ledige');
    expect(await seatsLine()).toBe('15 af 15 pladser ledige');
    await addRegistrations(db, id, ['confirmed']);
    expect(await seatsLine()).toBe('14 af 15 pladser ledige');
    await addRegistrations(db, id, ['waitlisted', 'cancelled', 'offered']);
    expect(await seatsLine()).toBe('12 af 15 pladser ledige');
    expect((await get('/')).body).toContain('12 af 15 pladser ledige');

    await addRegistrations(db, id, times(12, 'confirmed'));
    const full = await get(`/serier/${SLUG_2027}`);
    expect(full.body).not.toMatch(/pladser ledige/);
    expect(full.body).toContain('Fuldt – venteliste');
    expect(full.body).toContain('Skriv dig på ventelisten');

    await clearRegistrations(db);
    expect(await seatsLine()).toBe('15 af 15 pladser ledige');
  });

  it('shows the completed 2021 hold without a registration button', async () => {
    const res = await get(`/serier/${SLUG_2021}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('mandag d. 7. juni 2021');
    expect(res.body).toContain('Dette hold er afsluttet.');
    expect(res.body).not.toContain('/tilmelding"');
  });

  it('answers the session, person and registration pages', async () => {
    const session = await get(`/serier/${SLUG_2027}/sessioner/2`);
    expect(session.statusCode).toBe(200);
    expect(session.body).toContain('Hvordan bringer vi flere mennesker i udsatte positioner i job?');
    expect(session.body).toContain('Charlotte Liebak Hansen');
    expect(session.body).toContain('mandag d. 30. august 2027');

    const person = await get('/personer/dorte-caswell');
    expect(person.statusCode).toBe(200);
    expect(person.body).toContain('Professor i socialt arbejde, Aalborg Universitet');

    // The registration page is the form itself: it posts back to its own address with a CSRF token.
    const register = await get(`/serier/${SLUG_2027}/tilmelding`);
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain('<h1>Tilmelding: Beskæftigelsesfaglig masterclass 2027</h1>');
    expect(register.body).toContain(`<form method="post" action="/serier/${SLUG_2027}/tilmelding"`);
    expect(register.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    expect(register.body).toContain('Tilmeld mig');
    expect(register.body).not.toContain('Tilmeldingen åbner snart');
  });

  it('answers 404 with the not-found page for unknown and malformed addresses', async () => {
    const paths = [
      '/serier/findes-ikke',
      '/serier/..%2F..',
      '/serier/%00',
      `/serier/${'a'.repeat(5000)}`,
      '/serier/ABC',
      '/serier/abc-',
      `/serier/${SLUG_2027}/sessioner/0`,
      `/serier/${SLUG_2027}/sessioner/5`,
      `/serier/${SLUG_2027}/sessioner/99`,
      `/serier/${SLUG_2027}/sessioner/abc`,
      `/serier/${SLUG_2027}/sessioner/01`,
      `/serier/findes-ikke/tilmelding`,
      '/personer/findes-ikke',
      '/personer/..%2F..',
      '/ingen-side',
    ];
    for (const path of paths) {
      const res = await get(path);
      const label = path.slice(0, 60);
      expect(res.statusCode, label).toBe(404);
      expect(res.headers['content-type'], label).toBe('text/html; charset=utf-8');
      expect(res.body, label).toContain('Siden findes ikke');
    }
  });

  it('speaks English when asked with ?lang=en, and remembers it in a cookie', async () => {
    const res = await get(`/serier/${SLUG_2027}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Monday 7 June 2027');
    expect(res.body).toContain(`DKK${NBSP}18,000`);
    const cookie = res.cookies.find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('en');
    expect(cookie?.httpOnly).toBe(true);

    const again = await get(`/serier/${SLUG_2027}`, { cookie: 'lang=en' });
    expect(again.body).toContain('<html lang="en">');
    expect(again.body).toContain('Monday 7 June 2027');
  });

  it('follows Accept-Language, and keeps the Danish page separate in the cache', async () => {
    const en = await get(`/serier/${SLUG_2027}`, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Monday 7 June 2027');
    expect(en.headers.vary).toContain('Accept-Language');

    const da = await get(`/serier/${SLUG_2027}`, { 'accept-language': 'da' });
    expect(da.body).toContain('<html lang="da">');
    expect(da.body).toContain('mandag d. 7. juni 2027');
    expect(da.body).not.toContain('Monday');
  });

  it('never puts the meeting link of an online session on a public page', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    const secret = 'https://meet.example.com/holdet-secret-room-8f3a';
    await db
      .updateTable('session')
      .set({ mode: 'online', meeting_url: secret })
      .where('series_id', '=', id)
      .where('ordinal', '=', 3)
      .execute();
    await bumpVersion(db, id);
    try {
      for (const path of [
        `/serier/${SLUG_2027}`,
        `/serier/${SLUG_2027}?lang=en`,
        `/serier/${SLUG_2027}/sessioner/3`,
        `/serier/${SLUG_2027}/tilmelding`,
        '/personer/flemming-larsen',
        '/',
      ]) {
        const res = await get(path);
        expect(res.statusCode, path).toBe(200);
        expect(res.body, path).not.toContain('meet.example.com');
      }
      const session = await get(`/serier/${SLUG_2027}/sessioner/3`);
      expect(session.body).toContain('Sessionen holdes online.');
    } finally {
      await db
        .updateTable('session')
        .set({ mode: 'in_person', meeting_url: null })
        .where('series_id', '=', id)
        .execute();
      await bumpVersion(db, id);
    }
  });
});
