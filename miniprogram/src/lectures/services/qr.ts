/**
 * The lecture's check-in code (a mini-program code from the server). Not through call(): the reply
 * is a PNG, fetched with the session header (an <Image src> cannot send it) and shown from a local
 * source, as the invitation's code (staff/services/qr.ts).
 */
import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import { apiBase, authHeader, networkError, replyError } from '../../shared/http';

/** A displayable local source of the code (a temp file in weapp, a blob URL in H5). */
export async function checkinQrSource(lectureId: string): Promise<string> {
  const url = apiBase() + fillPath(VC_ROUTES.lectureQrCode.path, { lectureId });
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers: { ...authHeader(), Accept: 'image/png' } });
    } catch {
      throw networkError();
    }
    if (!res.ok) throw replyError(res.status, await res.text().catch(() => ''));
    return URL.createObjectURL(await res.blob());
  }
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header: authHeader() });
  } catch {
    throw networkError();
  }
  if (res.statusCode !== 200) throw replyError(res.statusCode, '');
  return res.tempFilePath;
}

/**
 * The check-in link: in the weapp the code's own page and query (what the QR opens); in H5 the
 * app's own address with `#/` and the same page, so a phone's browser can open it.
 */
export function checkinLink(checkinPath: string): string {
  if (process.env.TARO_ENV !== 'h5') return `/${checkinPath}`;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/${checkinPath}`;
}

/** The lecture and its code from the page's query: `id` and `code`, or the code's `scene` (id-code). */
export function checkinTarget(params: Record<string, string | undefined>): { id: string; code: string } | null {
  if (params.id && params.code) return { id: params.id, code: params.code };
  const scene = decodeURIComponent(params.scene ?? '');
  const match = /^([a-f0-9]{24})-([a-z0-9]{6})$/.exec(scene);
  return match ? { id: match[1]!, code: match[2]! } : null;
}
