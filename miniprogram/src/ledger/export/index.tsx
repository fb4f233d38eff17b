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
import { useTranslation } from 'react-i18next';
import { t } from '../../shared/i18n';

function sizeText(bytes: number): string {
  if (bytes < 1024) return t('ledger:export.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 104857.6) / 10} MB`;
}

export default function CountyExport() {
  const { t } = useTranslation('ledger');
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
      action.fail(t('export.pickVillageName'));
      return;
    }
    action.clear();
    call('searchVillages', { query: { q: text, countyCode, limit: 20 } })
      .then((r) => setFound(r.items))
      .catch(action.fail);
  }

  function run() {
    if (!countyCode || action.busy) return;
    const county = countyName || countyCode;
    const fileName = village
      ? t('export.fileNameVillage', { county, month, village: village.name })
      : t('export.fileName', { county, month });
    setProgress({ percent: 0, bytes: 0 });
    void action.run(
      () =>
        exportLedger({ countyCode, month, villageCode: village?.code, fileName }, (percent, bytes) =>
          setProgress({ percent, bytes }),
        ),
      { ok: t('export.done', { fileName }), onError: () => setProgress(null) },
    );
  }

  return (
    <Screen title={t('export.title')}>
      <View className="card">
        <View className="title">{t('export.title')}</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <View className="muted">{t('export.scope')}</View>
        <View className="muted" id="export-archive-note">
          {t('export.archiveNote')}
        </View>
      </View>
      <ErrorMessage message={action.error} />

      <View className="card">
        <View className="muted">{t('export.month')}</View>
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

        <View className="muted mt-m">{t('export.villageHint')}</View>
        {village ? (
          <View className="row" id="export-village">
            <View className="grow">{village.name}</View>
            <Button small light id="export-village-clear" onClick={() => setVillage(null)}>
              {t('export.wholeCounty')}
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
                  placeholder={t('export.villagePlaceholder')}
                  onInput={(e) => setQ(e.detail.value)}
                  onConfirm={search}
                />
              </View>
              <Button small light id="export-village-search" onClick={search}>
                {t('export.search')}
              </Button>
            </View>
            {found?.length === 0 && <View className="muted">{t('export.notFound')}</View>}
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
        {action.busy ? t('export.exporting') : t('export.title')}
      </Button>

      {progress && (
        <View className="card" id="export-progress">
          <View>
            {progress.percent === null
              ? t('export.downloaded', { size: sizeText(progress.bytes) })
              : t('export.progress', { percent: progress.percent })}
          </View>
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
