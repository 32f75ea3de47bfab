import type { TongbanModule } from '../platform/module.ts';
import { installPermissions } from '../platform/permissions.ts';
import { regionsModule } from './regions/index.ts';
import { accountsModule } from './accounts/index.ts';
import { licensesModule } from './licenses/index.ts';
import { catalogModule } from './catalog/index.ts';
import { casesModule } from './cases/index.ts';
import { ratingsModule } from './ratings/index.ts';
import { mandatesModule } from './mandates/index.ts';
import { bundlesModule } from './bundles/index.ts';
import { rulesModule } from './rules/index.ts';
import { exchangeModule } from './exchange/index.ts';
import { legalModule } from './legal/index.ts';

/**
 * The modules of tongban, in order: the one list that the app (routes, configure hooks), the job runner (jobs,
 * event subscriptions), the permission table and the seeds read (ADR 0016). A module comes before those whose seeds
 * need its data (regions before accounts, accounts before mandates). Adding a module is its folder and one line here.
 */
export const modules: readonly TongbanModule[] = [
  regionsModule,
  accountsModule,
  licensesModule,
  catalogModule,
  casesModule,
  ratingsModule,
  mandatesModule,
  bundlesModule,
  rulesModule,
  exchangeModule,
  legalModule,
];

/** Installs the modules' permissions into the one permission table (idempotent: a module installed twice is ignored). */
export function installModules(list: readonly TongbanModule[]): void {
  const names = new Set<string>();
  for (const m of list) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
    installPermissions(m.permissions ?? []);
  }
}

installModules(modules);
