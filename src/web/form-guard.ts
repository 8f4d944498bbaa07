import type { FastifyInstance, FastifyRequest } from 'fastify';

// A NUL byte has no business in any form field: PostgreSQL cannot store it in text, and echoing it back
// is asking for trouble. Every posted form passes through here once its body is parsed: the fields that
// carry one are noted on the request. Each form's parser refuses those fields (refuseNul), so nothing is
// stored, and the shared form controls (form.tsx) show, next to the field and in the error summary, a
// message that names the field, with the typed value shown again without the NUL.

declare module 'fastify' {
  interface FastifyRequest {
    /** Posted fields that contain a NUL byte (set before validation; null when none). */
    nulFields: readonly string[] | null;
  }
}

const NUL = '\u0000';

function carriesNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(carriesNul);
  return false;
}

/** The top-level fields of a parsed form body whose value (or any repeated value) holds a NUL. */
export function fieldsWithNul(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([name, value]) => carriesNul(value) || name.includes(NUL))
    .map(([name]) => name.replaceAll(NUL, ''));
}

/** The fields of this request that carry a NUL (empty for most requests). */
export function nulFields(request: Pick<FastifyRequest, 'nulFields'>): readonly string[] {
  return request.nulFields ?? [];
}

/**
 * For a form's parser: adds `message` for each of `fields` that carries a NUL and has no error yet, so the
 * form is refused and shown again. The view replaces the text with the named message (form.tsx).
 */
export function refuseNul<F extends string>(
  body: unknown,
  fields: readonly F[],
  errors: Partial<Record<F, string>>,
  message: string,
): void {
  const bad = new Set(fieldsWithNul(body));
  for (const field of fields) {
    if (bad.has(field)) errors[field] ??= message;
  }
}

/** The value without NUL bytes, to show a refused field again. */
export function withoutNul(value: string): string {
  return value.replaceAll(NUL, '');
}

export function registerFormGuard(app: FastifyInstance): void {
  app.decorateRequest('nulFields', null);
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== undefined && request.body !== null) {
      const found = fieldsWithNul(request.body);
      if (found.length > 0) request.nulFields = found;
    }
    done();
  });
}
