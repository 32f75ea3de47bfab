import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { serviceCase } from './cases.schema.ts';

/**
 * The historic applications of an implementation, newest first: what a new rule-set version is replayed over before it
 * is published (ADR 0041). The rules module asks for them through this (registered with it by the cases door, since
 * the cases module already depends on the rules): the applicant's kind and ID number (for the profile and the
 * licences the rules read), the form as submitted and the day it was received. Personal data stays in the rules'
 * computation; what the rules return names cases by number only.
 */
export interface HistoricApplication {
  caseId: number;
  number: string;
  status: string;
  applicantKind: 'person' | 'organisation';
  applicantIdNumber: string;
  formData: Record<string, unknown>;
  /** The day the application was received (submitted). */
  day: string;
}

export async function applicationsOfImplementation(db: Db, implementationId: number, limit: number): Promise<HistoricApplication[]> {
  const rows = await db
    .select({
      id: serviceCase.id,
      number: serviceCase.number,
      status: serviceCase.status,
      applicantKind: serviceCase.applicantKind,
      applicantIdNumber: serviceCase.applicantIdNumber,
      formData: serviceCase.formData,
      receivedOn: serviceCase.receivedOn,
      createdAt: serviceCase.createdAt,
    })
    .from(serviceCase)
    .where(and(eq(serviceCase.implementationId, implementationId), ne(serviceCase.status, 'draft')))
    .orderBy(desc(serviceCase.id))
    .limit(limit);
  return rows
    .filter((r) => r.number !== null)
    .map((r) => ({
      caseId: Number(r.id),
      number: r.number!,
      status: r.status,
      applicantKind: r.applicantKind as HistoricApplication['applicantKind'],
      applicantIdNumber: r.applicantIdNumber,
      formData: (r.formData ?? {}) as Record<string, unknown>,
      day: r.receivedOn ?? String(r.createdAt).slice(0, 10),
    }));
}
