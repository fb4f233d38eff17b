/**
 * Cloud function `remind`, fired daily by its timer trigger (config.json): asks the server to remind
 * counsel who are behind schedule near the end of a month or quarter. The server decides who and
 * makes sure nobody is reminded twice for a period; this function only carries the signed call.
 */
import { serverSettings, signedPost } from '../common/server';

type RemindResult = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export async function main(event: { asOf?: string } = {}): Promise<RemindResult> {
  try {
    const reply = await signedPost(serverSettings(), '/api/internal/reminders/run', event?.asOf ? { asOf: event.asOf } : {});
    if (reply.status === 200) return { ok: true, result: reply.body };
    const error = (reply.body as { error?: { code: string; message: string } })?.error;
    return { ok: false, error: error ?? { code: 'SERVER_ERROR', message: '服务器暂时不可用，请稍后重试' } };
  } catch {
    return { ok: false, error: { code: 'SERVER_UNREACHABLE', message: '无法连接服务器，请稍后重试' } };
  }
}
