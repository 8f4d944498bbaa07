import type { Kysely, Transaction } from 'kysely';
import type { OutboxTable } from '../email/table.ts';
import type {
  AccountTable,
  LoginTokenTable,
  RecoveryCodeTable,
  SecondFactorTable,
  WebSessionTable,
} from '../modules/auth/table.ts';
import type { InvoiceSequenceTable, InvoiceTable } from '../modules/invoicing/table.ts';
import type { RateLimitTable } from '../modules/limits/table.ts';
import type { PersonInvitationTable, RoleGrantTable } from '../modules/people/table.ts';
import type {
  AttendeeTable,
  BuyerTable,
  RegistrationConfirmationTable,
  RegistrationTable,
} from '../modules/registration/table.ts';
import type {
  OrganiserTable,
  PersonTable,
  SeriesTable,
  SessionTable,
  VenueTable,
} from '../modules/series/table.ts';
import type { AuditTable } from '../shared/audit.ts';

/** Every table of every module, as Kysely sees them. Each module owns its own part in its table.ts. */
export interface DB {
  organiser: OrganiserTable;
  person: PersonTable;
  venue: VenueTable;
  series: SeriesTable;
  session: SessionTable;
  registration: RegistrationTable;
  registration_confirmation: RegistrationConfirmationTable;
  buyer: BuyerTable;
  attendee: AttendeeTable;
  account: AccountTable;
  login_token: LoginTokenTable;
  web_session: WebSessionTable;
  second_factor: SecondFactorTable;
  recovery_code: RecoveryCodeTable;
  rate_limit: RateLimitTable;
  outbox: OutboxTable;
  audit: AuditTable;
  invoice: InvoiceTable;
  invoice_sequence: InvoiceSequenceTable;
  role_grant: RoleGrantTable;
  person_invitation: PersonInvitationTable;
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
