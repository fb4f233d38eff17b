import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';
import { PLACE_LEVELS } from '@vc/types';

const placeFields = {
  code: { type: String, required: true, unique: true },
  /** display name, e.g. 富民社区 (the committee suffix removed) */
  name: { type: String, required: true },
  /** the official name from the statistics bureau, e.g. 富民社区居委会 */
  officialName: { type: String, required: true },
  level: { type: String, enum: PLACE_LEVELS, required: true },
  parentCode: { type: String, default: null },
  provinceCode: { type: String, required: true },
  countyCode: { type: String, default: null },
  townshipCode: { type: String, default: null },
};
const placeSchema = new Schema(placeFields, { collection: 'places', versionKey: false });
placeSchema.index({ parentCode: 1, code: 1 });
placeSchema.index({ level: 1, countyCode: 1 });
// a province's places in one read (ledger/report.ts provinceCompliance)
placeSchema.index({ provinceCode: 1, level: 1 });

/** A place as read, derived from the schema; places are read and written without `_id` (the code is the key). */
export type PlaceDoc = Omit<Stored<typeof placeFields>, '_id'>;
export const PlaceModel = model('Place', placeSchema);

/** Invite codes (and QR scenes) of villages; kept apart so re-importing places never touches them. */
const inviteSchema = new Schema(
  {
    villageCode: { type: String, required: true, unique: true },
    inviteCode: { type: String, required: true, unique: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'village_invites', versionKey: false },
);
export const VillageInviteModel = model('VillageInvite', inviteSchema);
