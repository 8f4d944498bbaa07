import type { Executor } from '../../db/database.ts';
import * as q from './queries.ts';

// The member directory's consent (issue 11) is the one a participant gives on the registration form
// (`attendee.directory_consent`). The directory module reads and changes it only through these functions;
// the person's "what I work on" text is the directory module's own.

/** A participant listed in a series' directory: who they are as they registered. */
export interface DirectoryAttendee {
  accountId: string;
  name: string;
  jobTitle: string;
  organisation: string;
}

/** Every confirmed participant of the series (with an account) who consents to the directory, by name. */
export async function directoryAttendees(db: Executor, seriesId: string): Promise<DirectoryAttendee[]> {
  const rows = await q.directoryAttendeeRows(db, seriesId);
  return rows.map((r) => ({
    accountId: r.accountId ?? '',
    name: r.name,
    jobTitle: r.jobTitle,
    organisation: r.organisation,
  }));
}

/** Per series the account is a confirmed participant of: whether they consent to its directory. */
export interface DirectoryConsent {
  seriesId: string;
  consent: boolean;
}

export async function directoryConsentsOf(db: Executor, accountId: string): Promise<DirectoryConsent[]> {
  const rows = await q.directoryConsentRows(db, accountId);
  return rows.map((r) => ({ seriesId: r.seriesId, consent: r.consent === 1 }));
}

/**
 * Gives or withdraws the consent on the account's confirmed registration of the series, in the caller's
 * transaction (the directory module audits it). Null: no confirmed registration there; otherwise the consent
 * before the change.
 */
export async function setDirectoryConsent(
  tx: Executor,
  input: { accountId: string; seriesId: string; consent: boolean },
  now: Date,
): Promise<{ before: boolean } | null> {
  const rows = await q.directoryConsentRows(tx, input.accountId);
  const row = rows.find((r) => r.seriesId === input.seriesId);
  if (!row) return null;
  const before = row.consent === 1;
  if (before !== input.consent) {
    await q.setAttendeeDirectoryConsent(tx, row.attendeeId, input.consent, now.toISOString());
  }
  return { before };
}
