import { z } from '../zod';
import { text } from '../text';
import { ObjectId, PlaceCode } from '../roles';

/**
 * Machine credentials: read access for provincial and 12348 systems (issue 12, item 6). The secret
 * is shown once, at issue; it is sent as `Authorization: Bearer vcm_<43 characters>`.
 */
export const MACHINE_TOKEN_PREFIX = 'vcm_';
export const MACHINE_TOKEN_PATTERN = /^vcm_[A-Za-z0-9_-]{43}$/;

const Person = z.object({ id: ObjectId, name: z.string() });

export const IssueMachineCredentialBody = z
  .object({
    /** which system uses it, e.g. 辽宁省12348平台 */
    name: text({ min: 2, max: 60, tooShort: '系统名称至少2个字', tooLong: '系统名称不应超过60个字' }),
  })
  .strict()
  .openapi('IssueMachineCredentialBody');
export type IssueMachineCredentialBody = z.infer<typeof IssueMachineCredentialBody>;

export const RevokeMachineCredentialBody = z
  .object({ reason: text({ min: 2, max: 200, tooShort: '请填写吊销原因（至少2个字）', tooLong: '吊销原因不应超过200个字' }) })
  .strict()
  .openapi('RevokeMachineCredentialBody');
export type RevokeMachineCredentialBody = z.infer<typeof RevokeMachineCredentialBody>;

export const MachineCredential = z
  .object({
    id: ObjectId,
    name: z.string(),
    /** the province (2 digits) or county (6 digits) whose reports it may read, and the places inside */
    placeCode: z.string(),
    placeName: z.string(),
    /** the secret's last characters, to tell credentials apart (the secret itself is never shown again) */
    secretHint: z.string().openapi({ example: 'vcm_…x3Qa' }),
    createdAt: z.string().datetime(),
    createdBy: Person,
    revokedAt: z.string().datetime().nullable(),
    revokedBy: Person.nullable(),
    revokeReason: z.string().nullable(),
    /** the last call, to the minute (null: never used) */
    lastUsedAt: z.string().datetime().nullable(),
  })
  .openapi('MachineCredential');
export type MachineCredential = z.infer<typeof MachineCredential>;

export const IssuedMachineCredential = z
  .object({
    credential: MachineCredential,
    /** shown only in this reply; the server keeps only its hash */
    secret: z.string().regex(MACHINE_TOKEN_PATTERN).openapi({ example: 'vcm_…' }),
  })
  .openapi('IssuedMachineCredential');
export type IssuedMachineCredential = z.infer<typeof IssuedMachineCredential>;

export const MachineCredentialListReply = z.object({ items: z.array(MachineCredential) }).openapi('MachineCredentialListReply');
export type MachineCredentialListReply = z.infer<typeof MachineCredentialListReply>;

/** `code`: any place code (a township or village is refused by the service with its own message) */
export const MachineCredentialPlaceParams = z.object({ code: PlaceCode }).strict();
export const MachineCredentialParams = z.object({ code: PlaceCode, credentialId: ObjectId }).strict();

export const MachineCallQuery = z
  .object({
    /** a Beijing day; today by default */
    date: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const MachineCall = z
  .object({
    at: z.string().datetime(),
    /** the route's id in the OpenAPI document (operationId) and its summary */
    routeId: z.string(),
    routeSummary: z.string(),
    /** the place the call named, if any */
    placeCode: z.string().nullable(),
    status: z.number().int(),
    requestId: z.string(),
  })
  .openapi('MachineCall');
export type MachineCall = z.infer<typeof MachineCall>;

export const MachineCallListReply = z
  .object({ date: z.string(), items: z.array(MachineCall), truncated: z.boolean() })
  .openapi('MachineCallListReply');
export type MachineCallListReply = z.infer<typeof MachineCallListReply>;
