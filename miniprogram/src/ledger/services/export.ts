/**
 * Downloads the county ledger archive (xlsx). Not through call(): the reply is a file.
 * weapp: Taro.downloadFile (with the bearer token) + onProgressUpdate, then Taro.openDocument.
 * H5: fetch with the header, read the body stream for progress, then save through a blob URL
 * and an <a download> click.
 */
import Taro from '@tarojs/taro';
import { fillPath } from '@vc/types/src/paths';
import { ApiError, apiBase, authHeader, networkError, replyError, type FallbackMessages } from '../../shared/http';
import { t } from '../../shared/i18n';

export interface ExportRequest {
  countyCode: string;
  month: string;
  villageCode?: string;
  /** shown to the user and used as the file name */
  fileName: string;
}

/** progress 0..100, or null when the size is unknown */
export type OnProgress = (percent: number | null, receivedBytes: number) => void;

export function exportUrl(r: ExportRequest): string {
  const q = [`month=${encodeURIComponent(r.month)}`];
  if (r.villageCode) q.push(`villageCode=${encodeURIComponent(r.villageCode)}`);
  return apiBase() + fillPath(VC_ROUTES.ledgerExport.path, { countyCode: r.countyCode }) + '?' + q.join('&');
}

// a function: the words are looked up when an export fails, in the language of that moment
const exportMessages = (): FallbackMessages => ({
  403: t('ledger:exportFile.forbidden'),
  other: t('ledger:exportFile.failed'),
});
const errorOf = (status: number, text: string): ApiError => replyError(status, text, { messages: exportMessages() });

async function exportH5(r: ExportRequest, onProgress: OnProgress): Promise<void> {
  let res: Response;
  try {
    res = await fetch(exportUrl(r), { headers: { ...authHeader(), Accept: 'application/octet-stream' } });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw errorOf(res.status, await res.text().catch(() => ''));
  const total = Number(res.headers.get('content-length')) || 0;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value) {
        chunks.push(value);
        received += value.length;
        onProgress(total ? Math.min(100, Math.round((received / total) * 100)) : null, received);
      }
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    received = buf.length;
  }
  onProgress(100, received);
  const blob = new Blob(chunks as BlobPart[], {
    type: res.headers.get('content-type') || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function exportWeapp(r: ExportRequest, onProgress: OnProgress): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const task = Taro.downloadFile({
      url: exportUrl(r),
      header: authHeader(),
      success: (res) => {
        if (res.statusCode < 200 || res.statusCode >= 300) {
          reject(errorOf(res.statusCode, ''));
          return;
        }
        onProgress(100, 0);
        Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
          .then(() => resolve())
          .catch(() => reject(new ApiError(0, 'OPEN_FAILED', t('ledger:exportFile.openFailed'))));
      },
      fail: () => reject(networkError()),
    });
    task?.onProgressUpdate?.((p) => onProgress(p.progress, p.totalBytesWritten));
  });
}

/** Downloads (and in weapp opens) the archive; rejects with ApiError. */
export function exportLedger(r: ExportRequest, onProgress: OnProgress): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? exportH5(r, onProgress) : exportWeapp(r, onProgress);
}
