import type { Insertable } from 'kysely';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { codeHash, newCode, newSecret, sha256 } from '../../shared/secrets.ts';
import type { ConfirmationRecipient, RegistrationConfirmationTable } from './table.ts';

// The secrets a confirmation mail carries: a link token and a 6-digit code, kept only as hashes.

/** The page behind the link shows a button: mail scanners open links, and opening must spend nothing. */
export const CONFIRM_PATH = '/tilmelding/bekraeft';

export function newConfirmation(
  registrationId: string,
  recipient: ConfirmationRecipient,
  email: string,
  expiresAt: string,
  at: string,
): { token: string; code: string; row: Insertable<RegistrationConfirmationTable> } {
  const id = newId();
  const token = newSecret();
  const code = newCode();
  return {
    token,
    code,
    row: {
      id,
      registration_id: registrationId,
      recipient,
      email: email.toLowerCase(),
      token_hash: sha256(token),
      code_hash: codeHash(id, code),
      code_attempts: 0,
      expires_at: expiresAt,
      used_at: null,
      created_at: at,
    },
  };
}

const langQuery = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');

export function confirmUrl(baseUrl: string, token: string, lang: Lang): string {
  return `${baseUrl}${CONFIRM_PATH}/${token}${langQuery(lang)}`;
}

export function codeUrl(baseUrl: string, lang: Lang): string {
  return `${baseUrl}${CONFIRM_PATH}${langQuery(lang)}`;
}

export function signInUrl(baseUrl: string, lang: Lang): string {
  return `${baseUrl}/log-ind?next=%2Fmin-side${lang === 'en' ? '&lang=en' : ''}`;
}
