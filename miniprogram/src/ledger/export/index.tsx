import { useState } from 'react';
import { Input, Picker, View } from '@tarojs/components';
import type { VillageSummary } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { beijingDate, beijingMonth } from '../../shared/time';
import { exportLedger } from '../services/export';
import { Screen } from '../../shared/components/Screen';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 104857.6) / 10} MB`;
}

export default function CountyExport() {
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [countyName, setCountyName] = useState('');
  const [month, setMonth] = useState(() => beijingMonth());
  const [q, setQ] = useState('');
  const [found, setFound] = useState<VillageSummary[] | null>(null);
  const [village, setVillage] = useState<VillageSummary | null>(null);
  const [progress, setProgress] = useState<{ percent: number | null; bytes: number } | null>(null);
  const action = useAction();

  useStaffPlace(
    'county_staff',
    ({ code, name }) => {
      setCountyCode(code);
      setCountyName(name);
    },
    action.fail,
  );

  function search() {
    if (!countyCode) return;
    const text = q.trim();
    if (!text) {
      action.fail('请输入村（社区）名称');
      return;
    }
    action.clear();
    call('searchVillages', { query: { q: text, countyCode, limit: 20 } })
      .then((r) => setFound(r.items))
      .catch(action.fail);
  }

  function run() {
    if (!countyCode || action.busy) return;
    const fileName = `台账-${countyName || countyCode}-${month}${village ? `-${village.name}` : ''}.xlsx`;
    setProgress({ percent: 0, bytes: 0 });
    void action.run(
      () =>
        exportLedger({ countyCode, month, villageCode: village?.code, fileName }, (percent, bytes) =>
          setProgress({ percent, bytes }),
        ),
      { ok: `已导出：${fileName}`, onError: () => setProgress(null) },
    );
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">导出台账</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <View className="muted">一村一卷（每村一个工作表），一事一记，附汇总表</View>
        <View className="muted" id="export-archive-note">
          已锁定的月份导出锁定时的归档，之后不再变化；锁定后的补登与审核另列“锁定后补登与审核”表，不计入归档数字。未锁定的月份按导出时的记录。本季度、本年度只计到所选月份月末。
        </View>
      </View>
      <ErrorMessage message={action.error} />

      <View className="card">
        <View className="muted">导出月份</View>
        <Picker
          mode="date"
          fields="month"
          value={month}
          end={beijingDate()}
          onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}
        >
          <View className="input input-line" id="export-month">
            {month}
          </View>
        </Picker>

        <View className="muted mt-m">只导出某个村（可不选，默认导出全县）</View>
        {village ? (
          <View className="row" id="export-village">
            <View className="grow">{village.name}</View>
            <Button small light id="export-village-clear" onClick={() => setVillage(null)}>
              导出全县
            </Button>
          </View>
        ) : (
          <View>
            <View className="row">
              <View className="grow gap-right">
                <Input
                  id="export-village-query"
                  className="input"
                  value={q}
                  placeholder="输入村（社区）名称"
                  onInput={(e) => setQ(e.detail.value)}
                  onConfirm={search}
                />
              </View>
              <Button small light id="export-village-search" onClick={search}>
                查找
              </Button>
            </View>
            {found?.length === 0 && <View className="muted">没有找到</View>}
            {found?.map((v) => (
              <View
                key={v.code}
                id={`export-village-${v.code}`}
                className="list-item"
                hoverClass="btn-hover"
                onClick={() => {
                  setVillage(v);
                  setFound(null);
                }}
              >
                {v.name}
              </View>
            ))}
          </View>
        )}
      </View>

      <Button id="export-button" disabled={action.busy || !countyCode} onClick={run}>
        {action.busy ? '正在导出…' : '导出台账'}
      </Button>

      {progress && (
        <View className="card" id="export-progress">
          <View>{progress.percent === null ? `已下载 ${sizeText(progress.bytes)}` : `下载进度 ${progress.percent}%`}</View>
          <View className="progress-track mt-xs">
            <View
              className={progress.percent === 100 ? 'progress-fill progress-done' : 'progress-fill'}
              style={{ width: `${progress.percent ?? 50}%` }}
            />
          </View>
        </View>
      )}
      {action.ok && (
        <View id="export-done" className="ok">
          {action.ok}
        </View>
      )}
    </Screen>
  );
}
