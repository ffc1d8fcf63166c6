/**
 * The module graph of src/ (issue 14, item 4): stages meet only through each other's index.ts and
 * the shared modules, nothing below a surface imports a surface, no two stages import each other
 * (directly or round a longer cycle), and each heavy dependency has one import site.
 *
 * Layers, from DESIGN.md's pipeline:
 * - shared: model (the data model), text (tokens, phrase patterns, clause markers, the compromise
 *   adapter), rules (loading and validating rule files), version.ts. They import only each other.
 * - stages: ingest, segment, extract, classify, evidence, contract, align, assess, report.
 * - the pipeline: src/analyze.ts (runs the stages) and src/rules/compile.ts (compiles every
 *   stage's rules once; CompiledRules is the aggregate of the stages' slices).
 * - services around the pipeline: storage, jobs, learn, eval, pool.
 * - surfaces: cli, api (and web/, which src/ never imports).
 * A stage imports neither the pipeline, a service nor a surface; a service imports no surface.
 * Across modules, a stage or service is reached through its index.ts; surfaces and the rules
 * compiler may reach into any stage (they are where the parts are put together).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SRC = join(ROOT, 'src');

const SHARED = ['model', 'text', 'rules', 'version'] as const;
const STAGES = ['ingest', 'segment', 'extract', 'classify', 'evidence', 'contract', 'align', 'assess', 'report'] as const;
const PIPELINE = ['pipeline', 'rules-compiler'] as const;
const SERVICES = ['storage', 'jobs', 'learn', 'eval', 'pool'] as const;
const SURFACES = ['cli', 'api'] as const;
type Layer = 'shared' | 'stage' | 'pipeline' | 'service' | 'surface';

/**
 * Heavy dependencies and their one import site (STYLE.md: one import site per heavy dependency, so
 * it can be swapped or isolated). A package matches its name and its subpaths ("hono/body-limit").
 * A site ending in "/" is a module: Hono and its OpenAPI layer are the HTTP surface's own language
 * (route definitions and handlers in every route module of src/api), so the whole of src/api is
 * their one site and nothing outside it may import them.
 */
const HEAVY: Record<string, string> = {
  compromise: 'src/text/compromise.ts',
  'pdfjs-dist': 'src/ingest/pdfjs.mjs',
  mammoth: 'src/ingest/docx.ts',
  parse5: 'src/ingest/html-table.ts',
  'better-sqlite3': 'src/storage/sqlite.ts',
  pg: 'src/storage/postgres.ts',
  'pg-boss': 'src/jobs/pg-queue.ts',
  unified: 'src/ingest/markdown-parser.mjs',
  'remark-parse': 'src/ingest/markdown-parser.mjs',
  'remark-gfm': 'src/ingest/markdown-parser.mjs',
  'remark-frontmatter': 'src/ingest/markdown-parser.mjs',
  yaml: 'src/text/yaml.ts',
  zod: 'src/rules/zod.ts',
  hono: 'src/api/',
  '@hono/zod-openapi': 'src/api/',
  '@hono/node-server': 'src/api/server.ts',
};

/** True when `file` is the import site `site` names (a file, or any file under a module folder). */
function atSite(file: string, site: string): boolean {
  return site.endsWith('/') ? file.startsWith(site) : file === site;
}

/**
 * Imports the rules below would refuse, each for a stated reason (not for convenience: fix the code
 * instead). An entry no import needs any more fails the test, so the list cannot go stale.
 */
const ALLOWED: ReadonlyArray<{ from: string; to: string; why: string }> = [
  {
    from: 'src/report/view.ts',
    to: 'web/view-model.js',
    why: 'the one report view model (issue 14 item 5) is plain JavaScript that the browser loads as it is from web/ (no build step for the page); the exports read the same file rather than a copy',
  },
  {
    from: 'src/pool/analyze-worker.js',
    to: 'src/rules/compile.ts',
    why: 'a worker thread cannot receive compiled rules (RegExps and compromise nets do not cross postMessage), so each pool worker compiles the rule set it is sent, once, at start',
  },
];

/** One import of a module by a file. */
export interface ImportEdge {
  from: string;
  /** A repo-relative path for a relative import, else the package specifier. */
  to: string;
  typeOnly: boolean;
  line: number;
}

/** The module a src/ file belongs to: its top folder, "pipeline" for src/analyze.ts, "rules-compiler" for src/rules/compile.ts. */
export function moduleOf(path: string): string {
  if (path === 'src/analyze.ts') return 'pipeline';
  if (path === 'src/version.ts') return 'version';
  if (path === 'src/rules/compile.ts') return 'rules-compiler';
  return path.split('/')[1]!;
}

function layerOf(module: string): Layer | undefined {
  if ((SHARED as readonly string[]).includes(module)) return 'shared';
  if ((STAGES as readonly string[]).includes(module)) return 'stage';
  if ((PIPELINE as readonly string[]).includes(module)) return 'pipeline';
  if ((SERVICES as readonly string[]).includes(module)) return 'service';
  if ((SURFACES as readonly string[]).includes(module)) return 'surface';
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(name) && !/\.d\.m?ts$/.test(name) ? [p] : [];
  });
}

const repoPath = (abs: string): string => relative(ROOT, abs).split(sep).join('/');

/** Every import, re-export, dynamic import() and require.resolve() of a source text (TypeScript's parser). */
export function importsOf(path: string, text: string): ImportEdge[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.m?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean, node: ts.Node): void => {
    const to = spec.startsWith('.') ? repoPath(resolve(dirname(join(ROOT, path)), spec)) : spec;
    out.push({ from: path, to, typeOnly, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, node);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isResolve = ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve' && ts.isIdentifier(callee.expression) && callee.expression.text === 'require';
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isResolve || isRequire) add((node.arguments[0] as ts.StringLiteral).text, false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A rule broken by one import, in words. */
export function violationOf(e: ImportEdge): string | undefined {
  if (ALLOWED.some((x) => x.from === e.from && x.to === e.to)) return undefined;
  const where = `${e.from}:${e.line} imports ${e.to}`;
  if (!e.to.startsWith('src/')) {
    if (e.to.startsWith('web/') || e.to.startsWith('test/')) return `${where}: src/ never imports web/ or test/`;
    if (e.to.startsWith('node:') || e.to.startsWith('bin/')) return undefined;
    const pkg = e.to.startsWith('@') ? e.to.split('/').slice(0, 2).join('/') : e.to.split('/')[0]!;
    const site = HEAVY[pkg];
    if (site && !atSite(e.from, site)) return `${where}: ${pkg} is a heavy dependency with one import site, ${site}`;
    return undefined;
  }
  const a = moduleOf(e.from);
  const b = moduleOf(e.to);
  if (a === b) return undefined;
  const la = layerOf(a);
  const lb = layerOf(b);
  if (!la) return `${e.from}: module "${a}" is in no layer (add it to test/architecture.test.ts)`;
  if (!lb) return `${where}: module "${b}" is in no layer (add it to test/architecture.test.ts)`;
  if (la === 'shared' && lb !== 'shared') return `${where}: a shared module (${a}) imports only shared modules (model, text, rules), not the ${lb} ${b}`;
  if (lb === 'surface' && !(a === 'cli' && b === 'api')) return `${where}: ${a} imports the surface ${b} (only the CLI may start the API: warrant serve, warrant worker)`;
  if (la === 'stage' && (lb === 'service' || lb === 'pipeline') && !(b === 'rules-compiler' && e.typeOnly)) {
    return `${where}: the stage ${a} imports the ${lb} ${b}${b === 'rules-compiler' ? ' (a stage may name the CompiledRules type, import type, never run the compiler)' : ''}`;
  }
  if (la === 'service' && b === 'rules-compiler' && !e.typeOnly) {
    return `${where}: ${a} runs the rules compiler; it receives CompiledRules from its caller`;
  }
  if ((lb === 'stage' || lb === 'service') && la !== 'surface' && a !== 'rules-compiler' && e.to !== `src/${b}/index.ts`) {
    return `${where}: ${a} reaches into ${b}'s internals; import src/${b}/index.ts (or move a shared helper to model/, text/ or rules/)`;
  }
  return undefined;
}

/** Cycles between modules (stages, services, the pipeline): each as "a → b → a". Type-only imports of the rules compiler are not edges (CompiledRules aggregates every stage's slice). */
export function moduleCycles(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!e.to.startsWith('src/')) continue;
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (a === b || (b === 'rules-compiler' && e.typeOnly)) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  const cycles = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const walk = (n: string): void => {
    stack.push(n);
    onStack.add(n);
    for (const m of graph.get(n) ?? []) {
      if (onStack.has(m)) {
        const loop = stack.slice(stack.indexOf(m));
        const start = loop.indexOf([...loop].sort()[0]!);
        const canon = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...canon, canon[0]].join(' → '));
      } else if (!done.has(m)) walk(m);
    }
    stack.pop();
    onStack.delete(n);
    done.add(n);
  };
  for (const n of [...graph.keys()].sort()) if (!done.has(n)) walk(n);
  return [...cycles].sort();
}

const FILES = sourceFiles(SRC).map(repoPath).sort();
const EDGES = FILES.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));

describe('architecture: the module graph of src/', () => {
  it('reads the imports of every source file', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(EDGES.length).toBeGreaterThan(FILES.length);
    expect(EDGES.some((e) => e.from === 'src/analyze.ts' && e.to === 'src/ingest/index.ts')).toBe(true);
  });

  it('puts every module of src/ in a layer', () => {
    expect([...new Set(FILES.map(moduleOf))].filter((m) => !layerOf(m))).toEqual([]);
  });

  it('keeps stages apart: index.ts across modules, shared modules below, no surface imported', () => {
    expect(EDGES.map(violationOf).filter(Boolean)).toEqual([]);
  });

  it('needs every allowed exception it lists', () => {
    expect(ALLOWED.filter((x) => !EDGES.some((e) => e.from === x.from && e.to === x.to))).toEqual([]);
  });

  it('has no cycle between modules', () => {
    expect(moduleCycles(EDGES)).toEqual([]);
  });

  it('imports each heavy dependency from its one site, and that site exists', () => {
    for (const [pkg, site] of Object.entries(HEAVY)) {
      const sites = [...new Set(EDGES.filter((e) => e.to === pkg || e.to.startsWith(`${pkg}/`)).map((e) => e.from))];
      expect(sites.filter((s) => !atSite(s, site)), pkg).toEqual([]);
      expect(FILES.some((f) => atSite(f, site)), `${pkg}: ${site}`).toBe(true);
    }
  });
});

describe('architecture: the checks themselves', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly, line: 1 });

  it('flags a stage reaching into another stage, a surface, the pipeline, or a second heavy import site', () => {
    expect(violationOf(edge('src/contract/structure.ts', 'src/align/compare.ts'))).toMatch(/reaches into align's internals/);
    expect(violationOf(edge('src/contract/structure.ts', 'src/align/index.ts'))).toBeUndefined();
    expect(violationOf(edge('src/assess/index.ts', 'src/api/app.ts'))).toMatch(/imports the surface api/);
    expect(violationOf(edge('src/report/view.ts', 'src/analyze.ts'))).toMatch(/the stage report imports the pipeline/);
    expect(violationOf(edge('src/model/types.ts', 'src/assess/index.ts'))).toMatch(/shared module/);
    expect(violationOf(edge('src/classify/judge.ts', 'compromise'))).toMatch(/one import site, src\/text\/compromise.ts/);
    expect(violationOf(edge('src/classify/judge.ts', 'src/rules/compile.ts', true))).toBeUndefined();
    expect(violationOf(edge('src/classify/judge.ts', 'src/rules/compile.ts'))).toMatch(/never run the compiler/);
    expect(violationOf(edge('src/cli/commands/serve.ts', 'src/api/server.ts'))).toBeUndefined();
    expect(violationOf(edge('src/jobs/execute.ts', 'src/rules/compile.ts'))).toMatch(/runs the rules compiler/);
    expect(violationOf(edge('src/assess/index.ts', 'src/storage/index.ts'))).toMatch(/the stage assess imports the service storage/);
    expect(violationOf(edge('src/jobs/pg-queue.ts', 'src/storage/types.ts'))).toMatch(/reaches into storage's internals/);
    expect(violationOf(edge('src/api/app.ts', 'src/cli/main.ts'))).toMatch(/imports the surface cli/);
    expect(violationOf(edge('src/text/patterns.ts', 'src/align/index.ts'))).toMatch(/shared module \(text\) imports only shared modules/);
  });

  it('finds a cycle round three modules', () => {
    expect(moduleCycles([edge('src/align/a.ts', 'src/contract/index.ts'), edge('src/contract/b.ts', 'src/evidence/index.ts'), edge('src/evidence/c.ts', 'src/align/index.ts')])).toEqual([
      'align → contract → evidence → align',
    ]);
  });

  it('reads type-only imports, re-exports and dynamic imports', () => {
    const edges = importsOf('src/x/a.ts', "import type { A } from '../model/types.ts';\nimport { type B, c } from './b.ts';\nexport { d } from '../text/d.ts';\nconst m = await import('pg-boss');\n");
    expect(edges.map((e) => [e.to, e.typeOnly, e.line])).toEqual([
      ['src/model/types.ts', true, 1],
      ['src/x/b.ts', false, 2],
      ['src/text/d.ts', false, 3],
      ['pg-boss', false, 4],
    ]);
  });
});
