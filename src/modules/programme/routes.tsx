import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';

// The organiser's back office for the programme: one file of routes per part (series, sessions, venues).

export function programmeRoutes(app: FastifyInstance, deps: AppDeps): void {
  void app;
  void deps;
}
