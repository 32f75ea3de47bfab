import type { TongbanModule } from '../../platform/module.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { applyRetention, ensurePartitions, sealCalls, writeCallCheckpoint } from './exchange.calls.ts';
import { seedDemoExchange } from './exchange.demo.ts';
import { refreshCallDays } from './exchange.stats.ts';
import { sweepLoads } from './exchange.collect.ts';

export { exchangeErrors } from './exchange.errors.ts';
export {
  getResource,
  findResourceByCode,
  listResources,
  publicResources,
  createResource,
  transitionResource,
  requestSharing,
  decideGrant,
  createToken,
} from './exchange.service.ts';
export {
  serveCall,
  sealCalls,
  verifyCalls,
  writeCallCheckpoint,
  listCallCheckpoints,
  applyRetention,
  ensurePartitions,
  CALL_CHECKPOINT_KIND,
} from './exchange.calls.ts';
export type { CallVerifyResult } from './exchange.calls.ts';
export { loadRecords, parseUpload, sweepLoads } from './exchange.collect.ts';
export { callStatistics, rawCallStatistics, refreshCallDays, latencyBucket } from './exchange.stats.ts';
export type { ResourceView, GrantView, LoadView, DemandView } from './exchange.types.ts';
export { exchangeRoutes } from './exchange.routes.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'exchange.read': true;
    'exchange.catalog': true;
    'exchange.request': true;
    'exchange.review': true;
    'exchange.oversee': true;
    'exchange.collect': true;
    'exchange.verify': true;
    'exchange.stats': true;
    'exchange.endpoints': true;
  }
}

/**
 * Months of the call log kept (TONGBAN_EXCHANGE_RETENTION_MONTHS; 0, the default, keeps every month). The monthly
 * partitions older than that are dropped by the daily job; the chain's base moves past them (ADR 0039).
 */
export function retentionMonths(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TONGBAN_EXCHANGE_RETENTION_MONTHS ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The first day of the oldest month kept, `months` months back from `today` (YYYY-MM-DD). */
export function keepFrom(todayIso: string, months: number): string {
  const [y, m] = todayIso.split('-').map(Number);
  const index = y * 12 + (m - 1) - (months - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

let lastCheckpoint = 0;

/** Data sharing and collection (数据共享交换, 归集): the catalogue, grants, logged calls, collected tables (ADR 0039). */
export const exchangeModule: TongbanModule = {
  name: 'exchange',
  routes: exchangeRoutes,
  permissions: [
    { permission: 'exchange.read', roles: ['data_officer', 'reviewer', 'supervisor'] },
    // The data office keeps the region's catalogue (编目, 审核, 发布) for every department of its region.
    { permission: 'exchange.catalog', roles: ['data_officer'], regionWide: true },
    // A department requests resources for itself and holds the machine tokens of its grants.
    { permission: 'exchange.request', roles: ['data_officer', 'reviewer'] },
    // The provider department decides the requests for its resources; the data office of the region may too (监督).
    { permission: 'exchange.review', roles: ['data_officer', 'reviewer'] },
    { permission: 'exchange.oversee', roles: ['data_officer'], regionWide: true },
    { permission: 'exchange.collect', roles: ['data_officer', 'reviewer'] },
    { permission: 'exchange.verify', roles: ['data_officer', 'supervisor'] },
    { permission: 'exchange.stats', roles: ['data_officer', 'supervisor'], regionWide: true },
    // 前置机/接口登记: a provider department's data officer registers its endpoints (the data office's through exchange.oversee).
    { permission: 'exchange.endpoints', roles: ['data_officer'] },
  ],
  jobs: [
    {
      // As the audit sealer: link finished calls into the chain every five seconds, sign its head every ten minutes.
      name: 'exchange.seal-calls',
      everyMs: 5000,
      run: async (db) => {
        const sealed = await sealCalls(db);
        if (Date.now() - lastCheckpoint >= 10 * 60_000) {
          lastCheckpoint = Date.now();
          await writeCallCheckpoint(db);
        }
        return { sealed };
      },
    },
    {
      // The finished hours of the call log rolled up into their days for the month's statistics (ADR 0048, 0051).
      name: 'exchange.call-days',
      everyMs: 10 * 60_000,
      atStart: true,
      run: async (db) => ({ days: await refreshCallDays(db) }),
    },
    {
      // A load whose process died (untouched for 15 minutes): marked failed, its staged rows deleted.
      name: 'exchange.sweep-loads',
      everyMs: 60_000,
      run: async (db, ctx) => ({ swept: await sweepLoads(db, ctx) }),
    },
    {
      name: 'exchange.partitions',
      everyMs: 24 * 3600_000,
      atStart: true,
      run: async (db) => {
        const made = await ensurePartitions(db, 12);
        const months = retentionMonths();
        const dropped = months ? await applyRetention(db, keepFrom(new Date().toISOString().slice(0, 10), months)) : 0;
        return { made, dropped };
      },
    },
  ],
  seedDemo: seedDemoExchange,
  tables: [
    'exchange_call',
    'exchange_call_chain',
    'exchange_call_day',
    'exchange_call_day_head',
    'exchange_call_month',
    'exchange_call_checkpoint',
    'exchange_call_head',
    'exchange_demand',
    'exchange_endpoint',
    'exchange_grant',
    'exchange_grant_rate',
    'exchange_load',
    'exchange_load_row',
    'exchange_record',
    'exchange_resource',
    'exchange_token',
  ],
};
