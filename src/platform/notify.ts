import { z } from 'zod';
import { maskPhone } from './mask.ts';
import type { Db } from './db/db.ts';
import { notification } from './db/platform.schema.ts';
import { defineEvent, publish, subscribe } from './outbox.ts';

/**
 * Notifications, a platform service that any module calls (ADR 0018):
 * - in the app: `notify(tx, notice)` writes the notices with the change that causes them (the `notification` table,
 *   the platform's; the cases module lists them for their reader);
 * - by SMS or e-mail: `sendMessage(tx, message)` puts the message in the outbox with the change, and the job runner
 *   hands it to the deployment's `Notifier` after the change committed (a rolled-back change sends nothing; a gateway
 *   that fails is tried again with backoff). The default notifier writes a log line (phone and address masked); a
 *   deployment plugs in its SMS gateway by implementing `Notifier`.
 */
export interface OutboundMessage {
  channel: 'sms' | 'email';
  to: string;
  text: string;
  /** A one-time code inside `text` (an SMS verification code): sent as is, but never written to a log in production. */
  secret?: string;
}

export interface Notifier {
  send(message: OutboundMessage): Promise<void>;
}

export function logNotifier(log: (line: string) => void = (line) => console.log(line), opts: { revealSecrets?: boolean } = {}): Notifier {
  return {
    async send(message) {
      const to = message.channel === 'sms' ? maskPhone(message.to) : message.to.replace(/^(.).*(@.*)$/, '$1***$2');
      // Outside production the log stands in for the SMS gateway, so a tester can read the code; in production never.
      const text = message.secret && !opts.revealSecrets ? message.text.split(message.secret).join('******') : message.text;
      log(`[notify:${message.channel}] to ${to}: ${text}`);
    },
  };
}

/** An in-app notice to some users (each told once; null and undefined ids are skipped), optionally about a case. */
export interface Notice {
  userIds: readonly (number | null | undefined)[];
  kind: string;
  title: string;
  body: string;
  caseId?: number | null;
}

/** Writes in-app notices in the caller's transaction. Returns how many users were told. */
export async function notify(tx: Db, notice: Notice): Promise<number> {
  const users = [...new Set(notice.userIds.filter((u): u is number => typeof u === 'number'))];
  if (users.length) {
    await tx
      .insert(notification)
      .values(users.map((userId) => ({ userId, caseId: notice.caseId ?? null, kind: notice.kind, title: notice.title, body: notice.body })));
  }
  return users.length;
}

/** An SMS or e-mail to send once the change that asks for it has committed. */
export const messageRequested = defineEvent(
  'platform.message-requested',
  z.object({ channel: z.enum(['sms', 'email']), to: z.string().min(1).max(200), text: z.string().min(1).max(1000) }),
);

/** Queues an outbound message in the caller's transaction (the runner sends it through the Notifier). */
export async function sendMessage(tx: Db, message: OutboundMessage): Promise<number> {
  return publish(tx, messageRequested, message);
}

/** The platform's own subscriptions: outbound messages leave through the deployment's Notifier. */
export const platformSubscriptions = [subscribe(messageRequested, 'platform.send-message', async (_tx, message, env) => env.notifier.send(message))];
