import { randomUUID } from 'node:crypto';

/** App-generated ids, the same on every dialect. */
export function newId(): string {
  return randomUUID();
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a path parameter has the shape of an id this app makes (checked before any query: else 404). */
export function isId(value: string): boolean {
  return ID.test(value);
}
