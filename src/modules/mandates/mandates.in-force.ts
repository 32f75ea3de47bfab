/**
 * The one definition of a mandate in force, as SQL over expressions of the caller's statement: a mandate of the
 * principal to the agent, not revoked, the day within its period, covering the item (or all items). The cases module
 * asks it of every case an agent filed (cases.agent.ts): from a revocation, or the end of the period, the agent no
 * longer reads or acts on the principal's cases. It reads the published view (migration 0030), so any module may use
 * it. `day` is an SQL date expression (a parameter, or a column of the statement), named once.
 */
export function mandateInForceSql(on: { agent: string; principal: string; implementationCode: string; day: string }): string {
  return `EXISTS (SELECT 1 FROM pub_mandates_mandate m WHERE m.agent_user_id = ${on.agent} AND m.principal_user_id = ${on.principal}
    AND m.status = 'active' AND ${on.day} BETWEEN m.valid_from AND m.valid_until AND (m.all_items OR ${on.implementationCode} = ANY (m.item_codes)))`;
}
