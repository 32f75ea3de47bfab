import { sql, type SQL } from 'drizzle-orm';
import { mandateInForceSql } from '../mandates/index.ts';

// Whether the agent who filed a case may still act on it: decided here, once, for every reader of cases.

/**
 * The agent of case `c` (an SQL alias of service_case or pub_cases_case) while it may act for the case's principal on
 * `day` (an SQL date expression), else NULL. An agent acts for its principal (the case's owner) only while a mandate
 * of that principal covering the case's item is in force: from a revocation, or the end of the mandate's period, the
 * agent no longer reads the case, answers its corrections, withdraws it, downloads its materials or notices, or rates
 * it, and is no longer told of it. The case goes on for the principal, whose own list shows it; it stays valid (it was
 * filed under a mandate in force). A mandate of the principal covering the item granted again (a renewal) restores it.
 */
export function actingAgentSql(c: string, day: string): string {
  const itemCode = `(SELECT i.code FROM pub_catalog_implementation i WHERE i.id = ${c}.implementation_id)`;
  const inForce = mandateInForceSql({ agent: `${c}.agent_user_id`, principal: `${c}.owner_user_id`, implementationCode: itemCode, day });
  return `(CASE WHEN ${c}.agent_user_id IS NOT NULL AND ${inForce} THEN ${c}.agent_user_id END)`;
}

const DAY = '\u0001day\u0001';

/** actingAgentSql for drizzle statements, with the day as a parameter. */
export function actingAgent(c: string, day: string): SQL<number | null> {
  const pieces = actingAgentSql(c, DAY).split(DAY);
  return sql.join(
    pieces.map((p) => sql.raw(p)),
    sql`${day}::date`,
  ) as SQL<number | null>;
}
