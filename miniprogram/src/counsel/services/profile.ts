/**
 * A counsel's profile, by the counsel (their own) or by county staff correcting it: the same screen,
 * two sets of routes. The photo goes up as multipart (wx.uploadFile; in H5, Taro's chooseImage
 * opens a file chooser and uploadFile sends the chosen file), not through call().
 */
import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import { MAX_PROFILE_PHOTO_BYTES } from '@vc/types/src/constants';
import type { CounselProfile, CounselProfileChange, UpdateCounselProfileBody } from '@vc/types';
import { call } from '../../shared/api';
import { ApiError, apiBase, authHeader, networkError, replyError } from '../../shared/http';
import { choosePhotos, type PhotoChoice } from '../../shared/photos';
import { t } from '../../shared/i18n';
import counselZh from '@vc/types/src/i18n/locales/zh-Hans/counsel.json';

/** Whose profile the screen works on. */
export type ProfileMode = { kind: 'self' } | { kind: 'county'; countyCode: string; counselId: string };

export function modeOf(params: { countyCode?: string; counselId?: string }): ProfileMode {
  return params.countyCode && params.counselId
    ? { kind: 'county', countyCode: params.countyCode, counselId: params.counselId }
    : { kind: 'self' };
}

export const loadProfile = (mode: ProfileMode): Promise<CounselProfile> =>
  mode.kind === 'self' ? call('myCounselProfile') : call('counselProfile', { params: mode });

export const saveProfile = (mode: ProfileMode, body: UpdateCounselProfileBody): Promise<CounselProfile> =>
  mode.kind === 'self' ? call('updateMyCounselProfile', { body }) : call('correctCounselProfile', { params: mode, body });

export const loadHistory = async (mode: ProfileMode): Promise<CounselProfileChange[]> =>
  (mode.kind === 'self' ? await call('myCounselProfileHistory') : await call('counselProfileHistory', { params: mode })).items;

/** The number behind a code of WeChat's phone-number button (weapp only; the counsel's own). */
export const phoneFromWechat = (code: string): Promise<CounselProfile> => call('myCounselWechatPhone', { body: { code } });

/** A photo's URL as an <Image> can load it (the server answers a path on its own origin). */
export const photoSource = (photoUrl: string): string => (photoUrl.startsWith('/') ? apiBase() + photoUrl : photoUrl);

/** One photo from the album or camera, compressed on the phone and within the server's 5 MB. */
export const choosePhoto = (): Promise<PhotoChoice> => choosePhotos(1, MAX_PROFILE_PHOTO_BYTES);

/** Uploads the photo; the server checks, resizes and stores it and answers the profile. */
export async function uploadProfilePhoto(mode: ProfileMode, filePath: string): Promise<CounselProfile> {
  const path =
    mode.kind === 'self'
      ? VC_ROUTES.uploadMyCounselPhoto.path
      : fillPath(VC_ROUTES.uploadCounselPhoto.path, { countyCode: mode.countyCode, counselId: mode.counselId });
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: apiBase() + path, filePath, name: 'file', header: authHeader() });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 200)
    throw replyError(res.statusCode, res.data, { messages: { other: t('counsel:profile.photoFailed') } });
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as CounselProfile | null;
  if (!body?.counselId) throw new ApiError(res.statusCode, 'BAD_REPLY', t('counsel:profile.photoFailed'));
  return body;
}

/** What the form holds: text as typed; the phone empty unless a new number is typed. */
export interface ProfileForm {
  name: string;
  title: string;
  organization: string;
  certificateNumber: string;
  phone: string;
  /** one duty per line */
  duties: string;
  /** separated by 、 or commas */
  specialties: string;
  hours: Record<string, string>;
}

export function formOf(p: CounselProfile): ProfileForm {
  return {
    name: p.name,
    title: p.title,
    organization: p.organization,
    certificateNumber: p.certificateNumber,
    phone: '',
    duties: p.duties.join('\n'),
    specialties: p.specialties.join('、'),
    hours: Object.fromEntries(p.villages.map((v) => [v.code, v.onSiteHours])),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** The body to send, or a message (in the person's language) for what can be seen wrong here (the server checks the rest). */
export function bodyOf(form: ProfileForm, p: CounselProfile): { body: UpdateCounselProfileBody } | { error: string } {
  if (!form.name.trim()) return { error: t('counsel:profile.nameMissing') };
  if (!form.organization.trim()) return { error: t('counsel:profile.organizationMissing') };
  const phone = form.phone.trim();
  if (phone && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone)) return { error: t('counsel:profile.phoneInvalid') };
  const certificate = form.certificateNumber.trim();
  if (certificate && !/^[0-9A-Za-z-]{6,30}$/.test(certificate)) return { error: t('counsel:profile.certificateInvalid') };
  const body: UpdateCounselProfileBody = {
    name: form.name.trim(),
    // the default title is data shown on the notice board: always the Chinese, whatever the language
    title: form.title.trim() || counselZh.profile.defaultTitle,
    organization: form.organization.trim(),
    duties: lines(form.duties),
    specialties: form.specialties
      .split(/[、,，;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
    onSiteHours: p.villages.map((v) => ({ villageCode: v.code, text: (form.hours[v.code] ?? '').trim() })),
  };
  if (certificate) body.certificateNumber = certificate;
  if (phone) body.phone = phone;
  return { body };
}
