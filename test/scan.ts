import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { parseRegistration } from '../src/modules/registration/schemas.ts';
import type { RegistrationDeps } from '../src/modules/registration/service.ts';
import { type ConfirmedOutcome, registerConfirmed, validForm } from './registration.ts';

// Where does a piece of data sit? Plant a unique text, run the app, then look in every column of every table
// of the database — not only where the code means to keep it.

/**
 * A unique text to plant: ASCII letters, digits and dashes only, so HTML, URL and quoted-printable encodings
 * leave it as it is and a scan for it (and its base64 forms) finds every copy.
 */
export function plantedText(label = 'PLANTET-kost'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

export interface Occurrence {
  table: string;
  column: string;
  /** The row's `id` (or first column) and where in the value the text was found. */
  row: string;
  /** `text` as is, or `base64` when it sits in base64 (an attachment, say). */
  form: 'text' | 'base64';
}

/** Every table of the database, as the engine lists it (the migrator's own included). */
export async function listTables(database: Database): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
    `.execute(database.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name
  `.execute(database.db);
  return rows.map((r) => r.name);
}

/**
 * The base64 texts that any base64 of a larger text containing `needle` must contain: one for each of the
 * three alignments, without the characters that depend on the bytes around it.
 */
export function base64Forms(needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  const forms: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = pad === 0 ? 0 : 4;
    const whole = Math.floor((pad + bytes.length) / 3) * 4;
    const form = encoded.slice(start, whole);
    if (form.length >= 8) forms.push(form);
  }
  return forms;
}

/** A value as text, whatever its column type (pg hands json back parsed, bytea as a Buffer). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Every place in the database where `needle` (a text, or a pattern without the g flag) occurs: every column of every row of every table (not only
 * the text and json ones — SQLite stores text in any column), as text or in base64. `skip` leaves tables out
 * (say why where you use it).
 */
export async function scanDatabase(
  database: Database,
  needle: string | RegExp,
  options: { skip?: readonly string[] } = {},
): Promise<Occurrence[]> {
  // A pattern (a six-digit code between non-digits, say) is looked for as text only.
  const base64 = typeof needle === 'string' ? base64Forms(needle) : [];
  const has = (text: string) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text));
  const found: Occurrence[] = [];
  for (const table of await listTables(database)) {
    if (options.skip?.includes(table)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      database.db,
    );
    for (const row of rows) {
      const key = String(row.id ?? Object.values(row)[0] ?? '?');
      for (const [column, value] of Object.entries(row)) {
        const text = asText(value);
        if (text === null) continue;
        if (has(text)) found.push({ table, column, row: key, form: 'text' });
        else if (base64.some((b) => text.includes(b)))
          found.push({ table, column, row: key, form: 'base64' });
      }
    }
  }
  return found;
}

/** Tables and columns that hold the text, each once, sorted: `attendee.dietary_needs`. */
export function placesOf(occurrences: readonly Occurrence[]): string[] {
  return [...new Set(occurrences.map((o) => `${o.table}.${o.column}`))].sort();
}

/**
 * Registers `count` people (numbers from `first`) with `dietary(n)` as their dietary needs, through the
 * registration service, and returns the outcomes. The one place the planting tests register people: when
 * registration gains a step (confirming the email, say), this is what changes.
 */
export async function registerWithDietaryNeeds(
  deps: RegistrationDeps,
  slug: string,
  dietary: (n: number) => string,
  count: number,
  first = 1,
): Promise<ConfirmedOutcome[]> {
  const outcomes: ConfirmedOutcome[] = [];
  for (let n = first; n < first + count; n++) {
    const parsed = parseRegistration(validForm(n, { dietary_needs: dietary(n) }));
    if (!parsed.ok) throw new Error(`form ${n} does not validate: ${JSON.stringify(parsed)}`);
    // Registered and confirmed from the mail, as the person would.
    const outcome = await registerConfirmed(deps, slug, parsed.form, 'da');
    if (!outcome) throw new Error(`no public series ${slug}`);
    outcomes.push(outcome);
  }
  return outcomes;
}
