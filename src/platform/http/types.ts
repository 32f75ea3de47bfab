import type { Principal } from './principal.ts';
import type { Permission } from '../permissions.ts';
import type { Database } from '../db/db.ts';
import type { Config } from '../config.ts';
import type { FileStore } from '../files.ts';
import type { Notifier } from '../notify.ts';

/**
 * What a route needs, declared on every /api route (`config: { access }`): app.ts refuses to start when a route
 * declares nothing. 'public' needs no sign-in, 'user' any signed-in user, a permission that permission.
 */
export type Access = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A public route that limits its callers itself (machine calls under a grant's rate, exchange module): no per-IP limit. */
    ownRateLimit?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the presented session or token was expired/revoked, to answer with the precise error. */
    authError: Error | null;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
    files: FileStore;
    notifier: Notifier;
    /** Every /api route with its declared access (the permission tests' coverage check reads it). */
    apiRoutes: { method: string; url: string; access: string }[];
  }
}
