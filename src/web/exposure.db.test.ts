import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/app.ts';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { createApp } from '../app.ts';
import type { Database } from '../db/database.ts';
import { enqueueMail } from '../email/outbox.ts';
import { fixedClock } from '../shared/clock.ts';
import { access, PUBLIC } from './access.ts';
import { PROXY_WARNING, resetProxyWarning } from './proxy.ts';

// What the app shows to whom on the network: the dev mailbox and /metrics only to this machine (or a
// token), request.ip from X-Forwarded-For only when TRUST_PROXY says so, framing refused, the language
// cookie Secure in production, and no sign-in token or email address in the request log.

type Env = Record<string, string>;

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const METRICS_TOKEN = 'scrape-secret-0123456789';

/** An app with a probe route that shows request.ip, and every log line kept. */
async function probeApp(database: Database, env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const app = await createApp({
    config: testConfig(database, env),
    database,
    clock: fixedClock(TEST_NOW),
    logger: {
      level: 'info',
      stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    },
  });
  app.get('/test/ip', access(PUBLIC), async (request) => ({ ip: request.ip }));
  await app.ready();
  return { app, lines };
}

describeEachDialect('network exposure', (getDb) => {
  const apps: FastifyInstance[] = [];
  const make = async (env: Record<string, string> = {}) => {
    const made = await probeApp(getDb(), env);
    apps.push(made.app);
    return made;
  };
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  describe('the dev mailbox', () => {
    let mailId: string;
    beforeAll(async () => {
      mailId = await enqueueMail(
        getDb().db,
        {
          kind: 'auth.sign-in',
          to: 'ane@example.dk',
          subject: 'Log ind',
          text: `/log-ind/${TOKEN}`,
          html: '<p>x</p>',
        },
        TEST_NOW,
      );
    });
    const urls = () => [
      '/udvikling/postkasse',
      `/udvikling/postkasse/${mailId}`,
      `/udvikling/postkasse/${mailId}/html`,
    ];

    it('answers a loopback peer (IPv4, IPv6, IPv4-mapped)', async () => {
      const { app } = await make({ NODE_ENV: 'development' });
      for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
        for (const url of urls()) {
          const res = await app.inject({ url, remoteAddress });
          expect(res.statusCode, `${remoteAddress} ${url}`).toBe(200);
        }
      }
    });

    it('is a 404 page to anyone else, whatever X-Forwarded-For says, even with TRUST_PROXY', async () => {
      for (const env of [
        { NODE_ENV: 'development' },
        { NODE_ENV: 'development', TRUST_PROXY: '1' },
      ] as Env[]) {
        const { app } = await make(env);
        for (const remoteAddress of ['10.0.0.7', '192.168.1.20', '::ffff:10.0.0.7', '2001:db8::1']) {
          for (const url of urls()) {
            const res = await app.inject({
              url,
              remoteAddress,
              headers: { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
            });
            expect(res.statusCode, `${remoteAddress} ${url}`).toBe(404);
            expect(res.body).toContain('Siden findes ikke');
            expect(res.body).not.toContain(TOKEN);
          }
        }
      }
    });

    it('does not exist when mails are sent (SMTP_URL) or in production, not even for loopback', async () => {
      for (const env of [
        { NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.dk:587' },
        { NODE_ENV: 'production' },
      ] as Env[]) {
        const { app } = await make(env);
        for (const url of urls()) {
          const res = await app.inject({ url, remoteAddress: '127.0.0.1' });
          expect(res.statusCode, `${JSON.stringify(env)} ${url}`).toBe(404);
          expect(res.body).toContain('Siden findes ikke');
        }
      }
    });
  });

  describe('/metrics', () => {
    it('without METRICS_TOKEN: loopback peers only, a 404 page to the rest', async () => {
      const { app } = await make({ NODE_ENV: 'production' });
      const local = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(local.statusCode).toBe(200);
      expect(local.body).toContain('# TYPE holdet_http_request_duration_seconds histogram');
      const remote = await app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(remote.statusCode).toBe(404);
      expect(remote.body).not.toContain('holdet_');
    });

    it('with METRICS_TOKEN: the bearer token and nothing else, from anywhere', async () => {
      const { app } = await make({ NODE_ENV: 'production', METRICS_TOKEN });
      const ok = await app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('holdet_');
      for (const authorization of [
        undefined,
        '',
        'Bearer',
        `Bearer ${METRICS_TOKEN}x`,
        `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
        `Basic ${METRICS_TOKEN}`,
        METRICS_TOKEN,
      ]) {
        // Loopback does not stand in for the token once one is set.
        const res = await app.inject({
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(res.statusCode, String(authorization)).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
        expect(res.body).not.toContain('holdet_');
      }
    });
  });

  describe('request.ip and TRUST_PROXY', () => {
    it('ignores a spoofed X-Forwarded-For by default, in production too', async () => {
      for (const env of [{}, { NODE_ENV: 'production' }] as Env[]) {
        const { app } = await make(env);
        const res = await app.inject({
          url: '/test/ip',
          remoteAddress: '198.51.100.4',
          headers: { 'x-forwarded-for': '1.2.3.4' },
        });
        expect(res.json()).toEqual({ ip: '198.51.100.4' });
      }
    });

    it('takes the client from X-Forwarded-For only when the peer is a trusted proxy', async () => {
      const { app } = await make({ TRUST_PROXY: '127.0.0.1' });
      const viaProxy = await app.inject({
        url: '/test/ip',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '1.2.3.4' },
      });
      expect(viaProxy.json()).toEqual({ ip: '1.2.3.4' });
      const direct = await app.inject({
        url: '/test/ip',
        remoteAddress: '198.51.100.4',
        headers: { 'x-forwarded-for': '1.2.3.4' },
      });
      expect(direct.json()).toEqual({ ip: '198.51.100.4' });
    });

    it('takes a hop count and CIDR ranges', async () => {
      const hops = await make({ TRUST_PROXY: '1' });
      const res = await hops.app.inject({
        url: '/test/ip',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': '5.6.7.8, 1.2.3.4' },
      });
      expect(res.json()).toEqual({ ip: '1.2.3.4' });
      const cidr = await make({ TRUST_PROXY: '10.0.0.0/8' });
      const inRange = await cidr.app.inject({
        url: '/test/ip',
        remoteAddress: '10.20.30.40',
        headers: { 'x-forwarded-for': '1.2.3.4' },
      });
      expect(inRange.json()).toEqual({ ip: '1.2.3.4' });
    });

    it('warns once in production when forwarded headers arrive while TRUST_PROXY is off', async () => {
      resetProxyWarning();
      const { app, lines } = await make({ NODE_ENV: 'production' });
      await app.inject({ url: '/test/ip' });
      expect(lines.filter((l) => l.msg === PROXY_WARNING)).toHaveLength(0);
      for (const headers of [{ 'x-forwarded-for': '1.2.3.4' }, { forwarded: 'for=1.2.3.4' }]) {
        await app.inject({ url: '/test/ip', headers });
      }
      const warnings = lines.filter((l) => l.msg === PROXY_WARNING);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe(40);
      expect(PROXY_WARNING).toContain('behind a load balancer every visitor would share one limit');

      // Not in development, and not once TRUST_PROXY is set.
      for (const env of [
        { NODE_ENV: 'development' },
        { NODE_ENV: 'production', TRUST_PROXY: '1' },
      ] as Env[]) {
        resetProxyWarning();
        const other = await make(env);
        await other.app.inject({ url: '/test/ip', headers: { 'x-forwarded-for': '1.2.3.4' } });
        expect(
          other.lines.filter((l) => l.msg === PROXY_WARNING),
          JSON.stringify(env),
        ).toHaveLength(0);
      }
    });
  });

  describe('headers and cookies', () => {
    it('refuses framing with X-Frame-Options: DENY as well as the CSP', async () => {
      const { app } = await make();
      for (const url of ['/', '/log-ind', '/findes-ikke']) {
        const res = await app.inject(url);
        expect(res.headers['x-frame-options'], url).toBe('DENY');
        expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      }
    });

    it('makes the language cookie Secure in production only', async () => {
      const cookieOf = async (env: Record<string, string>) => {
        const { app } = await make(env);
        const res = await app.inject('/?lang=en');
        return (res.cookies as { name: string; secure?: boolean; httpOnly?: boolean }[]).find(
          (c) => c.name === 'lang',
        );
      };
      expect(await cookieOf({ NODE_ENV: 'production' })).toMatchObject({ secure: true, httpOnly: true });
      expect((await cookieOf({ NODE_ENV: 'development' }))?.secure).toBeFalsy();
    });
  });

  describe('request logs', () => {
    it('redact sign-in and other token links, and never log query values or email addresses', async () => {
      const { app, lines } = await make();
      const urls = [
        `/log-ind/${TOKEN}`,
        `/log-ind/${TOKEN}?next=%2Fmin-side&email=ane%40example.dk`,
        `/tilmelding/bekraeft/${TOKEN}`,
        `/serier/x/tilmelding/bekraeft/${TOKEN}`,
        `/invitation/${TOKEN}`,
        `/praeferencer/${TOKEN}`,
        `/kalender/${TOKEN}.ics`,
        '/log-ind?email=ane@example.dk&lang=en',
      ];
      for (const url of urls) await app.inject(url);
      await app.inject({ method: 'POST', url: `/log-ind/${TOKEN}`, payload: { next: '/min-side' } });
      const text = lines.map((l) => JSON.stringify(l)).join('\n');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('example.dk');
      expect(text).not.toContain('ane%40');
      const logged = lines.flatMap((l) => {
        const req = l.req as { url?: string } | undefined;
        return req?.url ? [req.url] : [];
      });
      expect(logged).toEqual(
        expect.arrayContaining([
          '/log-ind/[redacted]',
          '/log-ind/[redacted]?next=[redacted]&email=[redacted]',
          '/tilmelding/bekraeft/[redacted]',
          '/serier/x/tilmelding/bekraeft/[redacted]',
          '/invitation/[redacted]',
          '/praeferencer/[redacted]',
          '/kalender/[redacted]',
          '/log-ind?email=[redacted]&lang=en',
        ]),
      );
      // Each request's line still says what was asked, and /log-ind/kode is not a token.
      await app.inject('/log-ind/kode');
      expect(lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/log-ind/kode')).toBe(true);
    });
  });
});
