/**
 * Photos of a consultation. Not through call(): uploads are multipart (wx.uploadFile) and the
 * photos are binary, fetched with the session header (an <Image src> cannot send it).
 */
import { fillPath } from '@vc/types/src/paths';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@vc/types/src/constants';
import { photoSourceAt, uploadPhotoTo } from '../../shared/photo-transfer';
import { choosePhotos, type PhotoChoice } from '../../shared/photos';

export { MAX_PHOTOS };

/** Up to `count` photos for a question, compressed on the phone, each within the server's 2 MB. */
export const chooseQuestionPhotos = (count: number): Promise<PhotoChoice> => choosePhotos(count, MAX_PHOTO_BYTES);

/** Uploads one local photo; resolves with its id for askConsultation's photoIds. */
export const uploadPhoto = (filePath: string): Promise<string> => uploadPhotoTo(VC_ROUTES.uploadConsultationPhoto.path, filePath);

/** A displayable local source for a consultation photo (a temp file in weapp, a blob URL in H5). */
export const photoSource = (consultationId: string, photoId: string): Promise<string> =>
  photoSourceAt(fillPath(VC_ROUTES.consultationPhoto.path, { consultationId, photoId }));
