import { z } from 'zod';
import { isoDate } from '../../http/schemas.ts';

export const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'agent', 'post', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

export const applicantSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().min(1).max(200),
  /** 公民身份号码 for a person, 统一社会信用代码 for an organisation. */
  idNumber: z.string().min(1).max(18),
  contactName: z.string().max(50).optional(),
  contactPhone: z.string().max(20).optional(),
});
export type ApplicantInput = z.infer<typeof applicantSchema>;

export const applyBody = z.object({
  implementationCode: z.string().max(36),
  formData: z.record(z.string(), z.unknown()).default({}),
  channel: z.enum(CHANNELS).optional(),
  /**
   * A clerk at the window names the applicant (identity checked in person). An agent does not: its applicant is the
   * principal's account; only the contact name and phone it sends here are kept.
   */
  applicant: applicantSchema.optional(),
  /** An agent applies for this principal (an account that granted it an active mandate covering the item). */
  principalUserId: z.number().int().positive().optional(),
  submit: z.boolean().default(false),
});
export type ApplyInput = z.infer<typeof applyBody>;

export const versionBody = z.object({ version: z.number().int() });

export const correctionBody = versionBody.extend({
  items: z.array(z.object({ materialKey: z.string().max(40).nullable().optional(), note: z.string().min(1).max(1000) })).min(1).max(50),
});

export const reasonBody = versionBody.extend({ reason: z.string().min(1).max(2000), legalBasis: z.string().min(1).max(2000) });

export const gapsBody = versionBody.extend({
  gaps: z.array(z.object({ materialKey: z.string().max(40), dueOn: isoDate })).min(1).max(20),
});

export const completeBody = versionBody.extend({
  result: z.enum(['pass', 'return', 'fail']),
  opinion: z.string().min(1).max(2000),
  /** For fail: the legal basis of the denial. */
  legalBasis: z.string().max(2000).optional(),
  /** For return: the earlier step to go back to (default: the previous one). */
  toStepKey: z.string().max(40).optional(),
});

export const specialBody = versionBody.extend({
  kind: z.enum(['hearing', 'tender', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review', 'site_check']),
  reason: z.string().min(1).max(2000),
});

export const deliverBody = versionBody.extend({
  method: z.enum(['window', 'post', 'electronic']),
  trackingNumber: z.string().max(50).optional(),
});

export const SPECIAL_KINDS_ZH: Record<string, string> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  site_check: '实地核查',
};
