// The data walls (ADR 0017): a module's SQL names only its own tables, the platform's, and the views other modules
// publish. This test reads the source of every module (not its schema file, not its tests) and fails on any other
// table it names: a drizzle table object imported from another module's schema, or a table name in an SQL string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { modules } from './registry.ts';
import * as platformSchema from '../platform/db/platform.schema.ts';

const modulesDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../../db/migrations', import.meta.url));

interface Walls {
  /** table → the module that owns it ('platform' for the platform's tables, which every module may use). */
  owner: Map<string, string>;
  /** published view → the module that publishes it. */
  views: Map<string, string>;
}

/** Who owns what: the modules' declared tables and published views (the registry), and the platform's tables. */
function walls(): Walls {
  const owner = new Map<string, string>();
  for (const t of Object.values(platformSchema)) if (is(t, PgTable)) owner.set(getTableName(t as PgTable), 'platform');
  const views = new Map<string, string>();
  for (const m of modules) {
    for (const t of m.tables ?? []) owner.set(t, m.name);
    for (const v of m.publishedViews ?? []) views.set(v, m.name);
  }
  return { owner, views };
}

interface Breach {
  file: string;
  line: number;
  table: string;
  owner: string;
  how: 'sql' | 'import';
}

// A table named in SQL: after FROM, JOIN, INTO, UPDATE, TABLE, REFERENCES or USING, and in a FROM list after a comma.
const KEYWORD =
  '(?!(?:join|where|on|left|right|inner|outer|full|cross|natural|group|order|limit|offset|for|using|set|values|select|returning|having|window|union|except|intersect|lateral|with)\\b)';
const ALIAS = `(?:\\s+(?:as\\s+)?${KEYWORD}[a-z_][a-z0-9_]*)?`;
const NAME = '(?:"?public"?\\.)?"?([a-z_][a-z0-9_]*)"?';
const NAMED = new RegExp(
  `\\b(?:from|join|into|update|table|references|using)\\s+(?:only\\s+)?${NAME}((?:${ALIAS})(?:\\s*,\\s*${NAME.replace('([a-z_]', '(?:[a-z_]')}${ALIAS})*)`,
  'gi',
);
const LISTED = /,\s*(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** The table names an SQL text names (lower case). */
function tablesNamed(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAMED)) {
    out.push(m[1].toLowerCase());
    for (const l of (m[2] ?? '').matchAll(LISTED)) out.push(l[1].toLowerCase());
  }
  return out;
}

/**
 * The breaches of the wall in one source file of `module`: every string and template literal is read as SQL (the
 * sql`` templates, raw statements, fragments), and every import of another module's schema file is a breach whatever
 * it imports. Comments are not code and are not read.
 */
function breaches(module: string, file: string, source: string, w: Walls = walls()): Breach[] {
  const found: Breach[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : '';
      const schema = /(?:^|\/)([a-z-]+)\/\1\.schema\.ts$/.exec(spec);
      if (schema && schema[1] !== module) found.push({ file, line: lineOf(node), table: spec, owner: schema[1], how: 'import' });
      if (/platform\/db\/schema\.ts$/.test(spec)) found.push({ file, line: lineOf(node), table: spec, owner: 'every module', how: 'import' });
      return;
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const table of tablesNamed(node.text)) {
        const owner = w.owner.get(table);
        if (owner && owner !== module && owner !== 'platform') found.push({ file, line: lineOf(node), table, owner, how: 'sql' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The source files under `dir` the wall applies to: all its .ts files but schema files and tests. */
function sourcesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.schema.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

test('no module names another module’s table in its SQL, nor imports another module’s schema', () => {
  const w = walls();
  const all = modules.flatMap((m) =>
    sourcesOf(path.join(modulesDir, m.name)).flatMap((f) => breaches(m.name, path.relative(modulesDir, f), fs.readFileSync(f, 'utf8'), w)),
  );
  assert.deepEqual(
    all.map((b) => `${b.file}:${b.line} ${b.how === 'import' ? 'imports' : 'names'} ${b.table} (${b.owner}'s)`),
    [],
    'read another module through its index.ts, or through a view it publishes (ADR 0017)',
  );
});

/**
 * The code outside the modules that runs against the database: startup and seeding (src/bootstrap), the command line
 * (src/cli) and the benchmarks (bench). It owns no table: it reads and writes through the modules' doors (their
 * index.ts) and their published views, like a module reading another. Each exception names why.
 */
const OUTSIDE = ['src/bootstrap', 'src/cli', 'bench'];
// Bulk loads of a benchmark: millions of rows by INSERT … SELECT in seconds, where the services would take hours. They
// write the rows the services would (the benchmark's checks read them back through the API).
const BULK = 'a benchmark’s bulk load, written as the owning module’s services would write it';
const OUTSIDE_EXCEPTIONS: Record<string, string> = {
  'bench/fixtures.ts': BULK,
  'bench/rating-data.ts': BULK,
  'bench/paths/search.ts': BULK,
  'bench/paths/license-lookup.ts': BULK,
  'bench/exchange-stats.ts': BULK,
  'bench/paths/license-import.ts': 'reads back the verification code of a licence it imported, as its QR link would carry it, to verify it through the API',
};

test('bootstrap, the command line and the benchmarks name no module’s table in their SQL, nor import a module’s schema', () => {
  const w = walls();
  const found = OUTSIDE.flatMap((dir) =>
    sourcesOf(path.join(rootDir, dir)).flatMap((f) => breaches('', path.relative(rootDir, f), fs.readFileSync(f, 'utf8'), w)),
  );
  for (const file of Object.keys(OUTSIDE_EXCEPTIONS))
    assert.ok(
      found.some((b) => b.file === file),
      `${file} is listed as an exception but names no table`,
    );
  assert.deepEqual(
    found
      .filter((b) => !(b.file in OUTSIDE_EXCEPTIONS))
      .map((b) => `${b.file}:${b.line} ${b.how === 'import' ? 'imports' : 'names'} ${b.table} (${b.owner}'s)`),
    [],
    'go through the owning module’s index.ts or a view it publishes, or list the exception with its reason',
  );
});

test('the wall test fails on a probe: SQL or a schema import naming another module’s table', () => {
  const w = walls();
  const probe = [
    "import { serviceCase } from '../cases/cases.schema.ts';",
    'const a = sql`SELECT c.number FROM rating r JOIN service_case c ON c.id = r.case_id`;',
    "const b = 'INSERT INTO case_event (case_id) VALUES ($1)';",
    'const c = `SELECT 1 FROM pub_cases_case x, department d WHERE d.id = x.department_id`;',
    '// a comment naming FROM service_case is prose, not SQL',
    'const d = sql`SELECT 1 FROM pub_cases_case c JOIN rating r ON r.case_id = c.id JOIN audit_log l ON true`;',
  ].join('\n');
  const found = breaches('ratings', 'probe.ts', probe, w).map((b) => `${b.line} ${b.table} ${b.how}`);
  assert.deepEqual(found, ['1 ../cases/cases.schema.ts import', '2 service_case sql', '3 case_event sql', '4 department sql']);
  // A module's own tables and schema, the platform's tables (audit_log) and published views pass: for cases, only
  // ratings' and regions' tables are breaches.
  assert.deepEqual(
    breaches('cases', 'own.ts', probe, w).map((b) => `${b.line} ${b.table}`),
    ['2 rating', '4 department', '6 rating'],
  );
});

test('every published view is created by a migration, named pub_<its module>_…, and declared by that module', () => {
  const created = new Set<string>();
  for (const f of fs.readdirSync(migrationsDir).filter((n) => n.endsWith('.sql'))) {
    for (const m of fs.readFileSync(path.join(migrationsDir, f), 'utf8').matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+"?([a-z_0-9]+)"?/gi)) created.add(m[1]);
  }
  const { views, owner } = walls();
  for (const [view, module] of views) {
    assert.ok(created.has(view), `${view} (declared by ${module}) is created by no migration`);
    assert.ok(view.startsWith(`pub_${module}_`), `${view} is published by ${module}: its name must start with pub_${module}_`);
    assert.ok(!owner.has(view), `${view} is also a table`);
  }
  for (const view of created) if (view.startsWith('pub_')) assert.ok(views.has(view), `${view} is created but no module declares it in publishedViews`);
});
