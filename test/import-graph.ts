import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The import graph of src/, read with TypeScript's own parser (so comments, strings and template text are
// never mistaken for imports), for the boundary rules in test/boundaries.test.ts.

export interface ImportEdge {
  /** Importing file, relative to the project (`src/modules/series/queries.ts`). */
  from: string;
  /** Imported file, relative to the project; only local (`./`, `../`) specifiers are followed. */
  to: string;
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at run time. */
  typeOnly: boolean;
}

export interface SourceFile {
  path: string;
  text: string;
  ast: ts.SourceFile;
}

const SOURCE = /\.tsx?$/;

export function listSources(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

export function readSource(root: string, file: string): SourceFile {
  const text = readFileSync(path.join(root, file), 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return { path: file, text, ast: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind) };
}

function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x.ts'` runs the file
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return false;
  return clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Every local import of a file: static imports, re-exports and `import('…')` calls. */
export function importsOf(file: SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const to = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
    edges.push({ from: file.path, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, importIsTypeOnly(node));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, exportIsTypeOnly(node));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return edges;
}

const QUERY_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'using',
]);

const RAW_TABLE = /\b(?:from|join|update|into)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * The tables a file's SQL names: Kysely calls (`selectFrom('registration as r')` → `registration`) and the text
 * of raw `sql` templates (`select id from series …` → `series`).
 */
export function tablesNamed(file: SourceFile): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file.ast) === 'sql') {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t.text]
        : [t.head.text, ...t.templateSpans.map((span) => span.literal.text)];
      for (const part of parts)
        for (const m of part.matchAll(RAW_TABLE)) if (m[1]) names.add(m[1].toLowerCase());
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      QUERY_METHODS.has(node.expression.name.text)
    ) {
      for (const arg of node.arguments) {
        const literals = ts.isArrayLiteralExpression(arg) ? arg.elements : [arg];
        for (const lit of literals) {
          if (ts.isStringLiteralLike(lit)) names.add((lit.text.split(/\s+as\s+/i)[0] ?? '').trim());
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return [...names].filter((n) => /^[a-z_][a-z0-9_]*$/.test(n)).sort();
}

/**
 * Which module owns each table: the members of `interface DB` in src/db/database.ts name a table type, and the
 * module whose table.ts exports that type owns the table. Tables typed outside src/modules (audit: the shared
 * audit log; outbox: the email layer) have owner null — shared infrastructure.
 */
export function tableOwners(root: string, files: readonly SourceFile[]): Map<string, string | null> {
  const exportedBy = new Map<string, string>();
  for (const f of files) {
    const m = /^src\/modules\/([^/]+)\/table\.ts$/.exec(f.path);
    if (!m?.[1]) continue;
    for (const st of f.ast.statements) {
      const exported =
        ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((x) => x.kind === ts.SyntaxKind.ExportKeyword);
      if (exported && (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)))
        exportedBy.set(st.name.text, m[1]);
    }
  }
  const database = readSource(root, 'src/db/database.ts');
  const owners = new Map<string, string | null>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'DB') {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
        const table = member.name.getText(database.ast).replace(/['"]/g, '');
        owners.set(table, exportedBy.get(member.type.typeName.getText(database.ast)) ?? null);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(database.ast);
  return owners;
}

/** Strongly connected components with more than one node (or a self-loop): the import circles. */
export function circles(
  nodes: readonly string[],
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!indices.has(v)) connect(v);
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** One concrete circle inside a component, as a path that starts and ends at its first node. */
export function cycleIn(
  component: readonly string[],
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const members = new Set(component);
  const start = component[0] ?? '';
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() ?? '';
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const back: string[] = [];
        for (let at: string | undefined = v; at !== undefined && at !== start; at = previous.get(at))
          back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!previous.has(w) && w !== start) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}
