import { z } from 'zod';
import { refuseNul } from '../../web/form-guard.ts';

// The sign-in forms. Each issue's message is a catalogue key (`auth.error.*`) shown next to its field.

export type AuthErrorKey =
  | 'auth.error.emailRequired'
  | 'auth.error.email'
  | 'auth.error.code'
  | 'auth.error.wrongCode';

const email = z
  .string({ error: 'auth.error.emailRequired' })
  .transform((v) => v.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { error: 'auth.error.emailRequired' })
      .max(254, { error: 'auth.error.email' })
      .pipe(z.email({ error: 'auth.error.email' })),
  );

/** People copy codes with spaces ("123 456"); those are not part of it. */
const code = z
  .string({ error: 'auth.error.code' })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/, { error: 'auth.error.code' }));

export const emailForm = z.object({ email });
export const codeForm = z.object({ email, code });

export type FormValues = { email?: string; code?: string; next?: string };
export type FieldErrors = Partial<Record<'email' | 'code', AuthErrorKey>>;

/** The form's own fields, each as one string, to parse and to show again as typed. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const field of ['email', 'code', 'next'] as const) {
    const raw = (body as Record<string, unknown>)[field];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (typeof first === 'string') values[field] = first.slice(0, 1000);
  }
  return values;
}

const KEYS = new Set<string>(['auth.error.emailRequired', 'auth.error.email', 'auth.error.code']);

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<T extends z.ZodType>(schema: T, values: FormValues): Parsed<z.output<T>> {
  const result = schema.safeParse(values);
  const errors: FieldErrors = {};
  // A NUL byte is refused in any field (the page names the field: src/web/form-guard.ts).
  const own = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  for (const field of ['email', 'code'] as const) {
    if (own.includes(field)) refuseNul(values, [field], errors, `auth.error.${field}`);
  }
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  if (result.success) return { ok: false, errors };
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field !== 'email' && field !== 'code') continue;
    errors[field] ??= (KEYS.has(issue.message) ? issue.message : `auth.error.${field}`) as AuthErrorKey;
  }
  return { ok: false, errors };
}
