import type { Database } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Mailer } from './mailer.ts';
import { type AttachmentResolver, resolveAttachments } from './outbox.ts';
import * as q from './queries.ts';
import { afterFailure, describeError, parseAttachments } from './rules.ts';

// Sends what the outbox holds. Any number of workers (one per app instance) may run against one database:
// a mail is claimed by exactly one of them for a lease, marked sent only after the SMTP server accepted it,
// and retried with back-off when it was not (rules.ts).

/** The few logger methods the worker uses; Fastify's (pino) logger fits. */
export interface WorkerLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  database: Database;
  mailer: Mailer;
  clock: Clock;
  /** The From header of every mail (MAIL_FROM). */
  from: string;
  logger?: WorkerLogger;
  /** Pause between rounds when the last one found less than a full batch. */
  intervalMs: number;
  /** Mails claimed per round. */
  batchSize?: number;
  /** How long a claim holds; must comfortably exceed one delivery (mailer.ts caps those). */
  leaseMs?: number;
  /** Makes the attachments that are made at send time (invoice PDFs). */
  resolveAttachment?: AttachmentResolver;
}

export interface RoundResult {
  sent: number;
  failed: number;
}

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 2 * 60_000;

export class OutboxWorker {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the loop; resolves once the round in progress has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** One round: claim the due mails, send each, record the outcome. */
  async runOnce(): Promise<RoundResult> {
    const { database, mailer, clock, from, logger } = this.options;
    const claimedAt = clock.now();
    const leaseUntil = new Date(claimedAt.getTime() + this.leaseMs).toISOString();
    // Past this point a new delivery might outlast the lease: what is left goes back for the next round.
    const startBefore = claimedAt.getTime() + this.leaseMs / 2;
    const rows = await q.claimDue(
      database.db,
      database.dialect,
      claimedAt.toISOString(),
      leaseUntil,
      this.batchSize,
    );
    const result: RoundResult = { sent: 0, failed: 0 };
    for (const [index, row] of rows.entries()) {
      if (clock.now().getTime() > startBefore) {
        await q.release(
          database.db,
          rows.slice(index).map((r) => r.id),
          leaseUntil,
        );
        break;
      }
      try {
        await mailer.send({
          from,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          attachments: await resolveAttachments(
            parseAttachments(row.attachments),
            this.options.resolveAttachment,
          ),
        });
      } catch (error) {
        const now = clock.now();
        const outcome = afterFailure(row.attempts, now);
        const lastError = describeError(error);
        await q.markFailedAttempt(database.db, row.id, leaseUntil, {
          attempts: outcome.attempts,
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt.toISOString(),
          lastError,
        });
        result.failed++;
        const log = { mailId: row.id, kind: row.kind, attempts: outcome.attempts, error: lastError };
        if (outcome.status === 'failed') logger?.error(log, 'mail could not be sent; giving up');
        else logger?.warn(log, 'mail could not be sent; will retry');
        continue;
      }
      const kept = await q.markSent(database.db, row.id, leaseUntil, clock.now().toISOString());
      result.sent++;
      if (!kept) logger?.warn({ mailId: row.id }, 'mail was sent after its claim ran out');
      else logger?.debug({ mailId: row.id, kind: row.kind }, 'mail sent');
    }
    return result;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        const { sent, failed } = await this.runOnce();
        busy = sent + failed >= this.batchSize;
      } catch (error) {
        this.options.logger?.error({ err: error }, 'outbox round failed');
      }
      // A full batch means more may be waiting: go again at once.
      if (this.running && !busy) await this.pause(this.options.intervalMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wake = done;
    });
  }
}
