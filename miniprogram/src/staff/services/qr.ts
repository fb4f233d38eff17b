/**
 * The invitation's mini-program code. Not through call(): the reply is a PNG, fetched with the
 * session header (an <Image src> cannot send it) and shown from a local source.
 */
import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import { apiBase, authHeader, networkError, replyError } from '../../shared/http';
import { t } from '../../shared/i18n';

/** a function: the words of the moment the code fails to load */
const failed = () => t('staff:qrFailed');

/** A displayable local source of the code (a temp file in weapp, a blob URL in H5). */
export async function invitationQrSource(placeCode: string, invitationId: string): Promise<string> {
  const url = apiBase() + fillPath(VC_ROUTES.invitationQrCode.path, { code: placeCode, invitationId });
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: { ...authHeader(), Accept: 'image/png' } });
    } catch {
      throw networkError();
    }
    if (!res.ok) throw replyError(res.status, await res.text().catch(() => ''), { messages: { other: failed() } });
    return URL.createObjectURL(await res.blob());
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header: authHeader() });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 200) throw replyError(res.statusCode, '', { messages: { other: failed() } });
  return res.tempFilePath;
}
