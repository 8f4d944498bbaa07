import type { Kysely } from 'kysely';

// Session operations (issue 12) schedule mails — reminders, the caterer's list, evaluations, certificates —
// from jobs that every instance runs. A scheduled mail carries its occasion ("reminder:<session>:<person>"),
// unique across the outbox, so a mail is queued exactly once per person and occasion however many instances
// look and however often they restart; the outbox keeps the row (its body is erased after retention, the key
// stays), so the occasion is never queued again. NULL for every mail that is not scheduled (NULLs are
// distinct in a unique index on both engines). Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('occasion', 'text').execute();
  await db.schema.createIndex('outbox_occasion_uq').unique().on('outbox').column('occasion').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_occasion_uq').execute();
  await db.schema.alterTable('outbox').dropColumn('occasion').execute();
}
