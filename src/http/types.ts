import type { Principal } from '../modules/accounts/index.ts';
import type { Permission } from '../platform/permissions.ts';
import type { Database } from '../platform/db/db.ts';
import type { Config } from '../platform/config.ts';
import type { FileStore } from '../platform/files.ts';
import type { Notifier } from '../platform/notify.ts';

/**
 * What a route needs, declared on every /api route (`config: { access }`): app.ts refuses to start when a route
 * declares nothing. 'public' needs no sign-in, 'user' any signed-in user, a permission that permission.
 */
export type Access = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
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
