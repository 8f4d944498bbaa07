import { type Kysely, sql } from 'kysely';

// The registration splits into its parties, as pretix splits an order from its invoice address and its
// positions: the buyer (who orders and pays: organisation, CVR, address, EAN, references, invoice contact,
// binding terms) and the attendee (who takes the seat: name, work email, phone, job, dietary needs, directory
// consent, the account once confirmed). Each is a table of its own that points at its registration; today a
// registration has one of each (unique registration_id), as it has one seat and one invoice. The registration
// keeps what the seat rules decide on (series, status, seq, deadlines, lang, form digest, times) and the
// attendee's lower-cased address as `attendee_email`, the key of the partial unique index "one confirmed,
// active registration per address per series" (an index can only cover columns of its own table).
// Today's rows move across in batches (ids made here, the same code on SQLite and PostgreSQL); down puts the
// columns back and fills them again. Issued documents are not rewritten: the invoice row only gains the
// attendee's name as issued (read from its document), so invoicing never reads the registration's tables.
// Frozen once landed.

const BATCH = 500;

/** Moved to `buyer`: [column on registration, column on buyer]. */
const BUYER: [string, string][] = [
  ['organisation_type', 'organisation_type'],
  ['organisation_name', 'organisation_name'],
  ['cvr', 'cvr'],
  ['address_street', 'address_street'],
  ['address_postal_code', 'address_postal_code'],
  ['address_city', 'address_city'],
  ['public_buyer', 'public_buyer'],
  ['ean', 'ean'],
  ['person_reference', 'person_reference'],
  ['order_number', 'order_number'],
  ['kontostreng', 'kontostreng'],
  ['invoice_contact_name', 'invoice_contact_name'],
  ['invoice_contact_email', 'invoice_contact_email'],
  ['terms_accepted_at', 'terms_accepted_at'],
];

/** Moved to `attendee`. The work email moves too; registration.participant_email becomes attendee_email. */
const ATTENDEE: [string, string][] = [
  ['participant_name', 'name'],
  ['participant_email', 'email'],
  ['participant_phone', 'phone'],
  ['job_title', 'job_title'],
  ['management_level', 'management_level'],
  ['dietary_needs', 'dietary_needs'],
  ['dietary_deleted_at', 'dietary_deleted_at'],
  ['directory_consent', 'directory_consent'],
  ['account_id', 'account_id'],
];

/** How 0002 declared the moved columns, to put them back on the way down. */
const RESTORE: [string, 'text' | 'integer', string | number | null][] = [
  ['account_id', 'text', null],
  ['participant_name', 'text', ''],
  ['participant_phone', 'text', null],
  ['job_title', 'text', ''],
  ['management_level', 'text', ''],
  ['organisation_type', 'text', ''],
  ['organisation_name', 'text', ''],
  ['cvr', 'text', ''],
  ['address_street', 'text', ''],
  ['address_postal_code', 'text', ''],
  ['address_city', 'text', ''],
  ['public_buyer', 'integer', 0],
  ['ean', 'text', null],
  ['person_reference', 'text', null],
  ['order_number', 'text', null],
  ['kontostreng', 'text', null],
  ['invoice_contact_name', 'text', ''],
  ['invoice_contact_email', 'text', ''],
  ['dietary_needs', 'text', null],
  ['dietary_deleted_at', 'text', null],
  ['directory_consent', 'integer', 0],
  ['terms_accepted_at', 'text', null],
];

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the tables as they are at this step, untyped.
type AnyDb = Kysely<any>;

export async function up(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as AnyDb;
  await db.schema
    .createTable('buyer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id'))
    .addColumn('organisation_type', 'text', (c) => c.notNull())
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('cvr', 'text', (c) => c.notNull())
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_postal_code', 'text', (c) => c.notNull())
    .addColumn('address_city', 'text', (c) => c.notNull())
    .addColumn('public_buyer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ean', 'text')
    .addColumn('person_reference', 'text')
    .addColumn('order_number', 'text')
    .addColumn('kontostreng', 'text')
    .addColumn('invoice_contact_name', 'text', (c) => c.notNull())
    .addColumn('invoice_contact_email', 'text', (c) => c.notNull())
    .addColumn('terms_accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One buyer per registration: one seat, one invoice.
  await db.schema
    .createIndex('buyer_registration_uq')
    .on('buyer')
    .column('registration_id')
    .unique()
    .execute();

  await db.schema
    .createTable('attendee')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('job_title', 'text', (c) => c.notNull())
    .addColumn('management_level', 'text', (c) => c.notNull())
    .addColumn('dietary_needs', 'text')
    .addColumn('dietary_deleted_at', 'text')
    .addColumn('directory_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Today one attendee per registration. A substitute for one session (a later issue) is another attendee
  // of the registration; that issue narrows this index to the registration's own attendee.
  await db.schema
    .createIndex('attendee_registration_uq')
    .on('attendee')
    .column('registration_id')
    .unique()
    .execute();
  await db.schema.createIndex('attendee_account_idx').on('attendee').column('account_id').execute();
  await db.schema.createIndex('attendee_email_idx').on('attendee').column('email').execute();

  let last: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('registration')
      .select(['id', 'created_at', 'updated_at', ...BUYER.map(([c]) => c), ...ATTENDEE.map(([c]) => c)])
      .orderBy('id')
      .limit(BATCH);
    if (last !== null) query = query.where('id', '>', last);
    const rows: Row[] = await query.execute();
    if (rows.length === 0) break;
    const pick = (r: Row, columns: [string, string][]) =>
      Object.fromEntries(columns.map(([from, to]) => [to, r[from] ?? null]));
    const times = (r: Row) => ({ registration_id: r.id, created_at: r.created_at, updated_at: r.updated_at });
    await db
      .insertInto('buyer')
      .values(rows.map((r) => ({ id: crypto.randomUUID(), ...times(r), ...pick(r, BUYER) })))
      .execute();
    await db
      .insertInto('attendee')
      .values(rows.map((r) => ({ id: crypto.randomUUID(), ...times(r), ...pick(r, ATTENDEE) })))
      .execute();
    last = String(rows[rows.length - 1]?.id);
  }

  // Invoice lists showed the participant's name by reading the registration; they now read the attendee's
  // name as issued, copied from each stored document (which itself is left as it is).
  await db.schema
    .alterTable('invoice')
    .addColumn('attendee_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  let lastInvoice: string | null = null;
  for (;;) {
    let query = db.selectFrom('invoice').select(['id', 'document']).orderBy('id').limit(BATCH);
    if (lastInvoice !== null) query = query.where('id', '>', lastInvoice);
    const rows: { id: string; document: string }[] = await query.execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const name = (JSON.parse(r.document) as { participantName?: unknown }).participantName;
      if (typeof name === 'string' && name !== '') {
        await db.updateTable('invoice').set({ attendee_name: name }).where('id', '=', r.id).execute();
      }
    }
    lastInvoice = String(rows[rows.length - 1]?.id);
  }

  await db.schema.dropIndex('registration_account_idx').execute();
  await db.schema.alterTable('registration').renameColumn('participant_email', 'attendee_email').execute();
  for (const [name] of RESTORE) await db.schema.alterTable('registration').dropColumn(name).execute();
}

export async function down(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as AnyDb;
  for (const [name, type, fallback] of RESTORE) {
    await db.schema
      .alterTable('registration')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  await db.schema.alterTable('registration').renameColumn('attendee_email', 'participant_email').execute();
  // One correlated update per table fills the columns back (same SQL on both engines).
  const fill = (table: 'buyer' | 'attendee', columns: [string, string][]) =>
    sql`update registration set ${sql.join(
      columns
        .filter(([from]) => from !== 'participant_email')
        .map(
          ([from, to]) =>
            sql`${sql.ref(from)} = coalesce((select p.${sql.ref(to)} from ${sql.table(table)} p where p.registration_id = registration.id), registration.${sql.ref(from)})`,
        ),
    )}`.execute(db);
  await fill('buyer', BUYER);
  await fill('attendee', ATTENDEE);
  await db.schema.createIndex('registration_account_idx').on('registration').column('account_id').execute();
  await db.schema.dropTable('attendee').execute();
  await db.schema.dropTable('buyer').execute();
  await db.schema.alterTable('invoice').dropColumn('attendee_name').execute();
}
