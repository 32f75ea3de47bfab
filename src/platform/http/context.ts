import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../context.ts';
import { grantFor, type Permission, type RoleGrant, type Scope } from '../permissions.ts';
import { authErrors } from './auth-errors.ts';
import { fileErrors } from '../files.ts';

/** The signed-in principal, or AUTH_REQUIRED (AUTH_SESSION_EXPIRED when the presented session had expired). */
export function principalOf(request: FastifyRequest) {
  if (!request.principal) throw request.authError ?? authErrors.AUTH_REQUIRED();
  return request.principal;
}

/**
 * The request context for a service call. With a permission (and the scope of the record acted on), checks it and
 * names the role that grants it in the audit entry.
 */
export function contextOf(request: FastifyRequest, permission?: Permission, scope?: Scope): RequestContext {
  const principal = principalOf(request);
  let grant: RoleGrant | undefined = principal.grants[0];
  if (permission) {
    grant = grantFor(principal.grants, permission, scope);
    if (!grant) throw authErrors.AUTH_FORBIDDEN({ permission });
  }
  return {
    actor: { id: principal.user.id, username: principal.user.username, role: grant?.role ?? null, regionCode: grant?.regionCode ?? null },
    requestId: String(request.id),
  };
}

/** The Idempotency-Key header of a create request. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return Array.isArray(value) ? value[0] : value;
}

/** The raw bytes of an upload (a route that takes application/octet-stream), or FILE_EMPTY. */
export function uploadedBytes(request: FastifyRequest): Buffer {
  const body = request.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) throw fileErrors.FILE_EMPTY();
  return body;
}
