import { createApp } from './app.ts';
import { prepareDatabase } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createMailer } from './email/mailer.ts';
import { startBodyRetentionJob } from './email/retention.ts';
import { IDLE_POLL_MS, OutboxWorker } from './email/worker.ts';
import { LOGIN_TOKEN_MINUTES } from './modules/auth/rules.ts';
import {
  createOrganiser,
  DEMO_ORGANISER,
  issueSignIn,
  signInLink,
  startSessionCleanup,
} from './modules/auth/service.ts';
import { extractPendingText } from './modules/files/service.ts';
import { invoiceAttachmentResolver } from './modules/invoicing/attachments.ts';
import { startCounterCleanup } from './modules/limits/service.ts';
import { onFileText } from './modules/materials/service.ts';
import { queueDigests } from './modules/notifications/service.ts';
import { demoPeopleAccounts } from './modules/people/demo.ts';
import { startOfferExpiryJob } from './modules/registration/jobs.ts';
import { registrationDeps } from './modules/registration/service.ts';
import { systemClock } from './shared/clock.ts';
import { every } from './shared/periodic.ts';

/** How often the text-extraction job looks for an uploaded file whose text search has not read yet. */
const TEXT_EXTRACTION_MS = 3000;
/** How often the digest job looks for people whose daily notification digest is due (from DIGEST_HOUR). */
const DIGEST_MS = 60_000;

// loadConfig → open database → migrate (+ demo seed) → createApp → listen → outbox worker, offer job and
// mail-body retention job.

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { database, seeded } = await prepareDatabase(config, systemClock);
  const mailer = createMailer(config);
  const app = await createApp({
    config,
    database,
    clock: systemClock,
    mailer,
    logger: {
      level: config.logLevel,
      ...(config.nodeEnv === 'production' ? {} : { transport: undefined }),
    },
  });
  if (seeded) app.log.info('seeded the demo masterclass into an empty database');
  // A fresh demo gets an organiser account, and the console a one-time way in for it.
  const demoSignIn = seeded
    ? await createOrganiser(database.db, { ...DEMO_ORGANISER, actorLabel: 'demo' }, systemClock.now())
    : null;
  // …and one for each demo expert and the facilitator, so every role can be tried.
  const demoPeople = seeded
    ? await Promise.all(
        demoPeopleAccounts().map(async (p) => ({
          ...p,
          issued: await issueSignIn(database.db, p.email, systemClock.now()),
        })),
      )
    : [];

  const worker = new OutboxWorker({
    database,
    mailer,
    clock: systemClock,
    from: config.mailFrom,
    logger: app.log,
    intervalMs: IDLE_POLL_MS,
    resolveAttachment: invoiceAttachmentResolver(database),
  });

  // Lapsed seat offers pass to the next in line even when nobody visits a page.
  const offerJob = startOfferExpiryJob(registrationDeps({ config, database, clock: systemClock }), {
    onError: (error) => app.log.error({ err: error }, 'settling seat offers failed'),
  });

  // Sent mails' content (sign-in links, codes, personal data) is erased after MAIL_BODY_RETENTION_DAYS.
  const retentionJob = startBodyRetentionJob({
    database,
    clock: systemClock,
    days: config.mailBodyRetentionDays,
    onErased: (count) =>
      app.log.info({ count, days: config.mailBodyRetentionDays }, 'erased the content of old mails'),
    onError: (error) => app.log.error({ err: error }, 'erasing old mail content failed'),
  });

  // Ended rate-limit windows and ended (expired or idle) sessions are deleted, so neither table only grows.
  const counterJob = startCounterCleanup(database.db, systemClock, {
    onError: (error) => app.log.error({ err: error }, 'deleting old rate-limit counters failed'),
  });
  const sessionJob = startSessionCleanup(database.db, systemClock, config.sessionIdleDays, {
    onError: (error) => app.log.error({ err: error }, 'deleting ended sessions failed'),
  });

  // The text inside uploaded PDFs and Word files, for search: one file per round, in a worker thread with
  // limits (files module), recorded with the materials' search entries in one transaction (onFileText).
  // Every instance may run it: a file is claimed (locked for a while) before it is read.
  let stopping = false;
  const textJob = every(
    TEXT_EXTRACTION_MS,
    async () => {
      // A round that finished a file looks again at once, so a batch of uploads does not wait 3 s each.
      while ((await extractPendingText(database.db, () => systemClock.now(), onFileText)) > 0) {
        if (stopping) break;
      }
    },
    (error) => app.log.error({ err: error }, 'extracting the text of uploaded files failed'),
  );

  // The daily notification digest, from DIGEST_HOUR (Copenhagen): every instance may run it; each person's
  // digest of a day is claimed once (notifications module), so several instances send it once.
  const digestJob = every(
    DIGEST_MS,
    () => queueDigests(database.db, systemClock.now(), { digestHour: config.digestHour }),
    (error) => app.log.error({ err: error }, 'queueing notification digests failed'),
    { immediately: true },
  );

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopping = true;
    await textJob.stop();
    await digestJob.stop();
    await counterJob.stop();
    await sessionJob.stop();
    await offerJob.stop();
    await retentionJob.stop();
    await worker.stop();
    mailer.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.nodeEnv === 'production' && mailer.kind === 'memory') {
    // Sending into memory would mark every mail sent and lose it: they wait in the outbox instead.
    app.log.warn('SMTP_URL is not set: mails stay in the outbox until it is');
  } else {
    worker.start();
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.baseUrl.replace(`:${config.port}`, `:${port}`);
  console.log(`Holdet is running at ${url} (database: ${database.dialect})`);
  if (demoSignIn?.ok) {
    console.log(
      `Sign in as the demo organiser: ${signInLink(url, demoSignIn.token)} (code ${demoSignIn.code}; ` +
        `expires in ${LOGIN_TOKEN_MINUTES} minutes, works once; ` +
        `\`npm run cli -- create-organiser --email ${DEMO_ORGANISER.email}\` gives a new one). ` +
        'The first sign-in sets up the second factor: have an authenticator app ready.',
    );
  }
  for (const p of demoPeople) {
    console.log(
      `Sign in as ${p.name} (${p.email}; ${p.roles}): ${signInLink(url, p.issued.token)} (code ${p.issued.code}; ` +
        `expires in ${LOGIN_TOKEN_MINUTES} minutes; later, sign in at ${url}/log-ind with the address)`,
    );
  }
}

main().catch((error) => {
  console.error('Holdet could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
