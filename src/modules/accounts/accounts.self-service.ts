import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { sm3Hex } from '../../platform/crypto.ts';
import { maskPhone } from '../../platform/mask.ts';
import type { OutboundMessage } from '../../platform/notify.ts';
import { smsCode } from './accounts.schema.ts';
import { accountErrors } from './accounts.errors.ts';
import { checkPasswordStrength, createUser, findUserByUsername, forgetPrincipals, setPassword, type UserView } from './accounts.service.ts';

// The public's own accounts (ADR 0027): self-registration of a person or an organisation and a password reset, both
// proved by a code sent to the mobile number through the SMS adapter (platform/notify.ts).

export const SMS_PURPOSES = ['register', 'reset'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

/** A code lives five minutes and dies after five wrong tries; one per minute and five an hour per number, twenty an hour per address. */
export const SMS_CODE_MINUTES = 5;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_SECONDS = 60;
export const SMS_PER_PHONE_PER_HOUR = 5;
export const SMS_PER_IP_PER_HOUR = 20;

/** A code's row is kept an hour after it was sent, long past its expiry: the hourly limits count the codes of the last hour. */
export const SMS_CODE_KEEP_MINUTES = 60;

const PHONE = /^1[3-9]\d{9}$/;

/** The stored digest of a code: bound to its purpose and number, so a code for one never proves the other. */
export function smsCodeHash(purpose: SmsPurpose, phone: string, code: string): string {
  return sm3Hex(`tongban sms code\n${purpose}\n${phone}\n${code}`);
}

const sameDigest = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const anonymous = (username: string, requestId: string | null): RequestContext => ({ actor: { id: null, username, role: null }, requestId });

const PURPOSE_ZH: Record<SmsPurpose, string> = { register: '注册账号', reset: '重置密码' };

/**
 * Sends a verification code to `phone`, unless it asked too often (SMS_CODE_TOO_SOON) or it or the address asked too
 * much this hour (SMS_CODE_THROTTLED). For a reset the code goes out only when `username` holds that number; the
 * answer is the same either way, so nobody learns which accounts exist. The code is stored as a digest only and
 * leaves through `send` after the row committed (never through the outbox, whose rows keep their text).
 */
export async function requestSmsCode(
  db: Db,
  input: { purpose: SmsPurpose; phone: string; username?: string; ip: string; requestId: string | null },
  send: (message: OutboundMessage) => Promise<void>,
): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  const phone = input.phone.trim();
  if (!PHONE.test(phone)) throw accountErrors.PHONE_INVALID();
  let deliver = true;
  if (input.purpose === 'reset') {
    const user = input.username ? await findUserByUsername(db, input.username.trim()) : undefined;
    deliver = Boolean(user && user.status === 'active' && user.phone === phone);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    // One request at a time per number, so two at once cannot both pass the limits.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sms:${phone}`}))`);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const [last] = await tx
      .select({ createdAt: smsCode.createdAt })
      .from(smsCode)
      .where(and(eq(smsCode.phone, phone), eq(smsCode.purpose, input.purpose)))
      .orderBy(desc(smsCode.createdAt))
      .limit(1);
    if (last && Date.now() - new Date(last.createdAt).getTime() < SMS_RESEND_SECONDS * 1000)
      throw accountErrors.SMS_CODE_TOO_SOON({ seconds: SMS_RESEND_SECONDS });
    const [{ byPhone }] = await tx
      .select({ byPhone: sql<number>`count(*)::int` })
      .from(smsCode)
      .where(and(eq(smsCode.phone, phone), gt(smsCode.createdAt, hourAgo)));
    const [{ byIp }] = await tx
      .select({ byIp: sql<number>`count(*)::int` })
      .from(smsCode)
      .where(and(eq(smsCode.ip, input.ip), gt(smsCode.createdAt, hourAgo)));
    if (Number(byPhone) >= SMS_PER_PHONE_PER_HOUR || Number(byIp) >= SMS_PER_IP_PER_HOUR) throw accountErrors.SMS_CODE_THROTTLED();
    // A reset asked for a number the account does not hold still counts against the limits; its code goes nowhere.
    const [row] = await tx
      .insert(smsCode)
      .values({
        phone,
        purpose: input.purpose,
        codeHash: smsCodeHash(input.purpose, phone, deliver ? code : `${code}-undelivered`),
        ip: input.ip,
        expiresAt: new Date(Date.now() + SMS_CODE_MINUTES * 60_000).toISOString(),
      })
      .returning({ id: smsCode.id });
    await writeAudit(tx, anonymous(input.username ?? maskPhone(phone) ?? '', input.requestId), {
      action: 'auth.sms-code.send',
      targetType: 'sms_code',
      targetId: row.id,
      change: { purpose: input.purpose, phone: maskPhone(phone), ip: input.ip, delivered: deliver },
    });
  });
  if (deliver) {
    await send({
      channel: 'sms',
      to: phone,
      text: `【通办】您的验证码为 ${code}，${SMS_CODE_MINUTES} 分钟内有效，用于${PURPOSE_ZH[input.purpose]}。请勿告诉他人。`,
      secret: code,
    });
  }
  return { expiresInSeconds: SMS_CODE_MINUTES * 60, resendAfterSeconds: SMS_RESEND_SECONDS };
}

/**
 * Checks a code against the latest one sent to the number for the purpose, in its own transaction so that a wrong
 * try is counted even though the request then fails: SMS_CODE_WRONG (a try used), SMS_CODE_EXPIRED (none live: too
 * old, used, or out of tries). A right code is not used up here: the change it proves uses it (useSmsCode).
 */
export async function checkSmsCode(db: Db, purpose: SmsPurpose, phone: string, code: string, opts: { usedIsFine?: boolean } = {}): Promise<void> {
  const wrong = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(smsCode)
      .where(and(eq(smsCode.phone, phone), eq(smsCode.purpose, purpose)))
      .orderBy(desc(smsCode.createdAt), desc(smsCode.id))
      .limit(1)
      .for('update');
    if (!row) return 'expired';
    const matches = sameDigest(row.codeHash, smsCodeHash(purpose, phone, code));
    if (matches && opts.usedIsFine && row.usedAt) return null;
    const live = !row.usedAt && row.attempts < SMS_CODE_MAX_ATTEMPTS && new Date(row.expiresAt).getTime() > Date.now();
    if (!live) return 'expired';
    if (matches) return null;
    await tx
      .update(smsCode)
      .set({ attempts: row.attempts + 1 })
      .where(eq(smsCode.id, row.id));
    await writeAudit(tx, anonymous(maskPhone(phone) ?? '', null), {
      action: 'auth.sms-code.failed',
      targetType: 'sms_code',
      targetId: row.id,
      change: { purpose, attempts: row.attempts + 1 },
    });
    return 'wrong';
  });
  if (wrong === 'expired') throw accountErrors.SMS_CODE_EXPIRED({ minutes: SMS_CODE_MINUTES });
  if (wrong === 'wrong') throw accountErrors.SMS_CODE_WRONG();
}

/** Uses up the live code in the transaction of the change it proves (SMS_CODE_EXPIRED when another request took it). */
async function useSmsCode(tx: Db, purpose: SmsPurpose, phone: string, code: string): Promise<void> {
  const used = await tx
    .update(smsCode)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(smsCode.phone, phone),
        eq(smsCode.purpose, purpose),
        eq(smsCode.codeHash, smsCodeHash(purpose, phone, code)),
        sql`${smsCode.usedAt} IS NULL AND ${smsCode.expiresAt} > now() AND ${smsCode.attempts} < ${SMS_CODE_MAX_ATTEMPTS}`,
      ),
    )
    .returning({ id: smsCode.id });
  if (used.length === 0) throw accountErrors.SMS_CODE_EXPIRED({ minutes: SMS_CODE_MINUTES });
}

export interface Registration {
  kind: 'person' | 'organisation';
  username: string;
  /** A person's name as on the ID card, or the organisation's registered name. */
  displayName: string;
  /** 居民身份证号码 (GB 11643) or 统一社会信用代码 (GB 32100), checked by createUser. */
  idNumber: string;
  phone: string;
  code: string;
  password: string;
}

/** The code is checked first (counting a wrong try); then run `create` in the request's transaction. */
export async function checkRegistrationCode(db: Db, input: Pick<Registration, 'phone' | 'code'>): Promise<void> {
  if (!PHONE.test(input.phone)) throw accountErrors.PHONE_INVALID();
  await checkSmsCode(db, 'register', input.phone, input.code, { usedIsFine: true });
}

/**
 * A new account of the public with the applicant role only (applicant_person or applicant_org), its ID number or
 * USCC checked and unique, its mobile number proved by the code, which this uses up. One audit entry, user.register.
 */
export async function registerAccount(tx: Db, input: Registration, requestId: string | null): Promise<UserView> {
  checkPasswordStrength(input.password);
  await useSmsCode(tx, 'register', input.phone, input.code);
  return createUser(
    tx,
    anonymous(input.username, requestId),
    {
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      phone: input.phone,
      idNumber: input.idNumber,
      roles: [{ role: input.kind === 'organisation' ? 'applicant_org' : 'applicant_person' }],
    },
    'system',
    'user.register',
  );
}

/**
 * A forgotten password, reset with the code sent to the account's mobile number: all its sessions end. A username
 * that does not hold the number is answered as a wrong code.
 */
export async function resetPasswordBySms(
  db: Db,
  input: { username: string; phone: string; code: string; newPassword: string },
  requestId: string | null,
): Promise<void> {
  const phone = input.phone.trim();
  if (!PHONE.test(phone)) throw accountErrors.PHONE_INVALID();
  await checkSmsCode(db, 'reset', phone, input.code);
  const user = await findUserByUsername(db, input.username.trim());
  if (!user || user.phone !== phone) throw accountErrors.SMS_CODE_WRONG();
  checkPasswordStrength(input.newPassword);
  await db.transaction(async (tx) => {
    await useSmsCode(tx, 'reset', phone, input.code);
    await setPassword(tx, anonymous(user.username, requestId), user.id, input.newPassword);
  });
  forgetPrincipals(db);
}

/**
 * Deletes the codes that neither prove anything nor count against a limit any more: expired and sent more than
 * SMS_CODE_KEEP_MINUTES ago (the job `accounts.sms-code-prune`). The audit log keeps that they were sent and tried.
 */
export async function pruneSmsCodes(db: Db): Promise<number> {
  const deleted = await db
    .delete(smsCode)
    .where(and(lt(smsCode.expiresAt, sql`now()`), lt(smsCode.createdAt, sql`now() - make_interval(mins => ${SMS_CODE_KEEP_MINUTES})`)))
    .returning({ id: smsCode.id });
  return deleted.length;
}
