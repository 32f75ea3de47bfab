import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modules } from './registry.ts';
import { buildApp } from '../http/app.ts';
import { seedReference } from '../bootstrap/reference.ts';
import { queryRows } from '../platform/db/db.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, REGION_WIDE } from '../platform/permissions.ts';
import type { TongbanModule } from '../platform/module.ts';
import { contextOf } from '../platform/http/context.ts';
import { errorResponses } from '../platform/http/schemas.ts';
import * as platformSchema from '../platform/db/platform.schema.ts';
import { testDatabase } from '../../tests/support/db.ts';
import { testConfig, bearer, errorCode, DEMO_PASSWORD } from '../../tests/support/app.ts';

const tablesOf = (schema: Record<string, unknown>) =>
  Object.values(schema)
    .filter((v) => is(v, PgTable))
    .map((t) => getTableName(t as PgTable))
    .sort();

/** The tables a module's `<name>.schema.ts` defines (none when it has no schema file). */
async function schemaTables(name: string): Promise<string[]> {
  const file = new URL(`./${name}/${name}.schema.ts`, import.meta.url);
  if (!fs.existsSync(file)) return [];
  return tablesOf((await import(file.href)) as Record<string, unknown>);
}

test('every module of the registry is a folder whose index exports it, with a unique name', () => {
  const names = modules.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.ok(fs.existsSync(new URL(`./${name}/index.ts`, import.meta.url)), `src/modules/${name}/index.ts`);
  const folders = fs
    .readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  assert.deepEqual(
    folders.filter((f) => !names.includes(f)),
    [],
    'a module folder the registry does not list',
  );
});

test("each module's tables are exactly those its schema file defines", async () => {
  for (const m of modules) assert.deepEqual([...(m.tables ?? [])].sort(), await schemaTables(m.name), `the tables of ${m.name}`);
});

test('every table of the migrated database is owned by exactly one module or by the platform', async () => {
  const database = await testDatabase('reference');
  try {
    const owners = new Map<string, string[]>();
    const own = (table: string, owner: string) => owners.set(table, [...(owners.get(table) ?? []), owner]);
    for (const t of tablesOf(platformSchema)) own(t, 'platform');
    for (const m of modules) for (const t of m.tables ?? []) own(t, m.name);
    const rows = await queryRows<{ name: string }>(
      database.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const problems = rows
      .map((r) => r.name)
      .filter((t) => owners.get(t)?.length !== 1)
      .map((t) => `${t}: ${(owners.get(t) ?? ['no owner']).join(', ')}`);
    assert.deepEqual(problems, []);
    for (const [table] of owners)
      assert.ok(
        rows.some((r) => r.name === table),
        `${table} is declared but not in any migration`,
      );
  } finally {
    await database.close();
  }
});

test("the permission table is the modules' declarations: an admin holds all, every route's permission is declared", async () => {
  const declared = modules.flatMap((m) => (m.permissions ?? []).map((p) => p.permission));
  for (const p of declared) assert.ok(PERMISSIONS.includes(p), p);
  assert.deepEqual([...ROLE_PERMISSIONS.admin].sort(), [...PERMISSIONS].sort());
  assert.ok(REGION_WIDE.has('cases.accept') && REGION_WIDE.has('ratings.exchange') && !REGION_WIDE.has('cases.review'));
  for (const m of modules) {
    for (const p of m.permissions ?? [])
      for (const r of p.roles) assert.ok(ROLES.includes(r) && ROLE_PERMISSIONS[r].includes(p.permission), `${r} holds ${p.permission}`);
  }
  const database = await testDatabase('reference');
  const app = await buildApp({ database, config: testConfig(), logger: false });
  try {
    await app.ready();
    const unknown = app.apiRoutes.filter((r) => r.access !== 'public' && r.access !== 'user' && !(PERMISSIONS as string[]).includes(r.access));
    assert.deepEqual(unknown, [], 'routes needing a permission no module declares');
  } finally {
    await app.close();
    await database.close();
  }
});

// ── A trivial module, added without editing any central file: its folder would hold this and its index.ts would
// export it; here the registry's list plus this one is handed to the app. ────────────────────────────────────────

declare module '../platform/permissions.ts' {
  interface PermissionNames {
    'probe.read': true;
  }
}

const probeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/probe/hello',
    { config: { access: 'probe.read' }, schema: { tags: ['probe'], response: { 200: z.object({ hello: z.string() }), ...errorResponses } } },
    async (request) => ({ hello: contextOf(request, 'probe.read').actor.username }),
  );
};

const probeModule: TongbanModule = {
  name: 'probe',
  routes: probeRoutes,
  permissions: [{ permission: 'probe.read', roles: ['legal_officer'] }],
  seedReference: async () => 'probe: nothing to load',
  tables: [],
  publishedViews: [],
};

test('a trivial module added to the registry serves its route, permission-checked, and its seed runs', async () => {
  const database = await testDatabase('accounts');
  const app = await buildApp({ database, config: testConfig(), logger: false, modules: [...modules, probeModule] });
  try {
    await app.ready();
    assert.deepEqual(await seedReference(database.db, [probeModule]), ['probe: nothing to load']);
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      return bearer((res.json() as { token: string }).token);
    };
    const anonymous = await app.inject({ method: 'GET', url: '/api/probe/hello' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(errorCode(anonymous), 'AUTH_REQUIRED');
    const clerk = await app.inject({ method: 'GET', url: '/api/probe/hello', headers: await login('clerk') });
    assert.equal(clerk.statusCode, 403);
    assert.equal(errorCode(clerk), 'AUTH_FORBIDDEN');
    for (const username of ['legalofficer', 'admin']) {
      const res = await app.inject({ method: 'GET', url: '/api/probe/hello', headers: await login(username) });
      assert.equal(res.statusCode, 200, username);
      assert.deepEqual(res.json(), { hello: username });
    }
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: await login('legalofficer') });
    assert.ok((me.json() as { permissions: string[] }).permissions.includes('probe.read'), 'the web menu learns the new permission');
    assert.ok(JSON.stringify(app.swagger()).includes('/api/probe/hello'), 'the OpenAPI document lists the route');
  } finally {
    await app.close();
    await database.close();
  }
});
