/**
 * Photos of a consultation. Not through call(): uploads are multipart (wx.uploadFile) and the
 * photos are binary, fetched with the session header (an <Image src> cannot send it).
 */
import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@vc/types/src/constants';
import { ApiError, apiBase, authHeader, networkError, replyError } from '../../shared/http';
import { choosePhotos, type PhotoChoice } from '../../shared/photos';

export { MAX_PHOTOS };

const errorOf = (status: number, data: unknown, failed: string): ApiError =>
  replyError(status, data, { messages: { other: failed } });

/** Up to `count` photos for a question, compressed on the phone, each within the server's 2 MB. */
export const chooseQuestionPhotos = (count: number): Promise<PhotoChoice> => choosePhotos(count, MAX_PHOTO_BYTES);

/** Uploads one local photo; resolves with its id for askConsultation's photoIds. */
export async function uploadPhoto(filePath: string): Promise<string> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: apiBase() + VC_ROUTES.uploadConsultationPhoto.path,
      filePath,
      name: 'file',
      header: authHeader(),
    });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 201) throw errorOf(res.statusCode, res.data, '照片上传失败，请稍后重试');
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as { photoId?: string };
  if (!body?.photoId) throw new ApiError(res.statusCode, 'BAD_REPLY', '照片上传失败，请稍后重试');
  return body.photoId;
}

/** A displayable local source for a consultation photo (a temp file in weapp, a blob URL in H5). */
export async function photoSource(consultationId: string, photoId: string): Promise<string> {
  const url = apiBase() + fillPath(VC_ROUTES.consultationPhoto.path, { consultationId, photoId });
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw errorOf(res.status, await res.text().catch(() => ''), '照片加载失败');
    return URL.createObjectURL(await res.blob());
  }
  const res = await Taro.downloadFile({ url, header: authHeader() });
  if (res.statusCode !== 200) throw errorOf(res.statusCode, '', '照片加载失败');
  return res.tempFilePath;
}
