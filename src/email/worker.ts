import type { Database } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Mailer } from './mailer.ts';
import { type AttachmentResolver, resolveAttachments } from './outbox.ts';
import * as q from './queries.ts';
import { afterFailure, describeError, messageIdFor, parseAttachments } from './rules.ts';

// Sends what the outbox holds. Any number of workers (one per app instance) may run against one database:
// a mail is claimed by exactly one of them for a lease, marked sent only after the SMTP server accepted it,
// and retried with back-off when it was not (rules.ts). Within a round the claimed mails go out in parallel,
// as many at once as the mailer has SMTP connections; urgent mails are claimed (and started) first.

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
  /** Pause between rounds when the last one found less than a full batch (server.ts: IDLE_POLL_MS). */
  intervalMs: number;
  /** Mails without a rendered attachment claimed per round. */
  batchSize?: number;
  /**
   * Mails whose attachment is made at send time (invoice PDFs, ~30 ms of CPU each) claimed per round on
   * top of the batch: a few per round, so a run of invoices neither waits behind the rest nor holds it up.
   */
  rendersPerRound?: number;
  /** Mails in flight at once; by default the mailer's (its SMTP pool size). */
  concurrency?: number;
  /** How long a claim holds; must comfortably exceed one delivery (mailer.ts caps those). */
  leaseMs?: number;
  /** Makes the attachments that are made at send time (invoice PDFs). */
  resolveAttachment?: AttachmentResolver;
}

export interface RoundResult {
  sent: number;
  failed: number;
}

/**
 * The pause when the outbox had nothing (more) to send. Short, so a sign-in mail written while the worker
 * idles leaves within about a second; the claim it costs is one indexed query. Busy workers do not pause.
 */
export const IDLE_POLL_MS = 1_000;

const DEFAULT_BATCH = 50;
const DEFAULT_RENDERS_PER_ROUND = 2;
const DEFAULT_LEASE_MS = 2 * 60_000;

export class OutboxWorker {
  private readonly batchSize: number;
  private readonly rendersPerRound: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** The last round claimed a full batch (or its share of rendering mails): more may be waiting. */
  private lastRoundFull = false;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.rendersPerRound = options.rendersPerRound ?? DEFAULT_RENDERS_PER_ROUND;
    this.concurrency = Math.max(1, options.concurrency ?? options.mailer.concurrency);
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

  /**
   * One round: claim the due mails (up to a batch, plus a few that render an attachment), send them with
   * `concurrency` in flight, record each outcome as it comes.
   */
  async runOnce(): Promise<RoundResult> {
    const { database, clock } = this.options;
    const claimedAt = clock.now();
    const now = claimedAt.toISOString();
    const leaseUntil = new Date(claimedAt.getTime() + this.leaseMs).toISOString();
    // Past this point a new delivery might outlast the lease: what is left goes back for the next round.
    const startBefore = claimedAt.getTime() + this.leaseMs / 2;
    const { db, dialect } = database;
    const light = await q.claimDue(db, dialect, now, leaseUntil, this.batchSize, { renders: false });
    const heavy = await q.claimDue(db, dialect, now, leaseUntil, this.rendersPerRound, { renders: true });
    const rows = [...light, ...heavy].sort(q.claimOrder);
    const result: RoundResult = { sent: 0, failed: 0 };
    let next = 0;
    const lane = async () => {
      while (next < rows.length && clock.now().getTime() <= startBefore) {
        const row = rows[next++] as q.OutboxRow;
        const outcome = await this.deliver(row, leaseUntil);
        if (outcome === 'sent') result.sent++;
        else if (outcome === 'failed') result.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
    await q.release(
      db,
      rows.slice(next).map((r) => r.id),
      leaseUntil,
    );
    this.lastRoundFull = light.length >= this.batchSize || heavy.length >= this.rendersPerRound;
    return result;
  }

  /** Sends one claimed mail and records the outcome; never throws. */
  private async deliver(row: q.OutboxRow, leaseUntil: string): Promise<'sent' | 'failed' | 'unrecorded'> {
    const { database, mailer, clock, from, logger } = this.options;
    try {
      await mailer.send({
        messageId: messageIdFor(row.id, from),
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
      const outcome = afterFailure(row.attempts, clock.now());
      const lastError = describeError(error);
      try {
        await q.markFailedAttempt(database.db, row.id, leaseUntil, {
          attempts: outcome.attempts,
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt.toISOString(),
          lastError,
        });
      } catch (recordError) {
        // The claim runs out and the mail is tried again: nothing is lost.
        logger?.error({ err: recordError, mailId: row.id }, 'could not record a failed attempt');
        return 'unrecorded';
      }
      const log = { mailId: row.id, kind: row.kind, attempts: outcome.attempts, error: lastError };
      if (outcome.status === 'failed') logger?.error(log, 'mail could not be sent; giving up');
      else logger?.warn(log, 'mail could not be sent; will retry');
      return 'failed';
    }
    try {
      const kept = await q.markSent(database.db, row.id, leaseUntil, clock.now().toISOString());
      if (!kept) logger?.warn({ mailId: row.id }, 'mail was sent after its claim ran out');
      else logger?.debug({ mailId: row.id, kind: row.kind }, 'mail sent');
    } catch (error) {
      // Sent but not marked: it goes out again, with the same Message-ID, once the claim runs out.
      logger?.error({ err: error, mailId: row.id }, 'mail was sent but could not be marked sent');
    }
    return 'sent';
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        await this.runOnce();
        busy = this.lastRoundFull;
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
