import type { MaterialFields } from '../src/modules/materials/service.ts';

// Builders for the materials module's tests.

/** A note for the whole series, before the sessions, with every other field empty; override any field. */
export function materialFields(over: Partial<MaterialFields> = {}): MaterialFields {
  return {
    kind: 'note',
    title: 'Rutetest',
    description: '',
    sessionId: null,
    phase: 'before',
    url: null,
    authors: '',
    year: null,
    publisher: '',
    identifier: '',
    bodyMd: 'Tekst',
    ...over,
  };
}
