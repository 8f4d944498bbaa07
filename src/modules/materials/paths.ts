import type { Phase } from './table.ts';

// The materials pages' addresses (under the members' home of a series, /mit-hold/:slug).

export const holdHomePath = (slug: string) => `/mit-hold/${slug}`;
export const materialsBase = (slug: string) => `/mit-hold/${slug}/materialer`;
export const materialPath = (slug: string, id: string) => `${materialsBase(slug)}/${id}`;
export const materialFilePath = (slug: string, id: string) => `${materialPath(slug, id)}/fil`;

/** Where the add form opens, with a place and a phase chosen ("Tilføj materiale" links). */
export function addMaterialPath(
  slug: string,
  place?: { sessionId: string | null; phase?: Phase; kind?: string },
): string {
  const base = `${materialsBase(slug)}/ny`;
  if (!place) return base;
  const params = new URLSearchParams();
  params.set('session', place.sessionId ?? 'serie');
  if (place.phase) params.set('fase', place.phase === 'before' ? 'foer' : 'efter');
  if (place.kind) params.set('type', place.kind);
  return `${base}?${params.toString()}`;
}
