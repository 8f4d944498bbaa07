import { randomUUID } from 'node:crypto';

/** App-generated ids, the same on every dialect. */
export function newId(): string {
  return randomUUID();
}
