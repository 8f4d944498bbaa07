import Fastify, { type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../db/database.ts';
import { FALLBACK_SITE, pageContext, provideSiteInfo } from './context.ts';
import type { SiteInfo } from './layout.tsx';

// pageContext imports no module: the composition root gives it the site-info loader (provideSiteInfo).

const SITE: SiteInfo = {
  name: 'Prøveorganisationen',
  street: 'Vej 1',
  postalCode: '8000',
  city: 'Aarhus C',
  cvr: '12345678',
  email: 'kontakt@example.dk',
  phone: '12 34 56 78',
};
const db = {} as Executor;

function requestOn(server: FastifyRequest['server'] | undefined): FastifyRequest {
  return { url: '/serier/x?lang=en', lang: 'en', server } as unknown as FastifyRequest;
}

describe('pageContext', () => {
  it('shows the site the provided loader reads, with the same database handle', async () => {
    const app = Fastify();
    let asked: Executor | null = null;
    provideSiteInfo(app, async (given) => {
      asked = given;
      return SITE;
    });
    await app.ready();
    expect(await pageContext(db, requestOn(app))).toEqual({
      lang: 'en',
      path: '/serier/x',
      site: SITE,
      viewer: null,
    });
    expect(asked).toBe(db);
    await app.close();
  });

  it('falls back to the placeholder site before seeding, or when no loader was provided', async () => {
    const app = Fastify();
    provideSiteInfo(app, async () => null);
    await app.ready();
    expect((await pageContext(db, requestOn(app))).site).toEqual(FALLBACK_SITE);
    expect((await pageContext(db, requestOn(Fastify()))).site).toEqual(FALLBACK_SITE);
    expect((await pageContext(db, requestOn(undefined))).site).toEqual(FALLBACK_SITE);
    await app.close();
  });
});
