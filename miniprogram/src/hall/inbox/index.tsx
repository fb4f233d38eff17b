import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CaseKind, CaseSummary } from '@vc/types';
import { call } from '../../shared/api';
import { FilterChips, type Chip } from '../../shared/components/ListTools';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { CaseRow } from '../components/CaseRow';
import { CASE_KINDS, handlesCases } from '../services/hall';

type Tab = 'active' | 'done';
type KindFilter = CaseKind | '';

/**
 * 办事大厅待办 (后台统一受理, issue 16): every case the person handles or oversees, overdue ones
 * first with the time left on each (the server sorts), by status and kind.
 */
export default function HallInbox() {
  const { t } = useTranslation(['hall', 'labels']);
  const [tab, setTab] = useState<Tab>('active');
  const [kind, setKind] = useState<KindFilter>('');
  const list = useLoad<CaseSummary[]>();

  function load(status: Tab, k: KindFilter) {
    list.load(() => call('caseInbox', { query: { status, ...(k ? { kind: k } : {}) } }).then((r) => r.items));
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!handlesCases(session)) return list.fail(t('inbox.notHandler'));
    load(tab, kind);
  });

  function switchTo(to: Tab, k: KindFilter) {
    setTab(to);
    setKind(k);
    list.setData(null);
    load(to, k);
  }

  const kindChips: Chip<KindFilter>[] = [
    { value: '', label: t('inbox.all') },
    ...CASE_KINDS.map((k) => ({ value: k, label: t(`labels:caseKind.${k}`) })),
  ];
  const items = list.data;
  return (
    <Screen title={t('inbox.title')}>
      <View className="card">
        <View className="title">{t('inbox.title')}</View>
        <View className="subtitle">{t('inbox.intro')}</View>
      </View>
      <View className="row mb-m">
        {(['active', 'done'] as Tab[]).map((to) => (
          <View
            key={to}
            id={`tab-${to}`}
            className={`grow list-item list-tab${to === 'active' ? ' list-tab-first' : ''}${tab === to ? ' list-item-active' : ''}`}
            onClick={() => to !== tab && switchTo(to, kind)}
          >
            {to === 'active' ? t('inbox.active') : t('inbox.done')}
          </View>
        ))}
      </View>
      <FilterChips id="inbox-kind" chips={kindChips} value={kind} onChange={(k) => switchTo(tab, k)} />
      <PageError message={list.error} />
      {!items && !list.error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="inbox-empty">
          {tab === 'active' ? t('inbox.emptyActive') : t('inbox.emptyDone')}
        </View>
      )}
      <View id="inbox-list">
        {items?.map((c) => (
          <CaseRow key={c.id} c={c} handlerView onOpen={() => goto('hallCase', { id: c.id })} />
        ))}
      </View>
    </Screen>
  );
}
