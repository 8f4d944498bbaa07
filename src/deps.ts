import type { FastifyServerOptions, RouteOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Mailer } from './email/mailer.ts';
import type { Clock } from './shared/clock.ts';

// What every module's routes get from the app. Its own file, so a module that needs it imports no app.ts
// (which imports every module): no import circles.

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Shown on the mailbox page (SMTP or kept only); createMailer(config) when not given. */
  mailer?: Mailer;
  /** Told of every route as it is added (tests walk them all). */
  onRoute?: (route: RouteOptions) => void;
}
