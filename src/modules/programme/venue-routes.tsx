import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { access, ORGANISER } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import * as series from '../series/service.ts';
import { parseVenueForm, venueValues } from './venue-form.ts';
import { addVenue, editVenue } from './venues.ts';
import { venueFormPage } from './views/venue-form.tsx';
import { NEW_VENUE_PATH, VENUES_PATH, venueListPage, venuePath } from './views/venue-list.tsx';

// The organiser's venues: the list, a new venue, and editing one (name, address, practical notes da/en).

type Body = Record<string, unknown> | undefined;

export function venueRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();
  const langQuery = (lang: string) => (lang === 'en' ? '&lang=en' : '');

  app.get<{ Querystring: { oprettet?: string; gemt?: string; sendt?: string } }>(
    VENUES_PATH,
    access(ORGANISER),
    async (request, reply) => {
      const notice = request.query.oprettet === '1' ? 'created' : request.query.gemt === '1' ? 'saved' : null;
      const venues = await series.venueList(db);
      const sent = request.query.sendt;
      const told = typeof sent === 'string' && /^[1-9]\d{0,5}$/.test(sent) ? Number(sent) : 0;
      return sendPrivate(reply, venueListPage(await pageContext(db, request), venues, notice, told));
    },
  );

  app.get(NEW_VENUE_PATH, access(ORGANISER), async (request, reply) => {
    const page = venueFormPage(await pageContext(db, request), {
      values: venueValues(),
      csrf: csrfToken(reply),
    });
    return sendPrivate(reply, page);
  });

  app.post<{ Body: Body }>(NEW_VENUE_PATH, access(ORGANISER), async (request, reply) => {
    const organiser = requireAccount(request);
    const parsed = parseVenueForm(request.body, request.lang);
    if (!parsed.ok) {
      const page = venueFormPage(await pageContext(db, request), {
        values: parsed.values,
        errors: parsed.errors,
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page, 400);
    }
    await addVenue(db, organiser, parsed.fields, now());
    return reply.redirect(`${VENUES_PATH}?oprettet=1${langQuery(request.lang)}`, 303);
  });

  app.get<{ Params: { id: string } }>(venuePath(':id'), access(ORGANISER), async (request, reply) => {
    const { id } = request.params;
    if (!isId(id)) throw notFound();
    const venue = await series.venueForEditing(db, id);
    if (!venue) throw notFound();
    const page = venueFormPage(await pageContext(db, request), {
      venue,
      values: venueValues(venue),
      csrf: csrfToken(reply),
    });
    return sendPrivate(reply, page);
  });

  app.post<{ Params: { id: string }; Body: Body }>(
    venuePath(':id'),
    access(ORGANISER),
    async (request, reply) => {
      const organiser = requireAccount(request);
      const { id } = request.params;
      if (!isId(id)) throw notFound();
      const venue = await series.venueForEditing(db, id);
      if (!venue) throw notFound();
      const parsed = parseVenueForm(request.body, request.lang);
      if (!parsed.ok) {
        const page = venueFormPage(await pageContext(db, request), {
          venue,
          values: parsed.values,
          errors: parsed.errors,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const programme = { database: deps.database, clock: deps.clock, baseUrl: deps.config.baseUrl };
      const saved = await editVenue(programme, id, organiser, parsed.fields);
      if (!saved) throw notFound();
      const sent = saved.told > 0 ? `&sendt=${saved.told}` : '';
      return reply.redirect(`${VENUES_PATH}?gemt=1${sent}${langQuery(request.lang)}`, 303);
    },
  );
}
