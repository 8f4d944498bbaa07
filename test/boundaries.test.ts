import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  circles,
  cycleIn,
  type ImportEdge,
  importsOf,
  listSources,
  readSource,
  tableOwners,
  tablesNamed,
} from './import-graph.ts';

// The module boundaries, enforced (docs/ARCHITECTURE.md "Conventions in force", decision 0010). Pure: it reads
// src/ with TypeScript's parser and runs no code. Each violation is printed as `from -> to (rule)`:
//   door     a module imports another module's file other than its service.ts (type imports too: the types a
//            module shares are exported through its service.ts; not even `import type` from its table.ts)
//   layer    a shared layer (src/web, src/shared, src/db, src/email) imports a module
//   circle   modules that import each other, round any number of steps (type imports count: a design circle);
//            files whose run-time imports go round in a circle
//   table    a module's code names a table that another module owns (owners from each module's table.ts)
// The composition root (files directly in src/: app.ts, server.ts, boot.ts, cli.ts, deps.ts, config.ts) may
// import everything; tests (*.test.ts) may reach into any file to set up what they check.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['web', 'shared', 'db', 'email'];

interface Violation {
  from: string;
  to: string;
  rule: 'door' | 'layer' | 'circle' | 'table';
}

const line = (v: Violation) => `${v.from} -> ${v.to} (${v.rule})`;
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1] ?? null;
const layerOf = (file: string) => {
  const top = /^src\/([^/]+)\//.exec(file)?.[1];
  return top && LAYERS.includes(top) ? top : null;
};
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const isDoor = (file: string, module: string) => file === `src/modules/${module}/service.ts`;

const files = listSources(ROOT).map((f) => readSource(ROOT, f));
const edges: ImportEdge[] = files.flatMap(importsOf);
const sources = files.filter((f) => !isTest(f.path));

function doorAndLayerViolations(): Violation[] {
  const found: Violation[] = [];
  for (const e of edges) {
    if (isTest(e.from)) continue;
    const target = moduleOf(e.to);
    if (!target) continue;
    if (layerOf(e.from)) {
      // Kysely's one database type gathers every module's table type; the only shared-layer import of a module.
      const dbType = e.from === 'src/db/database.ts' && e.typeOnly && e.to.endsWith('/table.ts');
      if (!dbType) found.push({ from: e.from, to: e.to, rule: 'layer' });
      continue;
    }
    const source = moduleOf(e.from);
    if (source && source !== target && !isDoor(e.to, target))
      found.push({ from: e.from, to: e.to, rule: 'door' });
  }
  return found;
}

function circleViolations(): Violation[] {
  const found: Violation[] = [];
  const moduleEdges = new Map<string, Set<string>>();
  const fileEdges = new Map<string, Set<string>>();
  for (const e of edges) {
    if (isTest(e.from)) continue;
    const [a, b] = [moduleOf(e.from), moduleOf(e.to)];
    if (a && b && a !== b) moduleEdges.set(a, (moduleEdges.get(a) ?? new Set()).add(b));
    if (!e.typeOnly) fileEdges.set(e.from, (fileEdges.get(e.from) ?? new Set()).add(e.to));
  }
  for (const [nodes, graph] of [
    [[...moduleEdges.keys()], moduleEdges],
    [sources.map((f) => f.path), fileEdges],
  ] as const) {
    for (const component of circles(nodes, graph)) {
      const path = cycleIn(component, graph);
      found.push({ from: path[0] ?? '', to: path.slice(1).join(' -> '), rule: 'circle' });
    }
  }
  return found;
}

function tableViolations(): Violation[] {
  const owners = tableOwners(ROOT, files);
  const found: Violation[] = [];
  for (const f of sources) {
    const module = moduleOf(f.path);
    if (!module) continue;
    for (const table of tablesNamed(f)) {
      const owner = owners.get(table);
      if (owner && owner !== module) found.push({ from: f.path, to: `${owner}.${table}`, rule: 'table' });
    }
  }
  return found;
}

const violations = [...doorAndLayerViolations(), ...circleViolations(), ...tableViolations()];
const lines = [...new Set(violations.map(line))].sort();

describe('module boundaries', () => {
  it('reads the graph: every module, its door, and who owns which table', () => {
    const modules = new Set(files.map((f) => moduleOf(f.path)).filter((m) => m !== null));
    expect([...modules].sort()).toEqual([
      'admin',
      'auth',
      'dilemmas',
      'directory',
      'files',
      'invoicing',
      'limits',
      'materials',
      'members',
      'messages',
      'notifications',
      'people',
      'programme',
      'questions',
      'registration',
      'search',
      'series',
      'site',
    ]);
    const owners = tableOwners(ROOT, files);
    expect(owners.get('registration')).toBe('registration');
    expect(owners.get('organiser')).toBe('series');
    expect(owners.get('audit')).toBeNull(); // the shared audit log (src/shared/audit.ts)
    expect(owners.get('outbox')).toBeNull(); // the email layer's outbox
    // The parser sees type-only imports, re-exports and dynamic imports as such.
    const typeOnly = edges.find(
      (e) => e.from === 'src/db/database.ts' && e.to === 'src/modules/series/table.ts',
    );
    expect(typeOnly?.typeOnly).toBe(true);
    expect(
      edges.some(
        (e) => e.from === 'src/modules/series/service.ts' && e.to === 'src/modules/series/views/parts.tsx',
      ),
    ).toBe(true);
  });

  it('finds the tables named in Kysely calls and in raw sql templates', () => {
    const lock = files.find((f) => f.path === 'src/db/lock.ts');
    expect(lock && tablesNamed(lock)).toEqual(['series']);
    const registrationQueries = files.find((f) => f.path === 'src/modules/registration/queries.ts');
    expect(registrationQueries && tablesNamed(registrationQueries)).toContain('registration_confirmation');
  });

  it('finds circles of any length, and only circles', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
      ['e', new Set(['e'])],
    ]);
    const found = circles(['a', 'b', 'c', 'd', 'e'], graph);
    expect(found).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycleIn(found[0] ?? [], graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(circles(['a', 'd'], new Map([['a', new Set(['d'])]]))).toEqual([]);
  });

  it('no import goes round a door, no shared layer imports a module, no circle, no foreign table', () => {
    expect(lines, `boundary violations:\n${lines.join('\n')}`).toEqual([]);
  });
});
