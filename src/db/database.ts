import { type Kysely, SqliteAdapter, type Transaction } from 'kysely';
import type { OutboxTable } from '../email/table.ts';
import type {
  AccountTable,
  LoginTokenTable,
  RecoveryCodeTable,
  SecondFactorTable,
  WebSessionTable,
} from '../modules/auth/table.ts';
import type {
  AgendaItemTable,
  DilemmaCommentTable,
  DilemmaFollowupTable,
  DilemmaTable,
} from '../modules/dilemmas/table.ts';
import type { DirectoryEntryTable } from '../modules/directory/table.ts';
import type { FileChunkTable, StoredFileTable } from '../modules/files/table.ts';
import type { InvoiceSequenceTable, InvoiceTable } from '../modules/invoicing/table.ts';
import type { RateLimitTable } from '../modules/limits/table.ts';
import type { MaterialTable, MaterialVisitTable } from '../modules/materials/table.ts';
import type {
  AnnouncementReadTable,
  AnnouncementTable,
  MessagePostTable,
  MessageThreadTable,
} from '../modules/messages/table.ts';
import type {
  NotificationChoiceTable,
  NotificationDigestTable,
  NotificationKeyTable,
  NotificationTable,
} from '../modules/notifications/table.ts';
import type { PersonInvitationTable, RoleGrantTable } from '../modules/people/table.ts';
import type {
  QuestionFollowTable,
  QuestionPostTable,
  QuestionRevisionTable,
  QuestionTable,
} from '../modules/questions/table.ts';
import type {
  AttendeeTable,
  BuyerTable,
  RegistrationConfirmationTable,
  RegistrationTable,
} from '../modules/registration/table.ts';
import type { SearchEntryTable } from '../modules/search/table.ts';
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
  stored_file: StoredFileTable;
  file_chunk: FileChunkTable;
  material: MaterialTable;
  material_visit: MaterialVisitTable;
  search_entry: SearchEntryTable;
  notification: NotificationTable;
  notification_choice: NotificationChoiceTable;
  notification_digest: NotificationDigestTable;
  notification_key: NotificationKeyTable;
  announcement: AnnouncementTable;
  announcement_read: AnnouncementReadTable;
  message_thread: MessageThreadTable;
  message_post: MessagePostTable;
  directory_entry: DirectoryEntryTable;
  question: QuestionTable;
  question_post: QuestionPostTable;
  question_revision: QuestionRevisionTable;
  question_follow: QuestionFollowTable;
  dilemma: DilemmaTable;
  dilemma_comment: DilemmaCommentTable;
  agenda_item: AgendaItemTable;
  dilemma_followup: DilemmaFollowupTable;
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

/** The engine behind a Kysely instance or transaction (for the few statements that differ: full-text search). */
export function dialectOf(db: Kysely<DB> | Transaction<DB>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}
export type Executor = Kysely<DB> | Transaction<DB>;
