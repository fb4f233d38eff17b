import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ConsultationSummary, Session } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { PageError } from '../../shared/components/Message';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ConsultItem } from '../components/ConsultItem';
import { Screen } from '../../shared/components/Screen';

type Box = 'mine' | 'inbox';
type Tab = 'active' | 'closed';

const HANDLER_ROLES = ['counsel', 'township_staff', 'county_staff', 'county_expert'];

function handles(session: Session): boolean {
  return session.user.roles.some((g) => HANDLER_ROLES.includes(g.role));
}

/** The box asked for, else the inbox for those who handle consultations and their own otherwise. */
function boxOf(session: Session, asked: string | undefined): Box {
  if (asked === 'mine' || asked === 'inbox') return asked;
  return handles(session) ? 'inbox' : 'mine';
}

export default function ConsultList() {
  const router = useRouter();
  const [box, setBox] = useState<Box>('mine');
  const [tab, setTab] = useState<Tab>('active');
  const list = useLoad<ConsultationSummary[]>();
  const { data: items, error } = list;
  const [canAsk, setCanAsk] = useState(false);

  /** Only the last request counts (tabs switched quickly). */
  function load(b: Box, t: Tab) {
    list.load(() =>
      (b === 'mine' ? call('myConsultations') : call('consultationInbox', { query: { status: t } })).then((r) => r.items),
    );
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const b = boxOf(session, router.params.box);
    setBox(b);
    setCanAsk(!!session.user.village);
    load(b, tab);
  });

  function switchTab(t: Tab) {
    if (t === tab) return;
    setTab(t);
    list.setData(null);
    load(box, t);
  }

  const inbox = box === 'inbox';
  return (
    <Screen>
      <View className="card">
        <View className="title">{inbox ? '咨询待办' : '我的咨询'}</View>
        <View className="subtitle">
          {inbox ? '首问负责、限时办结：先答复的人负责到底，解决不了的提交上级' : '您向法律顾问提出的私下咨询'}
        </View>
      </View>
      {inbox && (
        <View className="row mb-m">
          {(['active', 'closed'] as Tab[]).map((t) => (
            <View
              key={t}
              id={`tab-${t}`}
              className={`grow list-item list-tab${t === 'active' ? ' list-tab-first' : ''}${tab === t ? ' list-item-active' : ''}`}
              onClick={() => switchTab(t)}
            >
              {t === 'active' ? '待办' : '已办结'}
            </View>
          ))}
        </View>
      )}
      <PageError message={error} />
      {!items && !error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="consult-empty">
          {inbox ? (tab === 'active' ? '没有待办的咨询' : '没有已办结的咨询') : '您还没有提出过咨询'}
        </View>
      )}
      {items?.map((c) => (
        <ConsultItem key={c.id} c={c} handlerView={inbox} onOpen={() => goto('consultThread', { id: c.id })} />
      ))}
      {!inbox && canAsk && (
        <Button id="consult-new" onClick={() => goto('consultAsk')}>
          提出新的咨询
        </Button>
      )}
    </Screen>
  );
}
