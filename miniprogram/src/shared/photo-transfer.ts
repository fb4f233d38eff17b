/**
 * Sending and fetching photos people attach (a question's, an application's documents). Not
 * through call(): uploads are multipart (wx.uploadFile) and photos are binary, fetched with the
 * session header (an <Image src> cannot send it).
 */
import Taro from '@tarojs/taro';
import { ApiError, apiBase, authHeader, networkError, replyError } from './http';
import { t } from './i18n';

const errorOf = (status: number, data: unknown, failed: string): ApiError =>
  replyError(status, data, { messages: { other: failed } });

/** Uploads one local photo to `path` (an upload route's); resolves with the photo's id. */
export async function uploadPhotoTo(path: string, filePath: string): Promise<string> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({ url: apiBase() + path, filePath, name: 'file', header: authHeader() });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 201) throw errorOf(res.statusCode, res.data, t('common:photos.uploadFailed'));
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as { photoId?: string };
  if (!body?.photoId) throw new ApiError(res.statusCode, 'BAD_REPLY', t('common:photos.uploadFailed'));
  return body.photoId;
}

/** A displayable local source for the photo at `path` (a temp file in weapp, a blob URL in H5). */
export async function photoSourceAt(path: string): Promise<string> {
  const url = apiBase() + path;
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw errorOf(res.status, await res.text().catch(() => ''), t('common:photos.loadFailed'));
    return URL.createObjectURL(await res.blob());
  }
  const res = await Taro.downloadFile({ url, header: authHeader() });
  if (res.statusCode !== 200) throw errorOf(res.statusCode, '', t('common:photos.loadFailed'));
  return res.tempFilePath;
}
