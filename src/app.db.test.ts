import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../test/app.ts';
import { describeEachDialect } from '../test/db.ts';
import { SLUG_2027 } from '../test/fixtures.ts';

describeEachDialect('the app', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers /healthz with JSON that is never cached', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('exposes Prometheus metrics, including request durations', async () => {
    await app.inject('/');
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('# HELP');
    expect(res.body).toContain('# TYPE holdet_http_request_duration_seconds histogram');
    expect(res.body).toMatch(/holdet_http_request_duration_seconds_count\{[^}]*route="\/"[^}]*\} [1-9]/);
    expect(res.body).toContain('holdet_page_cache_total');
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    for (const path of ['/', `/serier/${SLUG_2027}`, '/findes-ikke']) {
      const res = await app.inject(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('serves the theme, the site stylesheet and the design system', async () => {
    const theme = await app.inject('/theme.css');
    expect(theme.statusCode).toBe(200);
    expect(theme.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(theme.body).toContain('--holdet-primary:#0b5c3b');
    expect((await app.inject('/static/holdet.css')).statusCode).toBe(200);
    expect((await app.inject('/static/dkfds/css/dkfds.min.css')).statusCode).toBe(200);
    const traversal = await app.inject('/static/..%2Fpackage.json');
    expect([403, 404]).toContain(traversal.statusCode);
    expect(traversal.body).not.toContain('"dependencies"');
  });

  it('answers the privacy and accessibility pages', async () => {
    for (const path of ['/privatliv', '/tilgaengelighed', '/privatliv?lang=en']) {
      expect((await app.inject(path)).statusCode, path).toBe(200);
    }
    // How long mails are kept (MAIL_BODY_RETENTION_DAYS, 30 by default) is part of the notice.
    expect((await app.inject('/privatliv')).body).toContain('Mails, vi har sendt dig, gemmes i 30 dage');
    expect((await app.inject('/privatliv?lang=en')).body).toContain('Mails we sent you are kept for 30 days');
  });

  it('answers a malformed %-escape with the bad-request page', async () => {
    const res = await app.inject('/serier/%zz');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Forespørgslen kunne ikke behandles');
  });

  it('never answers a malformed or unexpected POST with a server error', async () => {
    const bodies: { url: string; type?: string; payload: string | Buffer }[] = [
      { url: '/', type: 'application/json', payload: '{"broken": ' },
      { url: '/', type: 'application/json', payload: '{"__proto__": {"admin": true}}' },
      { url: '/', type: 'application/x-www-form-urlencoded', payload: 'a=%E0%A4%A&b=%' },
      { url: `/serier/${SLUG_2027}/tilmelding`, type: 'application/x-www-form-urlencoded', payload: 'name=' },
      { url: `/serier/${SLUG_2027}/tilmelding`, type: 'application/json', payload: 'null' },
      { url: `/serier/${SLUG_2027}/tilmelding`, type: 'multipart/form-data; boundary=x', payload: '--x--' },
      { url: `/serier/${SLUG_2027}`, type: 'text/xml', payload: '<a/>' },
      { url: '/healthz', type: 'application/octet-stream', payload: Buffer.from([0, 255, 1]) },
      { url: '/', type: 'application/x-www-form-urlencoded', payload: `a=${'x'.repeat(300 * 1024)}` },
      { url: '/', payload: 'no content type' },
    ];
    for (const { url, type, payload } of bodies) {
      const res = await app.inject({
        method: 'POST',
        url,
        payload,
        headers: type ? { 'content-type': type } : {},
      });
      const label = `${url} ${type ?? '(none)'} ${String(payload).slice(0, 30)}`;
      expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, label).toBeLessThan(500);
      expect(res.headers['content-type'], label).toBe('text/html; charset=utf-8');
    }
  });
});

describeEachDialect('the app when the database fails', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows an error page with a reference and no internals, and reports unhealthy', async () => {
    expect((await app.inject('/')).statusCode).toBe(200);
    await getDb().close();

    for (const path of ['/', `/serier/${SLUG_2027}`, '/personer/dorte-caswell', '/?lang=en']) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(500);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      const body = res.body;
      expect(body, path).toContain(path.includes('lang=en') ? 'Something went wrong' : 'Der opstod en fejl');
      expect(body, path).toMatch(/<code>[0-9a-f]{8}<\/code>/);
      for (const internal of [
        'Error:',
        '    at ',
        'node_modules',
        '.ts:',
        'select ',
        'from "',
        'sqlite',
        'postgres',
        'pool',
        'database connection',
        'Kysely',
      ]) {
        expect(body.toLowerCase(), `${path} shows ${internal}`).not.toContain(internal.toLowerCase());
      }
    }

    const health = await app.inject('/healthz');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: 'unavailable' });
  });
});
