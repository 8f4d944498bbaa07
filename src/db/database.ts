import type { Kysely, Transaction } from 'kysely';
import type { RegistrationTable } from '../modules/registration/table.ts';
import type {
  OrganiserTable,
  PersonTable,
  SeriesTable,
  SessionTable,
  VenueTable,
} from '../modules/series/table.ts';

/** Every table of every module, as Kysely sees them. Each module owns its own part in its table.ts. */
export interface DB {
  organiser: OrganiserTable;
  person: PersonTable;
  venue: VenueTable;
  series: SeriesTable;
  session: SessionTable;
  registration: RegistrationTable;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Cheap liveness check for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;
