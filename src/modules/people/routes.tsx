import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER, PUBLIC, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { readSessionCookie, setSessionCookie, signInDestination } from '../auth/service.ts';
import { INVITATION_PATH } from './emails.ts';
import { parseInviteForm, parsePersonForm, parseProfileForm, personValues, profileValues } from './forms.ts';
import { mayEditProfile } from './rules.ts';
import * as people from './service.ts';
import {
  editPersonPath,
  NEW_PERSON_PATH,
  PEOPLE_ADMIN_PATH,
  personAdminPage,
  personListPage,
} from './views/admin.tsx';
import { invitationFailedPage, invitationPage } from './views/invitation.tsx';
import { personFormPage } from './views/person-form.tsx';
import { PROFILE_PATH, profilePage } from './views/profile.tsx';

// The organiser's person pages and invitations, the invitation link, and a person's own profile.

type Body = Record<string, unknown> | undefined;

export function peopleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const { config } = deps;
  const now = () => deps.clock.now();
  const langQuery = (lang: string) => (lang === 'en' ? '&lang=en' : '');

  app.get(PEOPLE_ADMIN_PATH, access(ORGANISER), async (request, reply) => {
    const items = await people.personList(db, request.lang);
    return sendHtml(reply, personListPage(await pageContext(db, request), items));
  });

  // Creating and editing a public person (expert, facilitator). Registered before `/:slug`; `ny` is never a
  // person's slug (series/people-editing.ts reserves it).
  app.get(NEW_PERSON_PATH, access(ORGANISER), async (request, reply) => {
    const page = personFormPage(await pageContext(db, request), {
      values: personValues({ name: '', titleDa: '', titleEn: '', bioDa: '', bioEn: '', links: [] }),
      csrf: csrfToken(reply),
    });
    return sendPrivate(reply, page);
  });

  app.post<{ Body: Body }>(NEW_PERSON_PATH, access(ORGANISER), async (request, reply) => {
    const organiser = requireAccount(request);
    const parsed = parsePersonForm(request.body, request.lang);
    if (!parsed.ok) {
      const page = personFormPage(await pageContext(db, request), {
        values: parsed.values,
        errors: parsed.errors,
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page, 400);
    }
    const made = await people.createPublicPerson(db, organiser, parsed.fields, now());
    return reply.redirect(`${PEOPLE_ADMIN_PATH}/${made.slug}?oprettet=1${langQuery(request.lang)}`, 303);
  });

  app.get<{ Params: { slug: string } }>(
    editPersonPath(':slug'),
    access(ORGANISER),
    async (request, reply) => {
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const person = await people.personForEditing(db, slug);
      if (!person) throw notFound();
      const page = personFormPage(await pageContext(db, request), {
        person,
        values: personValues(person),
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page);
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    editPersonPath(':slug'),
    access(ORGANISER),
    async (request, reply) => {
      const organiser = requireAccount(request);
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const person = await people.personForEditing(db, slug);
      if (!person) throw notFound();
      const parsed = parsePersonForm(request.body, request.lang);
      if (!parsed.ok) {
        const page = personFormPage(await pageContext(db, request), {
          person,
          values: parsed.values,
          errors: parsed.errors,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const saved = await people.updatePublicPerson(db, person.id, organiser, parsed.fields, now());
      if (!saved) throw notFound();
      return reply.redirect(`${PEOPLE_ADMIN_PATH}/${saved.slug}?gemt=1${langQuery(request.lang)}`, 303);
    },
  );

  app.get<{
    Params: { slug: string };
    Querystring: { sendt?: string; fjernet?: string; oprettet?: string; gemt?: string };
  }>(`${PEOPLE_ADMIN_PATH}/:slug`, access(ORGANISER), async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const page = await people.personAdmin(db, slug, request.lang);
    if (!page) throw notFound();
    const sentTo = typeof request.query.sendt === 'string' ? request.query.sendt.slice(0, 254) : null;
    const state = {
      csrf: csrfToken(reply),
      values: { email: '', roles: [] },
      errors: {},
      sentTo,
      revoked: request.query.fjernet === '1',
      notice:
        request.query.oprettet === '1'
          ? ('created' as const)
          : request.query.gemt === '1'
            ? ('saved' as const)
            : null,
      now: now(),
    };
    return sendPrivate(reply, personAdminPage(await pageContext(db, request), page, state));
  });

  app.post<{ Params: { slug: string }; Body: Body }>(
    `${PEOPLE_ADMIN_PATH}/:slug/invitation`,
    access(ORGANISER),
    async (request, reply) => {
      const organiser = requireAccount(request);
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const page = await people.personAdmin(db, slug, request.lang);
      if (!page) throw notFound();
      const parsed = parseInviteForm(
        request.body,
        page.cast.map((r) => r.key),
        request.lang,
      );
      if (!parsed.ok) {
        const state = { csrf: csrfToken(reply), values: parsed.values, errors: parsed.errors, now: now() };
        return sendPrivate(reply, personAdminPage(await pageContext(db, request), page, state), 400);
      }
      const chosen = page.cast.filter((r) => parsed.roles.includes(r.key));
      await people.invitePerson(
        db,
        {
          personId: page.person.id,
          email: parsed.email,
          roles: chosen,
          labels: chosen.map((r) => r.label),
          by: { accountId: organiser.id, label: organiser.email },
          baseUrl: config.baseUrl,
          lang: request.lang,
        },
        now(),
      );
      return reply.redirect(
        `${PEOPLE_ADMIN_PATH}/${slug}?sendt=${encodeURIComponent(parsed.email)}${langQuery(request.lang)}`,
        303,
      );
    },
  );

  // Removing a role from the person page: only a grant of this person's account, once (audited).
  app.post<{ Params: { slug: string; id: string } }>(
    `${PEOPLE_ADMIN_PATH}/:slug/roller/:id/fjern`,
    access(ORGANISER),
    async (request, reply) => {
      const organiser = requireAccount(request);
      const { slug, id } = request.params;
      if (!isSlug(slug) || !isId(id)) throw notFound();
      const page = await people.personAdmin(db, slug, request.lang);
      const grant = page?.grants.find((g) => g.id === id && g.revokedAt === null);
      if (!page || !grant) throw notFound();
      await people.revokeRole(db, grant.id, { accountId: organiser.id, label: organiser.email }, now());
      return reply.redirect(`${PEOPLE_ADMIN_PATH}/${slug}?fjernet=1${langQuery(request.lang)}`, 303);
    },
  );

  app.get<{ Params: { token: string } }>(
    `${INVITATION_PATH}/:token`,
    access(PUBLIC),
    async (request, reply) => {
      const { token } = request.params;
      const check = await people.checkInvitation(db, token, request.lang, now());
      const ctx = await pageContext(db, request);
      if (check.kind === 'failed') return sendPrivate(reply, invitationFailedPage(ctx, check.reason), 400);
      return sendPrivate(
        reply,
        invitationPage(ctx, {
          csrf: csrfToken(reply),
          token,
          email: check.email,
          personName: check.personName,
          roles: check.roles,
          signedInAs: request.account?.email ?? null,
        }),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    `${INVITATION_PATH}/:token`,
    access(PUBLIC),
    async (request, reply) => {
      const outcome = await people.acceptInvitation(db, request.params.token, now(), {
        replaceSession: readSessionCookie(request, config),
        idleDays: config.sessionIdleDays,
      });
      if (!outcome.ok) {
        return sendPrivate(reply, invitationFailedPage(await pageContext(db, request), outcome.reason), 400);
      }
      // Someone who has turned the second factor on gives it before the session counts (signInDestination).
      const to = signInDestination(outcome, `${PROFILE_PATH}${request.lang === 'en' ? '?lang=en' : ''}`);
      return setSessionCookie(reply, config, outcome.session).redirect(to, 303);
    },
  );

  /** The signed-in person's public person; 404 for an account that has none. */
  async function ownPerson(accountId: string) {
    const person = await people.profileOf(db, accountId);
    if (!person || !mayEditProfile(person, accountId)) throw notFound();
    return person;
  }

  app.get<{ Querystring: { besked?: string } }>(PROFILE_PATH, access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const person = await ownPerson(account.id);
    return sendPrivate(
      reply,
      profilePage(await pageContext(db, request), {
        name: person.name,
        slug: person.slug,
        values: profileValues(person),
        saved: request.query.besked === 'gemt',
        csrf: csrfToken(reply),
      }),
    );
  });

  app.post<{ Body: Body }>(PROFILE_PATH, access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const person = await ownPerson(account.id);
    const parsed = parseProfileForm(request.body, request.lang);
    if (!parsed.ok) {
      const page = profilePage(await pageContext(db, request), {
        name: person.name,
        slug: person.slug,
        values: parsed.values,
        errors: parsed.errors,
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page, 400);
    }
    if (!(await people.saveProfile(db, account, parsed.fields, now()))) throw notFound();
    return reply.redirect(`${PROFILE_PATH}?besked=gemt${langQuery(request.lang)}`, 303);
  });
}
