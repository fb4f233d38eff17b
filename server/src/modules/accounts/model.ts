import { Schema, model, Types } from 'mongoose';
import { ROLES, type Role } from '@vc/types';

const counselProfileSchema = new Schema(
  {
    title: { type: String, default: '律师' },
    organization: { type: String, default: '' },
    duties: { type: [String], default: [] },
    onSiteHours: { type: String, default: '' },
    photoUrl: { type: String, default: null },
  },
  { _id: false },
);

const userSchema = new Schema(
  {
    /** WeChat openid of the mini-program; demo users have `demo:<key>` */
    openid: { type: String, required: true, unique: true },
    unionid: { type: String, default: null },
    name: { type: String, required: true },
    /** full number: private, only returned masked except to people with a reason */
    phone: { type: String, default: null },
    avatarUrl: { type: String, default: null },
    /** roles held at places; a villager's role comes from villageCode, a counsel's villages from assignments */
    roles: {
      type: [{ _id: false, role: { type: String, enum: ROLES, required: true }, placeCode: { type: String, default: '' } }],
      default: [],
    },
    villageCode: { type: String, default: null },
    /**
     * Derived (scopesOf below, kept by a validate hook and by every update of roles or village):
     * the counties the person relates to, and those where they hold a role other than villager.
     * Top-level arrays, so "people of a county" is an equality FerretDB pushes down to an index.
     */
    countyCodes: { type: [String], default: [] },
    staffCountyCodes: { type: [String], default: [] },
    counselProfile: { type: counselProfileSchema, default: null },
    demo: { type: Boolean, default: false },
    demoOrder: { type: Number, default: 0 },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'users', versionKey: false },
);
userSchema.index({ unionid: 1 });
userSchema.index({ countyCodes: 1 });
userSchema.index({ staffCountyCodes: 1 });
userSchema.index({ villageCode: 1 });
userSchema.index({ 'roles.role': 1, 'roles.placeCode': 1 });
userSchema.index({ demo: 1, demoOrder: 1 });

/** The derived scope fields of a person with these roles and village. */
export function scopesOf(roles: readonly { role: string; placeCode: string }[], villageCode: string | null) {
  const county = (code: string) => code.slice(0, 6);
  const staff = roles.filter((r) => r.role !== 'villager' && r.placeCode.length >= 6).map((r) => county(r.placeCode));
  const all = [
    ...staff,
    ...(villageCode ? [county(villageCode)] : []),
    ...roles.filter((r) => r.placeCode.length >= 6).map((r) => county(r.placeCode)),
  ];
  return { countyCodes: [...new Set(all)], staffCountyCodes: [...new Set(staff)] };
}
userSchema.pre('validate', function () {
  Object.assign(this, scopesOf(this.roles ?? [], this.villageCode ?? null));
});

/** The plain shape of a user as read with .lean<UserDoc>() */
export interface UserDoc {
  _id: Types.ObjectId;
  openid: string;
  unionid: string | null;
  name: string;
  phone: string | null;
  avatarUrl: string | null;
  roles: { role: Role; placeCode: string }[];
  villageCode: string | null;
  countyCodes: string[];
  staffCountyCodes: string[];
  counselProfile: { title: string; organization: string; duties: string[]; onSiteHours: string; photoUrl: string | null } | null;
  demo: boolean;
  demoOrder: number;
  createdAt: Date;
}
export const UserModel = model('User', userSchema);

const sessionSchema = new Schema(
  {
    /**
     * The token's hash again: every request finds its session, and `_id` equality is the one
     * filter every engine serves from its primary index.
     */
    _id: { type: String, required: true },
    /** sha256 of the bearer token: a leaked database does not leak usable tokens */
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    via: { type: String, enum: ['wechat', 'cloud', 'demo'], required: true },
    createdAt: { type: Date, default: () => new Date() },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
export const SessionModel = model('Session', sessionSchema);

/** Every change of a person's village is kept (membership changes are never lost). */
const bindingSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    villageCode: { type: String, required: true },
    previousVillageCode: { type: String, default: null },
    via: { type: String, enum: ['search', 'invite'], required: true },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'village_bindings', versionKey: false },
);
export const VillageBindingModel = model('VillageBinding', bindingSchema);

/** Nonces of HMAC-signed cloud calls, to refuse replays; purged after the signature window. */
const nonceSchema = new Schema(
  {
    nonce: { type: String, required: true, unique: true },
    at: { type: Date, required: true },
    /** floor(at / signature window): purged by equality (login.ts) */
    window: { type: Number, required: true, index: true },
  },
  { collection: 'cloud_nonces', versionKey: false },
);
export const CloudNonceModel = model('CloudNonce', nonceSchema);
