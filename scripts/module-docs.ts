// Writes the generated half of docs/modules/<module>.md from the module registry: tables, published views,
// permissions, commands (the functions of the module's door), events, subscriptions, jobs and routes. The half above
// the marker is written by hand (purpose, rules, decisions) and kept as it is.
//   npm run docs:modules           rewrite the generated halves
// src/modules/docs.test.ts fails when a file is missing or its generated half is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TongbanModule } from '../src/platform/module.ts';

export const docsFolder = fileURLToPath(new URL('../docs/modules', import.meta.url));
export const MARKER = '<!-- Generated from the module registry by `npm run docs:modules`: edit above this line only. -->';

/** The routes a module's plugin registers (method, URL, declared access), without a database. */
async function routesOf(module: TongbanModule): Promise<{ method: string; url: string; access: string }[]> {
  if (!module.routes) return [];
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Plugins take these at registration; nothing is called on them while routes are only listed.
  for (const name of ['database', 'config', 'files', 'notifier']) app.decorate(name, { db: {} });
  app.decorate('apiRoutes', []);
  const routes: { method: string; url: string; access: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access: String(route.config?.access ?? '') });
  });
  await app.register(module.routes);
  await app.ready();
  await app.close();
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

const list = (items: readonly string[], empty = 'none') => (items.length ? items.map((i) => `- ${i}`).join('\n') : `- ${empty}`);

/** The generated half of one module's page. */
export async function generatedSection(module: TongbanModule, door: Record<string, unknown>): Promise<string> {
  const commands = Object.entries(door)
    .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name) && !name.endsWith('Routes'))
    .map(([name]) => `\`${name}\``)
    .sort();
  const routes = await routesOf(module);
  return [
    MARKER,
    '',
    '## Tables',
    list((module.tables ?? []).map((t) => `\`${t}\``)),
    '',
    '## Published views',
    list((module.publishedViews ?? []).map((v) => `\`${v}\``)),
    '',
    '## Permissions',
    list((module.permissions ?? []).map((p) => `\`${p.permission}\` — ${p.roles.join(', ')}`)),
    '',
    '## Commands (functions of the door, `index.ts`)',
    commands.length ? commands.join(', ') : 'none',
    '',
    '## Events published',
    list((module.events ?? []).map((e) => `\`${e.name}\``)),
    '',
    '## Events consumed',
    list((module.subscriptions ?? []).map((s) => `\`${s.event}\` → \`${s.name}\``)),
    '',
    '## Jobs',
    list(
      (module.jobs ?? []).map(
        (j) => `\`${j.name}\` every ${j.everyMs >= 60_000 ? `${j.everyMs / 60_000} min` : `${j.everyMs / 1000} s`}${j.atStart ? ', and at start' : ''}`,
      ),
    ),
    '',
    '## Routes',
    routes.length ? ['| Method | Path | Access |', '|---|---|---|', ...routes.map((r) => `| ${r.method} | \`${r.url}\` | ${r.access} |`)].join('\n') : 'none',
    '',
  ].join('\n');
}

/** The whole page: the hand-written half as it stands (or a stub) and the generated half. */
export async function modulePage(module: TongbanModule, door: Record<string, unknown>, current: string | undefined): Promise<string> {
  const hand = current?.includes(MARKER) ? current.slice(0, current.indexOf(MARKER)) : (current ?? `# ${module.name}\n\nTODO: purpose.\n\n`);
  return hand + (await generatedSection(module, door));
}

export async function docs(): Promise<{ module: TongbanModule; door: Record<string, unknown> }[]> {
  const { modules } = await import('../src/modules/registry.ts');
  const out = [];
  for (const module of modules) out.push({ module, door: (await import(`../src/modules/${module.name}/index.ts`)) as Record<string, unknown> });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(docsFolder, { recursive: true });
  for (const { module, door } of await docs()) {
    const file = path.join(docsFolder, `${module.name}.md`);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const next = await modulePage(module, door, current);
    if (next !== current) {
      fs.writeFileSync(file, next);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
}
