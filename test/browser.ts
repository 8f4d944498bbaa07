import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/database.ts';
import { createOrganiser, issueSignIn, signInWithToken } from '../src/modules/auth/service.ts';
import { passSecondFactor, uniqueEmail } from './auth.ts';
import { TEST_NOW } from './db.ts';
import { multipartBody } from './files.ts';

// A browser over Fastify's inject for route tests: cookies kept between requests, forms posted with the CSRF
// token of the page it last saw; and a signed-in session for any email.

/** A browser: keeps cookies between requests and posts forms with the CSRF token of the page it last saw. */
export class Browser {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly app: () => FastifyInstance) {}

  withSession(value: string): this {
    this.cookies.set('holdet_session', value);
    return this;
  }

  private take(res: LightMyRequestResponse): LightMyRequestResponse {
    // The language cookie is left out: each request here asks for its language in the URL.
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.name !== 'lang') this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  async get(url: string) {
    return this.take(await this.app().inject({ method: 'GET', url, headers: this.headers() }));
  }

  async post(url: string, form: Record<string, string>) {
    const res = await this.app().inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: this.csrf, ...form }).toString(),
    });
    return this.take(res);
  }

  /**
   * Posts a multipart form as a browser sends one: the CSRF token of the last page first (or last, with
   * `csrfLast`, as a forged form might), then the fields in order, then the file.
   */
  async postMultipart(
    url: string,
    fields: { name: string; value: string }[],
    file?: { name: string; filename: string; bytes: Buffer; type?: string },
    options: { csrfLast?: boolean } = {},
  ) {
    const token = { name: '_csrf', value: this.csrf };
    const parts = [
      ...(options.csrfLast ? [] : [token]),
      ...fields,
      ...(file ? [file] : []),
      ...(options.csrfLast ? [token] : []),
    ];
    const { payload, headers } = multipartBody(parts);
    const res = await this.app().inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), ...headers },
      payload,
    });
    return this.take(res);
  }
}

/**
 * A session cookie value for `email`, signed in the way the sign-in link does it; an organiser (or anyone
 * with a second factor) also passes the second factor, with TOTP set up at the first sign-in as a person would.
 */
export async function sessionOf(database: Database, email: string): Promise<string> {
  const { token } = await issueSignIn(database.db, email, TEST_NOW);
  const signedIn = await signInWithToken(database.db, token, TEST_NOW);
  if (!signedIn.ok) throw new Error(signedIn.reason);
  if (signedIn.secondFactor === 'none') return signedIn.session.cookieValue;
  return passSecondFactor(database.db, signedIn.session.cookieValue, TEST_NOW);
}

/**
 * A browser HALF signed in as a new organiser: the mail's link is done, the second factor is not (a pending
 * sign-in; request.account is null for every gate).
 */
export async function pendingOrganiserBrowser(
  app: () => FastifyInstance,
  database: Database,
): Promise<Browser> {
  const email = uniqueEmail('org');
  const made = await createOrganiser(database.db, { email, name: 'Bo', actorLabel: 'test' }, TEST_NOW);
  if (!made.ok) throw new Error(made.reason);
  const signedIn = await signInWithToken(database.db, made.token, TEST_NOW);
  if (!signedIn.ok || signedIn.secondFactor === 'none') throw new Error('expected a pending sign-in');
  return new Browser(app).withSession(signedIn.session.cookieValue);
}

/** A browser signed in as a new organiser account (a fresh address each time). */
export async function organiserBrowser(app: () => FastifyInstance, database: Database): Promise<Browser> {
  const email = uniqueEmail('org');
  const made = await createOrganiser(database.db, { email, name: 'Bo', actorLabel: 'test' }, TEST_NOW);
  if (!made.ok) throw new Error(made.reason);
  return new Browser(app).withSession(await sessionOf(database, email));
}
