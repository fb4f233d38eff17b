import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { TownshipLedgerLock } from '@vc/types';
import { call } from '../../shared/api';
import { MoreLine } from '../../shared/components/ListTools';
import { formatBeijing } from '../../shared/time';
import { useTranslation } from 'react-i18next';

const PAGE = 6;

/**
 * A township's locked ledger months, newest first, with who locked each and when (issue 14 item 5):
 * reloaded whenever `version` changes (e.g. after the page locks a month).
 */
export function LedgerLocks(props: {
  townshipCode: string;
  townshipName?: string;
  version?: number;
  onError: (e: unknown) => void;
}) {
  const { townshipCode, townshipName, version = 0, onError } = props;
  const { t } = useTranslation('ledger');
  const [items, setItems] = useState<TownshipLedgerLock[] | null>(null);
  const [name, setName] = useState(townshipName ?? '');
  const [shown, setShown] = useState(PAGE);

  useEffect(() => {
    let live = true;
    call('townshipLedgerLocks', { params: { townshipCode }, query: {} })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setName(r.townshipName);
      })
      .catch((e: unknown) => live && onError(e));
    return () => {
      live = false;
    };
    // onError is the page's action.fail, stable; a new township or version reloads
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [townshipCode, version]);

  return (
    <View className="card" id="ledger-locks">
      <View className="section-title">{name ? t('locks.titleOf', { name }) : t('locks.title')}</View>
      {!items && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="locks-empty">
          {t('locks.empty')}
        </View>
      )}
      {items?.slice(0, shown).map((l) => (
        <View key={l.month} className="row row-tap" id={`lock-${l.month}`}>
          <View className="grow bold">{l.month}</View>
          <View className="muted">{t('locks.by', { name: l.lockedByName, at: formatBeijing(l.lockedAt, 'full') })}</View>
        </View>
      ))}
      {items && items.length > PAGE && (
        <MoreLine id="locks-more" shown={shown} total={items.length} onMore={() => setShown((n) => n + PAGE)} />
      )}
    </View>
  );
}
