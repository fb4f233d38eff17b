import { z } from '../zod';
import { text } from '../text';
import { CANCEL_CONFIRMATION } from './policy';
import { ObjectId } from '../roles';

export const PolicySectionSchema = z
  .object({ title: z.string(), paragraphs: z.array(z.string()) })
  .openapi('PrivacyPolicySection');

/** The privacy policy in force: its version and Chinese text. */
export const PrivacyPolicyReply = z
  .object({
    version: z.string(),
    title: z.string(),
    summary: z.string(),
    sections: z.array(PolicySectionSchema),
    retention: z.object({
      unattachedPhotoHours: z.number().int(),
      contactRevealDays: z.number().int(),
      loginLogDays: z.number().int(),
    }),
    /** what cancelling an account erases and what stays, shown before the person confirms */
    cancellation: z.object({ erases: z.array(z.string()), keeps: z.array(z.string()) }),
  })
  .openapi('PrivacyPolicyReply');
export type PrivacyPolicyReply = z.infer<typeof PrivacyPolicyReply>;

/** Where the person agreed: the mini-program or the H5 build. */
export const CONSENT_VIAS = ['miniprogram', 'h5'] as const;

export const ConsentBody = z
  .object({
    /** the version the person read (the one the policy route gave); another one is refused */
    version: text({ min: 1, max: 40, tooShort: '缺少隐私政策版本', tooLong: '隐私政策版本格式不正确' }),
    via: z.enum(CONSENT_VIAS),
  })
  .strict()
  .openapi('PrivacyConsentBody');
export type ConsentBody = z.infer<typeof ConsentBody>;

export const Consent = z
  .object({ version: z.string(), at: z.string().datetime(), via: z.enum(CONSENT_VIAS) })
  .openapi('PrivacyConsent');
export type Consent = z.infer<typeof Consent>;

/** The person's standing towards the policy in force. */
export const PrivacyStatus = z
  .object({
    currentVersion: z.string(),
    consentedVersion: z.string().nullable(),
    consentNeeded: z.boolean(),
    consents: z.array(Consent),
  })
  .openapi('PrivacyStatus');
export type PrivacyStatus = z.infer<typeof PrivacyStatus>;

export const CancelAccountBody = z
  .object({ confirm: z.literal(CANCEL_CONFIRMATION) })
  .strict()
  .openapi('CancelAccountBody');
export type CancelAccountBody = z.infer<typeof CancelAccountBody>;

export const CancelAccountReply = z
  .object({ cancelledAt: z.string().datetime(), erased: z.array(z.string()), kept: z.array(z.string()) })
  .openapi('CancelAccountReply');
export type CancelAccountReply = z.infer<typeof CancelAccountReply>;

/** The person's own data, as downloaded (个人信息副本). */
const CaseStepWritten = z.object({
  n: z.number().int(),
  kind: z.string(),
  text: z.string().nullable(),
  at: z.string().datetime(),
});

export const DataCopy = z
  .object({
    exportedAt: z.string().datetime(),
    profile: z.object({
      id: ObjectId,
      name: z.string(),
      phone: z.string().nullable(),
      avatarUrl: z.string().nullable(),
      createdAt: z.string().datetime().nullable(),
      villageCode: z.string().nullable(),
      residentStatus: z.string().nullable(),
      roles: z.array(z.object({ role: z.string(), placeCode: z.string() })),
    }),
    villageHistory: z.array(
      z.object({
        villageCode: z.string(),
        previousVillageCode: z.string().nullable(),
        via: z.string(),
        at: z.string().datetime(),
      }),
    ),
    consents: z.array(Consent),
    consultations: z.array(
      z.object({
        id: ObjectId,
        villageCode: z.string(),
        question: z.string(),
        status: z.string(),
        createdAt: z.string().datetime(),
        closedAt: z.string().datetime().nullable(),
      }),
    ),
    groupPosts: z.array(
      z.object({ groupCode: z.string(), seq: z.number().int(), text: z.string(), state: z.string(), at: z.string().datetime() }),
    ),
    ledgerEntries: z.array(
      z.object({
        id: ObjectId,
        villageCode: z.string(),
        kind: z.string(),
        startAt: z.string().datetime(),
        endAt: z.string().datetime(),
        summary: z.string(),
        status: z.string(),
      }),
    ),
    /** who viewed this person's full phone number (counsel), and when */
    contactReveals: z.array(z.object({ villageCode: z.string(), at: z.string().datetime() })),
    /** the service hall's cases they applied for (legal aid, mediation, bookings, complaints), each with the steps they wrote */
    cases: z.array(
      z.object({
        id: ObjectId,
        kind: z.string(),
        title: z.string(),
        villageCode: z.string(),
        status: z.string(),
        outcome: z.string().nullable(),
        createdAt: z.string().datetime(),
        closedAt: z.string().datetime().nullable(),
        steps: z.array(CaseStepWritten),
      }),
    ),
    /** the steps they wrote on others' cases as a handler */
    caseStepsHandled: z.array(CaseStepWritten.extend({ caseId: ObjectId })),
  })
  .openapi('PrivacyDataCopy');
export type DataCopy = z.infer<typeof DataCopy>;
