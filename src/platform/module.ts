import type { FastifyPluginAsync } from 'fastify';
import type { Db } from './db/db.ts';
import type { Config } from './config.ts';
import type { RequestContext } from './context.ts';
import type { PermissionDeclaration } from './permissions.ts';
import type { EventType, Subscription } from './outbox.ts';

/**
 * What a module declares in its `index.ts` (`export const module: TongbanModule = { ... }`). The registry
 * (`src/modules/registry.ts`) lists the modules; the app, the job runner, the schema, the permission table and the
 * seeds read it, so adding a module is a folder and one registry line.
 */
export interface TongbanModule {
  /** The folder's name, e.g. 'cases'. */
  name: string;
  /** The module's HTTP routes (one Fastify plugin), registered by the app in registry order. */
  routes?: FastifyPluginAsync;
  /**
   * Permissions the module defines, and which roles hold them (installed into the one permission table by the
   * registry). Their names join the `Permission` union by declaration merging in the module's index.ts.
   */
  permissions?: readonly PermissionDeclaration[];
  /** Recurring jobs: the job runner schedules each (any number of processes may run them). */
  jobs?: readonly JobDefinition[];
  /** Domain events the module publishes (documented in docs/modules; consumers subscribe by the event). */
  events?: readonly Pick<EventType<unknown>, 'name'>[];
  /** Consumers of domain events (the outbox delivers each event to every subscription). */
  subscriptions?: readonly Subscription[];
  /** Reference data every installation needs (idempotent; runs at every start). Returns what it did, for the log. */
  seedReference?: (db: Db) => Promise<string | void>;
  /** Demo data for `tongban dev` (runs once on an empty database, after every module's reference seed). */
  seedDemo?: (db: Db) => Promise<void>;
  /** Called once when the app is built (e.g. to derive keys from the master key). */
  configure?: (config: Config) => void;
  /** Tables the module owns (its SQL may name only these and published views of other modules). */
  tables?: readonly string[];
  /** SQL views the module publishes for other modules' statistics and reports. */
  publishedViews?: readonly string[];
}

/** A recurring job of a module. `run` does one round and must be safe to run in several processes at once. */
export interface JobDefinition {
  /** Unique across the platform, e.g. 'cases.warning-sweep'. */
  name: string;
  /** How often, in milliseconds. */
  everyMs: number;
  /** Also run once when the process starts. */
  atStart?: boolean;
  run: (db: Db, ctx: RequestContext, config: Config) => Promise<unknown>;
}
