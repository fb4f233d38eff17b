import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('consult');
  const router = useRouter();
  const [box, setBox] = useState<Box>('mine');
  const [tab, setTab] = useState<Tab>('active');
  const list = useLoad<ConsultationSummary[]>();
  const { data: items, error } = list;
  const [canAsk, setCanAsk] = useState(false);

  /** Only the last request counts (tabs switched quickly). */
  function load(b: Box, which: Tab) {
    list.load(() =>
      (b === 'mine' ? call('myConsultations') : call('consultationInbox', { query: { status: which } })).then((r) => r.items),
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

  function switchTab(next: Tab) {
    if (next === tab) return;
    setTab(next);
    list.setData(null);
    load(box, next);
  }

  const inbox = box === 'inbox';
  return (
    <Screen title={t('list.title')}>
      <View className="card">
        <View className="title">{inbox ? t('list.inboxTitle') : t('list.mineTitle')}</View>
        <View className="subtitle">{inbox ? t('list.inboxSubtitle') : t('list.mineSubtitle')}</View>
      </View>
      {inbox && (
        <View className="row mb-m">
          {(['active', 'closed'] as Tab[]).map((which) => (
            <View
              key={which}
              id={`tab-${which}`}
              className={`grow list-item list-tab${which === 'active' ? ' list-tab-first' : ''}${tab === which ? ' list-item-active' : ''}`}
              onClick={() => switchTab(which)}
            >
              {which === 'active' ? t('list.tabActive') : t('list.tabClosed')}
            </View>
          ))}
        </View>
      )}
      <PageError message={error} />
      {!items && !error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="consult-empty">
          {inbox ? (tab === 'active' ? t('list.emptyActive') : t('list.emptyClosed')) : t('list.emptyMine')}
        </View>
      )}
      {items?.map((c) => (
        <ConsultItem key={c.id} c={c} handlerView={inbox} onOpen={() => goto('consultThread', { id: c.id })} />
      ))}
      {!inbox && canAsk && (
        <Button id="consult-new" onClick={() => goto('consultAsk')}>
          {t('list.new')}
        </Button>
      )}
    </Screen>
  );
}
