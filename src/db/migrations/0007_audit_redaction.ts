import type { Kysely } from 'kysely';
import { redactAuditJson } from '../../shared/audit.ts';

// Audit rows written before writeAudit redacted (the registration row, dietary needs included, in `after`)
// are redacted the same way: every sensitive key's value becomes "[udfyldt]", at any depth, in before_json
// and after_json. Read in batches in key order and updated row by row, so it is the same code on SQLite and
// PostgreSQL and never holds the whole table in memory. It uses the live redaction on purpose: a longer key
// list later only redacts more. Frozen once landed.

interface AuditRows {
  audit: { id: string; before_json: string | null; after_json: string | null };
}

const BATCH = 500;

export async function up(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<AuditRows>;
  let last: string | null = null;
  for (;;) {
    let query = db.selectFrom('audit').select(['id', 'before_json', 'after_json']).orderBy('id').limit(BATCH);
    if (last !== null) query = query.where('id', '>', last);
    const rows = await query.execute();
    for (const row of rows) {
      const redacted = redactAuditJson(row.before_json, row.after_json);
      if (redacted.before_json === row.before_json && redacted.after_json === row.after_json) continue;
      await db.updateTable('audit').set(redacted).where('id', '=', row.id).execute();
    }
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1]?.id ?? null;
  }
}

export async function down(_db: Kysely<unknown>): Promise<void> {
  // Nothing to undo: the redacted values are gone on purpose (that is the point of this migration), and the
  // redacted rows are still valid rows for the schema before it.
}
