/**
 * Photos of a consultation. Not through call(): uploads are multipart (wx.uploadFile) and the
 * photos are binary, fetched with the session header (an <Image src> cannot send it).
 */
import Taro from '@tarojs/taro';
import { PATHS, fillPath } from '@vc/types/src/paths';
import { ApiError, NETWORK_MESSAGE, apiBase } from './api';
import { getToken } from './session';

export const MAX_PHOTOS = 4;

function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function errorOf(status: number, data: unknown): ApiError {
  let body = data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      /* not JSON */
    }
  }
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') return new ApiError(status, err.code, err.message);
  return new ApiError(status, 'HTTP_' + status, '照片上传失败，请稍后重试');
}

/** Picks up to `count` photos from the album or camera, compressed by the phone. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch {
    return []; // cancelled
  }
}

/** Uploads one local photo; resolves with its id for askConsultation's photoIds. */
export async function uploadPhoto(filePath: string): Promise<string> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: apiBase() + PATHS.uploadConsultationPhoto.path,
      filePath,
      name: 'file',
      header: authHeader(),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (res.statusCode !== 201) throw errorOf(res.statusCode, res.data);
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as { photoId?: string };
  if (!body?.photoId) throw new ApiError(res.statusCode, 'BAD_REPLY', '照片上传失败，请稍后重试');
  return body.photoId;
}

/** A displayable local source for a consultation photo (a temp file in weapp, a blob URL in H5). */
export async function photoSource(consultationId: string, photoId: string): Promise<string> {
  const url = apiBase() + fillPath(PATHS.consultationPhoto.path, { consultationId, photoId });
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw errorOf(res.status, await res.text().catch(() => ''));
    return URL.createObjectURL(await res.blob());
  }
  const res = await Taro.downloadFile({ url, header: authHeader() });
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, 'HTTP_' + res.statusCode, '照片加载失败');
  return res.tempFilePath;
}
