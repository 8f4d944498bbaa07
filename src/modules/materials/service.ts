// The materials module's door. CONTRACT — the materials helper builds the module (see /work/I10.md).
export type { MaterialKind, Phase } from './table.ts';
export { MATERIAL_KINDS, PHASES } from './table.ts';
