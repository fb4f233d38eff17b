/**
 * 下载我的数据: the person's own data as a JSON file. weapp: written to the app's user folder and
 * offered with wx.shareFileMessage (sent to a chat such as 文件传输助手, where it can be opened or
 * forwarded); H5: saved through a blob URL and an <a download> click.
 */
import Taro from '@tarojs/taro';
import type { DataCopy } from '@vc/types';
import { call } from '../../shared/api';
import { t } from '../../shared/i18n';

export async function downloadMyData(): Promise<DataCopy> {
  const copy = await call('myDataCopy');
  const fileName = t('privacy:copy.fileName', { date: copy.exportedAt.slice(0, 10) });
  const text = JSON.stringify(copy, null, 2);
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return copy;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
  await Taro.shareFileMessage({ filePath, fileName });
  return copy;
}
