import type { Executor } from '../db/database.ts';
import { newId } from './ids.ts';

/** Who did what to which row, when, with the row before and after. Written in the change's transaction. */
export interface AuditTable {
  id: string;
  at: string;
  actor_account_id: string | null;
  /** A readable name for the actor: an email, or `system` for jobs. */
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface Actor {
  accountId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { accountId: null, label: 'system' };

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await writeAudits(db, [entry]);
}

/** Several entries in one statement (one round trip), in the given order. */
export async function writeAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit')
    .values(
      entries.map((entry) => ({
        id: newId(),
        at: entry.at.toISOString(),
        actor_account_id: entry.actor.accountId,
        actor_label: entry.actor.label,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
        after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      })),
    )
    .execute();
}
