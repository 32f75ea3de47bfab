// The platform as the harness measures it: buildApp on PostgreSQL, in its own process (see README "Topology").
// The database is already migrated and seeded by bench/platform.ts; this is what a restarted server does.
import { buildApp } from '../../src/http/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db/db.ts';
import { platformJobs, startRunner } from '../../src/platform/jobs.ts';
import { allSubscriptions } from '../../src/bootstrap/jobs.ts';
import { announce, announceFailure } from './announce.ts';

try {
  const databaseUrl = process.env.BENCH_APP_DATABASE_URL;
  if (!databaseUrl) throw new Error('BENCH_APP_DATABASE_URL is not set');
  const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
  // Production settings, with the rate limits at their defaults. The platform sits "behind a proxy on loopback"
  // (TONGBAN_TRUST_PROXY=loopback, as with a local nginx), so the login and calendar paths can spread their requests
  // over many client addresses (LoadSpec.rotateClientIp) and the limiter's bookkeeping stays in the figures.
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    TONGBAN_DEMO: 'never',
    TONGBAN_DATA_DIR: dataDir,
    TONGBAN_MASTER_KEY: process.env.BENCH_MASTER_KEY,
    TONGBAN_TRUST_PROXY: 'loopback',
  });
  const database = await openDatabase({ databaseUrl, poolSize });
  // With its log, at the production level (info: one access line per request), to standard output (bench/child.ts).
  const app = await buildApp({ database, config });
  // The job runner as in production, with the audit sealer (every second, claimed round by round) and the outbox's
  // delivery, so linking the entries into the chain and delivering events are in the figures. The other recurring
  // jobs run every minute or hour and are left out.
  const stopSealer = startRunner(database.db, {
    jobs: platformJobs.filter((j) => j.name === 'platform.audit-seal'),
    subscriptions: allSubscriptions,
    env: { notifier: app.notifier, config },
    log: (e) => console.error(e),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  announce(typeof address === 'object' && address ? address.port : 0, async () => {
    stopSealer();
    await app.close();
    await database.close();
  });
} catch (e) {
  announceFailure(e);
}
