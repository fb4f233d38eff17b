import { z } from '../zod';
import { text } from '../text';
import { ObjectId, Role } from '../roles';
import { Me, RoleGrant } from '../accounts/schemas';
import { INVITATION_STATUS_LABELS, ROLE_CHANGE_KIND_LABELS } from '../labels';
import {
  INVITABLE_ROLES,
  INVITATION_CODE_ALPHABET,
  INVITATION_CODE_LENGTH,
  INVITATION_DAYS,
  INVITATION_USES,
  ROLE_WITHDRAW_REASON_LENGTH,
} from '../constants';

export { INVITATION_STATUS_LABELS, ROLE_CHANGE_KIND_LABELS };

/** A role that can be given by invitation (every role but villager). */
export const InvitationRole = z.enum(INVITABLE_ROLES);
export type InvitationRole = z.infer<typeof InvitationRole>;

/** The short code (also the mini-program code's scene); typed in any case, with spaces around. */
export const InvitationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`),
    `邀请码为${INVITATION_CODE_LENGTH}位字母或数字`,
  );

const STATUSES = Object.keys(INVITATION_STATUS_LABELS) as [
  keyof typeof INVITATION_STATUS_LABELS,
  ...(keyof typeof INVITATION_STATUS_LABELS)[],
];
export const InvitationStatus = z.enum(STATUSES);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** Someone named in a record; `id` is null for the operator at the server's command line. */
export const PersonRef = z.object({ id: ObjectId.nullable(), name: z.string() }).openapi('PersonRef');
export type PersonRef = z.infer<typeof PersonRef>;

export const Invitation = z
  .object({
    id: ObjectId,
    /** the code to hand out; null to someone who may see the invitation but may not give its role */
    code: z.string().nullable(),
    role: Role,
    roleLabel: z.string(),
    /** where the role will be held: 12/9/6/2 digits, or '' (the whole country, admin only) */
    placeCode: z.string(),
    placeName: z.string(),
    /** how many people may use it, and how many have */
    uses: z.number().int(),
    used: z.number().int(),
    status: InvitationStatus,
    statusLabel: z.string(),
    note: z.string().nullable(),
    issuedBy: PersonRef,
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    withdrawnAt: z.string().datetime().nullable(),
    withdrawnBy: PersonRef.nullable(),
    withdrawReason: z.string().nullable(),
  })
  .openapi('Invitation');
export type Invitation = z.infer<typeof Invitation>;

const whole = (label: string, limits: { min: number; max: number }, unit: string) =>
  z
    .number({ invalid_type_error: `${label}应为数字`, required_error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(limits.min, `${label}至少${limits.min}${unit}`)
    .max(limits.max, `${label}最多${limits.max}${unit}`);

/** Creating an invitation for the place in the path. */
export const CreateInvitationBody = z
  .object({
    role: InvitationRole,
    days: whole('有效期', INVITATION_DAYS, '天').default(INVITATION_DAYS.default),
    uses: whole('可使用人数', INVITATION_USES, '人').default(INVITATION_USES.default),
    note: text({ max: 50, tooLong: '备注最多50字' }).optional(),
  })
  .strict()
  .openapi('CreateInvitationBody');
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationListQuery = z.object({ status: InvitationStatus.optional() }).strict();
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;
export const InvitationListReply = z.object({ items: z.array(Invitation) }).openapi('InvitationListReply');
export type InvitationListReply = z.infer<typeof InvitationListReply>;

export const WithdrawInvitationBody = z
  .object({ reason: text({ max: ROLE_WITHDRAW_REASON_LENGTH.max, tooLong: '原因过长' }).optional() })
  .strict()
  .openapi('WithdrawInvitationBody');
export type WithdrawInvitationBody = z.infer<typeof WithdrawInvitationBody>;

/** What a usable code would give the person looking at it, before they accept. */
export const InvitationPreview = z
  .object({
    code: z.string(),
    role: Role,
    roleLabel: z.string(),
    placeCode: z.string(),
    placeName: z.string(),
    issuedBy: PersonRef,
    expiresAt: z.string().datetime(),
    usesLeft: z.number().int(),
    /** the person already holds this role at this place: accepting changes nothing */
    alreadyHeld: z.boolean(),
  })
  .openapi('InvitationPreview');
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const RedeemInvitationBody = z.object({ code: InvitationCode }).strict().openapi('RedeemInvitationBody');
export type RedeemInvitationBody = z.infer<typeof RedeemInvitationBody>;

/** The role now held, and the person as the app shows them afterwards. */
export const RedeemInvitationReply = z.object({ grant: RoleGrant, me: Me }).openapi('RedeemInvitationReply');
export type RedeemInvitationReply = z.infer<typeof RedeemInvitationReply>;

/** One role held by one person at a place (a person holding two roles appears twice). */
export const StaffMember = z
  .object({
    userId: ObjectId,
    name: z.string(),
    phoneMasked: z.string().nullable(),
    role: Role,
    roleLabel: z.string(),
    placeCode: z.string(),
    placeName: z.string(),
    /** when and by whose invitation the role was given; null for roles set up before invitations */
    grantedAt: z.string().datetime().nullable(),
    grantedBy: PersonRef.nullable(),
  })
  .openapi('StaffMember');
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffListQuery = z.object({ role: InvitationRole.optional() }).strict();
export type StaffListQuery = z.infer<typeof StaffListQuery>;
export const StaffListReply = z
  .object({ place: z.object({ code: z.string(), name: z.string() }), items: z.array(StaffMember) })
  .openapi('StaffListReply');
export type StaffListReply = z.infer<typeof StaffListReply>;

export const WithdrawRoleBody = z
  .object({
    role: InvitationRole,
    reason: text({
      ...ROLE_WITHDRAW_REASON_LENGTH,
      tooShort: `请填写撤销原因（至少${ROLE_WITHDRAW_REASON_LENGTH.min}个字）`,
      tooLong: '原因过长',
    }),
  })
  .strict()
  .openapi('WithdrawRoleBody');
export type WithdrawRoleBody = z.infer<typeof WithdrawRoleBody>;

export const WithdrawRoleReply = z
  .object({
    userId: ObjectId,
    role: Role,
    placeCode: z.string(),
    /** a counsel's village assignments ended with the same reason */
    endedAssignments: z.number().int(),
  })
  .openapi('WithdrawRoleReply');
export type WithdrawRoleReply = z.infer<typeof WithdrawRoleReply>;

const KINDS = Object.keys(ROLE_CHANGE_KIND_LABELS) as [
  keyof typeof ROLE_CHANGE_KIND_LABELS,
  ...(keyof typeof ROLE_CHANGE_KIND_LABELS)[],
];
export const RoleChangeKind = z.enum(KINDS);
export type RoleChangeKind = z.infer<typeof RoleChangeKind>;

/** One entry of the record of role changes: kept for good, never changed. */
export const RoleChange = z
  .object({
    id: ObjectId,
    kind: RoleChangeKind,
    kindLabel: z.string(),
    role: Role,
    roleLabel: z.string(),
    placeCode: z.string(),
    placeName: z.string(),
    /** who did it: the issuer (invited, invitation_withdrawn), the person accepting (granted), the one withdrawing (withdrawn) */
    actor: PersonRef,
    /** whose role changed (granted, withdrawn); null for events of an invitation */
    subject: PersonRef.nullable(),
    invitationId: ObjectId.nullable(),
    /** who issued the invitation accepted (granted) */
    invitedBy: PersonRef.nullable(),
    reason: z.string().nullable(),
    at: z.string().datetime(),
  })
  .openapi('RoleChange');
export type RoleChange = z.infer<typeof RoleChange>;

export const RoleChangeListQuery = z
  .object({
    /** the next page: entries before this time (the previous page's nextBefore) */
    before: z.string().datetime({ message: '时间格式不正确' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type RoleChangeListQuery = z.infer<typeof RoleChangeListQuery>;
export const RoleChangeListReply = z
  .object({ items: z.array(RoleChange), nextBefore: z.string().datetime().nullable() })
  .openapi('RoleChangeListReply');
export type RoleChangeListReply = z.infer<typeof RoleChangeListReply>;
