/**
 * A counsel's profile (issue 12): kept by the counsel, corrected by county staff of their county.
 * Every change is recorded first (counsel_profile_changes: who, when, which fields, before and
 * after), then written; text passes WeChat's content check before anything is stored, a photo is
 * shown only once WeChat's asynchronous check passed it (content-check/image.ts);
 * the phone is never returned in full (counsel/service.ts counselContact reveals it, logged).
 */
import { Types } from 'mongoose';
import { ROUTES, fillPath, type CounselProfile, type CounselProfileChange, type UpdateCounselProfileBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { maskPhone } from '../../shared/mask';
import { requirePublishableText, type ContentCheck } from '../content-check/text';
import type { WechatClient } from '../wechat/client';
import { verifiedPhone } from '../wechat/phone';
import { isCounselOf, updateCounselProfile, userById, usersInCounties, type UserDoc } from '../users/queries';
import { placeNamesByCode } from '../places/lookup';
import { CounselPhotoModel, ProfileChangeModel } from './model';
import { activeAssignmentsOf } from './queries';
import type { ImageOwner, StartImageCheck } from '../content-check/image';
import { preparePhoto } from './photo';
import {
  applyEdit,
  displayValue,
  fieldLabel,
  formHours,
  hoursVillageOf,
  profileChanges,
  publicTextOf,
  type FieldChange,
  type ProfileValues,
} from './profile-policy';

/** The profile being worked on, and who is working on it. */
export interface ProfileTarget {
  counsel: UserDoc;
  countyCode: string;
  /** the person acting: the counsel themselves, or county staff (or an admin) correcting it */
  editorId: string;
  byCounty: boolean;
}

/** The counsel acting on their own profile (any counsel, assigned to villages or not yet). */
export async function ownProfile(userId: string): Promise<ProfileTarget> {
  const counsel = await userById(userId);
  const countyCode = counsel?.roles.find((r) => r.role === 'counsel')?.placeCode;
  if (!counsel || !countyCode) throw new AppError('COUNSEL_PROFILE_NOT_COUNSEL');
  return { counsel, countyCode, editorId: userId, byCounty: false };
}

/** A counsel registered in this county, whose profile county staff of the county correct. */
export async function countyProfile(countyCode: string, counselId: string, editorId: string): Promise<ProfileTarget> {
  const counsel = await userById(counselId);
  if (!counsel || !isCounselOf(counsel, countyCode)) throw new AppError('COUNSEL_NOT_FOUND');
  return { counsel, countyCode, editorId, byCounty: true };
}

export const photoUrlOf = (counselId: string, photoId: string): string =>
  fillPath(ROUTES.counselPhoto.path, { counselId, photoId });

/** The villages served now, with their names (one query for the assignments, one for the names). */
async function servedVillages(counselId: Types.ObjectId) {
  const active = await activeAssignmentsOf(counselId);
  const codes = [...new Set(active.map((a) => a.villageCode))].sort();
  const names = await placeNamesByCode(codes);
  return codes.map((code) => ({ code, name: names.get(code) ?? '' }));
}

/** The values an edit works on: the hours of the villages served as the form shows them, and those kept of others. */
function valuesOf(counsel: UserDoc, servedCodes: readonly string[]): ProfileValues {
  const p = counsel.counselProfile;
  const kept = Object.fromEntries((p?.villageHours ?? []).map((h) => [h.villageCode, h.text]));
  return {
    name: counsel.name,
    title: p?.title ?? '律师',
    organization: p?.organization ?? '',
    certificateNumber: p?.certificateNumber ?? '',
    phone: counsel.phone ?? '',
    duties: [...(p?.duties ?? [])],
    specialties: [...(p?.specialties ?? [])],
    photoUrl: p?.photoUrl ?? '',
    hours: { ...kept, ...formHours(p, servedCodes) },
  };
}

/** The latest photo uploaded, unless it passed (then it is the one shown): pending, or withdrawn with why. */
async function newPhotoOf(counselId: Types.ObjectId): Promise<CounselProfile['newPhoto']> {
  const latest = await CounselPhotoModel.find({ counselId }, { check: 1, checkReason: 1, createdAt: 1 }).lean();
  const newest = latest.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const check = newest?.check ?? 'pass';
  return newest && check !== 'pass' ? { check, reason: newest.checkReason ?? null } : null;
}

function describe(
  counsel: UserDoc,
  countyCode: string,
  villages: { code: string; name: string }[],
  newPhoto: CounselProfile['newPhoto'],
): CounselProfile {
  const values = valuesOf(
    counsel,
    villages.map((v) => v.code),
  );
  const p = counsel.counselProfile;
  return {
    counselId: String(counsel._id),
    countyCode,
    name: values.name,
    photoUrl: values.photoUrl || null,
    newPhoto,
    title: values.title,
    organization: values.organization,
    certificateNumber: values.certificateNumber,
    phoneMasked: maskPhone(counsel.phone) ?? '',
    phoneFromWechat: p?.phoneFromWechat ?? false,
    duties: values.duties,
    specialties: values.specialties,
    villages: villages.map((v) => ({ ...v, onSiteHours: values.hours[v.code] ?? '' })),
    updatedAt: p?.updatedAt ? p.updatedAt.toISOString() : null,
  };
}

export async function viewProfile(target: ProfileTarget): Promise<CounselProfile> {
  const [villages, newPhoto] = await Promise.all([servedVillages(target.counsel._id), newPhotoOf(target.counsel._id)]);
  return describe(target.counsel, target.countyCode, villages, newPhoto);
}

/**
 * Records the change, then writes it: the record comes first, so no change is ever applied
 * without its record (a failed write leaves a record of an attempt, never a silent change).
 */
async function record(target: ProfileTarget, via: 'edit' | 'photo' | 'wechat_phone', changes: FieldChange[]) {
  await ProfileChangeModel.create({
    counselId: target.counsel._id,
    countyCode: target.countyCode,
    by: new Types.ObjectId(target.editorId),
    byCounty: target.byCounty,
    via,
    changes,
  });
}

async function writeValues(target: ProfileTarget, next: ProfileValues, extra: { phoneFromWechat?: boolean } = {}) {
  const written = await updateCounselProfile(
    target.counsel,
    { name: next.name, phone: next.phone || undefined },
    {
      title: next.title,
      organization: next.organization,
      certificateNumber: next.certificateNumber,
      duties: next.duties,
      specialties: next.specialties,
      photoUrl: next.photoUrl || null,
      villageHours: Object.entries(next.hours).map(([villageCode, text]) => ({ villageCode, text })),
      // the hours written before they were kept per village now live in villageHours
      onSiteHours: '',
      ...extra,
      updatedAt: new Date(),
    },
  );
  if (!written) throw new AppError('COUNSEL_NOT_FOUND');
  return written;
}

/** An edit of the form; text that will be shown passes the content check with the editor's openid. */
export async function editProfile(
  target: ProfileTarget,
  body: UpdateCounselProfileBody,
  check: ContentCheck,
): Promise<CounselProfile> {
  const villages = await servedVillages(target.counsel._id);
  const current = valuesOf(
    target.counsel,
    villages.map((v) => v.code),
  );
  const edited = applyEdit(
    current,
    body,
    villages.map((v) => v.code),
  );
  if ('refusal' in edited) throw new AppError(edited.refusal);
  const changes = profileChanges(current, edited.next);
  if (!changes.length) return describe(target.counsel, target.countyCode, villages, await newPhotoOf(target.counsel._id));
  const text = publicTextOf(changes);
  if (text) {
    const editor = target.byCounty ? await userById(target.editorId) : target.counsel;
    await requirePublishableText(check, editor?.openid ?? '', text, '资料');
  }
  // a number typed in is no longer the one WeChat verified
  const phoneChanged = changes.some((c) => c.field === 'phone');
  await record(target, 'edit', changes);
  const written = await writeValues(target, edited.next, phoneChanged ? { phoneFromWechat: false } : {});
  return describe(written, target.countyCode, villages, await newPhotoOf(target.counsel._id));
}

/**
 * A new photo: checked and resized, stored, then sent to WeChat's check; it is put on the profile
 * (recorded in the history) when the check passes it (`passPhoto`), at once when checks are off.
 */
export async function replacePhoto(
  target: ProfileTarget,
  upload: Buffer | undefined,
  startCheck: StartImageCheck,
): Promise<CounselProfile> {
  const photo = await preparePhoto(upload);
  const uploader = target.byCounty ? await userById(target.editorId) : target.counsel;
  if (!uploader) throw new AppError('COUNSEL_NOT_FOUND');
  const stored = await CounselPhotoModel.create({
    counselId: target.counsel._id,
    contentType: photo.contentType,
    width: photo.width,
    height: photo.height,
    size: photo.data.length,
    data: photo.data,
    uploadedBy: new Types.ObjectId(target.editorId),
    check: 'pending',
  });
  let state: 'pass' | 'pending';
  try {
    state = await startCheck({ kind: 'counsel_photo', imageId: stored._id, owner: uploader });
  } catch (err) {
    await CounselPhotoModel.deleteOne({ _id: stored._id });
    throw err;
  }
  if (state === 'pass') await passPhoto(stored._id);
  const counsel = await userById(target.counsel._id);
  return viewProfile({ ...target, counsel: counsel ?? target.counsel });
}

/** A photo WeChat passed goes on the profile, recorded first as every change is (by whoever uploaded it). */
async function passPhoto(photoId: Types.ObjectId): Promise<void> {
  const photo = await CounselPhotoModel.findById(photoId, { data: 0 }).lean();
  if (!photo) return;
  await CounselPhotoModel.updateOne({ _id: photoId }, { $set: { check: 'pass', checkReason: null } });
  const counsel = await userById(photo.counselId);
  const countyCode = counsel?.roles.find((r) => r.role === 'counsel')?.placeCode;
  if (!counsel || !countyCode) return; // cancelled or no longer a counsel meanwhile
  const photoUrl = photoUrlOf(String(counsel._id), String(photo._id));
  const target = { counsel, countyCode, editorId: String(photo.uploadedBy), byCounty: !photo.uploadedBy.equals(counsel._id) };
  await record(target, 'photo', [{ field: 'photoUrl', before: counsel.counselProfile?.photoUrl ?? '', after: photoUrl }]);
  await updateCounselProfile(counsel, {}, { photoUrl, updatedAt: new Date() });
}

/** What image checks need of counsel photos (content-check/image.ts). */
export const counselPhotoImages: ImageOwner = {
  load: async (imageId) => {
    const photo = await CounselPhotoModel.findById(imageId).lean();
    return photo ? { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) } : null;
  },
  decide: async (imageId, state, reason) => {
    if (state === 'pass') return passPhoto(imageId);
    await CounselPhotoModel.updateOne({ _id: imageId }, { $set: { check: state, checkReason: reason } });
  },
};

/** The number behind a code of WeChat's phone-number button (the counsel's own phone, verified by WeChat). */
export async function phoneFromWechatCode(target: ProfileTarget, code: string, wechat: WechatClient): Promise<CounselProfile> {
  const phone = await verifiedPhone(wechat, code);
  const before = target.counsel.phone ?? '';
  if (before !== phone) await record(target, 'wechat_phone', [{ field: 'phone', before, after: phone }]);
  const written = await updateCounselProfile(target.counsel, { phone }, { phoneFromWechat: true, updatedAt: new Date() });
  if (!written) throw new AppError('COUNSEL_NOT_FOUND');
  return viewProfile({ ...target, counsel: written });
}

const HISTORY_LIMIT = 100;

/**
 * The latest changes, newest first, worded for people (phones masked). Editors are named from the
 * county's people in one query, villages by one query for their names.
 */
export async function profileHistory(target: ProfileTarget): Promise<CounselProfileChange[]> {
  const rows = await ProfileChangeModel.find({ counselId: target.counsel._id }).sort({ at: -1 }).limit(HISTORY_LIMIT).lean();
  const villageCodes = rows.flatMap((r) => r.changes.map((c) => hoursVillageOf(c.field))).filter((c): c is string => !!c);
  const [people, villageNames] = await Promise.all([
    usersInCounties(rows.map((r) => ({ id: r.by, countyCode: r.countyCode }))),
    placeNamesByCode(villageCodes),
  ]);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    byName: people.get(String(r.by))?.name ?? '',
    by: r.byCounty ? 'county' : 'self',
    via: r.via,
    changes: r.changes.map((c) => ({
      field: c.field,
      label: fieldLabel(c.field, (code) => villageNames.get(code) ?? ''),
      before: displayValue(c.field, c.before),
      after: displayValue(c.field, c.after),
    })),
  }));
}

/** A stored photo, by its counsel and id (ids are not guessable; the photo is public like the board). */
export async function readCounselPhoto(counselId: string, photoId: string): Promise<{ contentType: string; data: Buffer }> {
  const photo = await CounselPhotoModel.findOne({
    _id: new Types.ObjectId(photoId),
    counselId: new Types.ObjectId(counselId),
  }).lean();
  // until WeChat's check passed it, nobody sees it (the board shows the previous photo)
  if (!photo || (photo.check ?? 'pass') !== 'pass') throw new AppError('PHOTO_NOT_FOUND');
  return { contentType: photo.contentType, data: Buffer.from(photo.data.buffer ?? photo.data) };
}
