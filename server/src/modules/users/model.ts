import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { ROLES } from '@vc/types';

const counselProfileSchema = new Schema(
  {
    title: { type: String, default: '律师' },
    organization: { type: String, default: '' },
    duties: { type: [String], default: [] },
    /** hours written before they were kept per village: shown where a village has none of its own (counsel/profile.ts) */
    onSiteHours: { type: String, default: '' },
    photoUrl: { type: String, default: null },
    /** 执业证号 */
    certificateNumber: { type: String, default: '' },
    specialties: { type: [String], default: [] },
    /** the regular on-site hours in each village served (counsel/profile.ts) */
    villageHours: {
      type: [{ _id: false, villageCode: { type: String, required: true }, text: { type: String, required: true } }],
      default: [],
    },
    /** the phone number came from WeChat's phone-number button, not typed in */
    phoneFromWechat: { type: Boolean, default: false },
    updatedAt: { type: Date, default: null },
  },
  { _id: false },
);

const userFields = {
  /** WeChat openid of the mini-program; demo users have `demo:<key>` */
  openid: { type: String, required: true, unique: true },
  unionid: { type: String, default: null },
  name: { type: String, required: true },
  /** full number: private, only returned masked except to people with a reason */
  phone: { type: String, default: null },
  avatarUrl: { type: String, default: null },
  /** the language the person chose (issue 17); null: the default, Simplified Chinese */
  language: { type: String, default: null },
  /** roles held at places; a villager's role comes from villageCode, a counsel's villages from assignments */
  roles: {
    type: [{ _id: false, role: { type: String, enum: ROLES, required: true }, placeCode: { type: String, default: '' } }],
    default: [],
  },
  villageCode: { type: String, default: null },
  /**
   * Whether the village has confirmed the person lives there: 'pending' while a county that asks for
   * confirmation waits for a village cadre (residents module); a pending person acts as no villager yet.
   * People bound before this field existed read it as absent: confirmed.
   */
  residentStatus: { type: String, enum: ['confirmed', 'pending'] as const, default: 'confirmed' },
  /** when the person bound to their present village */
  villageSince: { type: Date, default: null },
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
};
const userSchema = new Schema(userFields, { collection: 'users', versionKey: false });
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

/** A user as `.lean()` reads it, derived from the schema. */
export type UserDoc = Stored<typeof userFields>;
export const UserModel = model('User', userSchema);

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
