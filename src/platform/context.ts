/** Who is acting and in which request: passed from routes to services, and into every audit entry. */
export interface Actor {
  id: number | null;
  username: string;
  /** The role under which the action is taken (the first role that grants it), for the audit log. */
  role: string | null;
  /** The region of that role's grant (null: unscoped, an applicant, the system): recorded in the audit entry. */
  regionCode?: string | null;
}

export interface RequestContext {
  actor: Actor;
  requestId: string | null;
}

/** Actions taken by the command line or by jobs, not by a signed-in person. */
export function systemContext(name = 'cli'): RequestContext {
  return { actor: { id: null, username: `system:${name}`, role: null }, requestId: null };
}
