import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { seriesEditRoutes } from './series-routes.tsx';
import { sessionRoutes } from './session-routes.tsx';
import { venueRoutes } from './venue-routes.tsx';

// The organiser's back office for the programme: one file of routes per part (series, sessions, venues).

export function programmeRoutes(app: FastifyInstance, deps: AppDeps): void {
  seriesEditRoutes(app, deps);
  sessionRoutes(app, deps);
  venueRoutes(app, deps);
}
