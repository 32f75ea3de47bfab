import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../platform/config.ts';
import { openReady } from '../bootstrap/open.ts';
import { demoAccountsTable, isEmpty, seedDemoAll } from '../bootstrap/demo.ts';
import { buildApp, webRoot } from '../http/app.ts';

async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const configFile = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));
  console.log('building the web app (first start)…');
  await build({ configFile, logLevel: 'warn' });
}

/** Starts the platform: database ready, demo data on a first embedded start, web built when missing. */
export async function serve(config: Config, opts: { build: boolean }): Promise<void> {
  if (opts.build && !fs.existsSync(path.join(webRoot, 'index.html'))) await buildWeb();
  const database = await openReady(config, { log: (line) => console.log(line) });
  // Demo accounts share a known password: never in production.
  if (config.production && config.demo === 'always')
    throw new Error('TONGBAN_DEMO=always is refused in production: the demo accounts share a published password');
  const demoWanted = !config.production && (config.demo === 'always' || (config.demo === 'auto' && database.kind === 'pglite'));
  const seedNow = demoWanted && (await isEmpty(database.db));
  const app = await buildApp({ database, config });
  if (seedNow) {
    const result = await seedDemoAll(database.db, app);
    console.log(
      `seeded the demo city: ${result.departments} departments, ${result.users} accounts, ${result.implementations} catalogue items, ${result.cases} cases`,
    );
    console.log(demoAccountsTable());
  }
  const { startJobs } = await import('../bootstrap/jobs.ts');
  const stopTimer = startJobs(database.db, app.notifier, config, (e) => app.log.error({ err: e }, 'a timer job failed'));
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    stopTimer();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`tongban is running on http://localhost:${config.port} (database: ${database.kind} ${database.location})`);
}
