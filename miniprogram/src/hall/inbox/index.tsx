import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { CaseKind, CaseSummary } from '@vc/types';
import { call } from '../../shared/api';
import { FilterChips, type Chip } from '../../shared/components/ListTools';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { CaseRow } from '../components/CaseRow';
import { CASE_KIND_LABELS, handlesCases } from '../services/hall';

type Tab = 'active' | 'done';
type KindFilter = CaseKind | '';
const KIND_CHIPS: Chip<KindFilter>[] = [
  { value: '', label: '全部' },
  ...(Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((k) => ({ value: k, label: CASE_KIND_LABELS[k] })),
];

/**
 * 办事大厅待办 (后台统一受理, issue 16): every case the person handles or oversees, overdue ones
 * first with the time left on each (the server sorts), by status and kind.
 */
export default function HallInbox() {
  const [tab, setTab] = useState<Tab>('active');
  const [kind, setKind] = useState<KindFilter>('');
  const list = useLoad<CaseSummary[]>();

  function load(t: Tab, k: KindFilter) {
    list.load(() => call('caseInbox', { query: { status: t, ...(k ? { kind: k } : {}) } }).then((r) => r.items));
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!handlesCases(session)) return list.fail('办事大厅待办仅供法律顾问、调解员和司法所、司法局工作人员使用');
    load(tab, kind);
  });

  function switchTo(t: Tab, k: KindFilter) {
    setTab(t);
    setKind(k);
    list.setData(null);
    load(t, k);
  }

  const items = list.data;
  return (
    <Screen>
      <View className="card">
        <View className="title">办事大厅待办</View>
        <View className="subtitle">法律援助、人民调解、预约、投诉建议统一受理，首问负责、限时办结</View>
      </View>
      <View className="row mb-m">
        {(['active', 'done'] as Tab[]).map((t) => (
          <View
            key={t}
            id={`tab-${t}`}
            className={`grow list-item list-tab${t === 'active' ? ' list-tab-first' : ''}${tab === t ? ' list-item-active' : ''}`}
            onClick={() => t !== tab && switchTo(t, kind)}
          >
            {t === 'active' ? '办理中' : '已办结'}
          </View>
        ))}
      </View>
      <FilterChips id="inbox-kind" chips={KIND_CHIPS} value={kind} onChange={(k) => switchTo(tab, k)} />
      <PageError message={list.error} />
      {!items && !list.error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="inbox-empty">
          {tab === 'active' ? '没有待办的事项' : '没有已办结的事项'}
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
