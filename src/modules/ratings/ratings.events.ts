import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/db.ts';
import { defineEvent, subscribe, type Subscription } from '../../platform/outbox.ts';
import { notify } from '../../platform/notify.ts';
import { DEPARTMENT_REVIEWERS } from '../accounts/index.ts';

/**
 * A bad first rating opened a remedy for the department that handled the case (published with the rating, in the
 * rating's statement or transaction). Its reviewers are told by the subscriber below, after the rating committed:
 * the rating's hot statement no longer looks up the department's reviewers nor writes their notices.
 */
export const remedyOpened = defineEvent(
  'ratings.remedy-opened',
  z.object({
    remedyId: z.number().int().positive(),
    caseId: z.number().int().positive(),
    departmentId: z.number().int().positive(),
    notice: z.string().min(1),
  }),
);

export const REMEDY_TITLE = '收到差评，请限期整改';

/** The ratings module's consumers of events (the job runner delivers them). */
export const ratingsSubscriptions: readonly Subscription[] = [
  subscribe(remedyOpened, 'ratings.tell-reviewers', async (tx, event) => {
    const reviewers = await queryRows<{ id: number }>(tx, sql`${sql.raw(DEPARTMENT_REVIEWERS)} ${event.departmentId}`);
    await notify(tx, { userIds: reviewers.map((r) => Number(r.id)), caseId: event.caseId, kind: 'remedy', title: REMEDY_TITLE, body: event.notice });
  }),
];
