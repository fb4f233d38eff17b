import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, ServedService } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { CaseRow } from '../components/CaseRow';
import { ServedServices } from '../components/ServedServices';
import '../components/hall.css';

/** The four services, each one tap from here. */
const SERVICES = [
  { id: 'hall-legal-aid', key: 'legalAid', go: () => goto('hallLegalAid') },
  { id: 'hall-mediation', key: 'mediation', go: () => goto('hallApply', { kind: 'mediation' }) },
  { id: 'hall-booking', key: 'booking', go: () => goto('hallApply', { kind: 'booking' }) },
  { id: 'hall-complaint', key: 'complaint', go: () => goto('hallApply', { kind: 'complaint' }) },
] as const;

/** 服务大厅 (issue 16): the services a villager asks for, and 我的办事 with where each stands. */
export default function HallIndex() {
  const { t } = useTranslation('hall');
  const [bound, setBound] = useState(true);
  const list = useLoad<CaseSummary[]>();
  const [served, setServed] = useState<ServedService[]>([]);

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    // cases are opened at the applicant's village: bind one first
    setBound(!!session.user.village);
    if (session.user.village) list.load(() => call('myCases').then((r) => r.items));
    // the services a counsel recorded with this villager named; the hall works without them
    call('myServedServices')
      .then((r) => setServed(r.items))
      .catch(() => setServed([]));
  });

  if (!bound)
    return (
      <Screen title={t('index.title')}>
        <View className="card" id="hall-unbound">
          <View className="title">{t('index.title')}</View>
          <View className="mt-s">{t('index.unbound')}</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            {t('goBind')}
          </Button>
        </View>
      </Screen>
    );

  return (
    <Screen title={t('index.title')}>
      <View className="card">
        <View className="title">{t('index.title')}</View>
        <View className="subtitle">{t('index.intro')}</View>
        {SERVICES.map((s) => (
          <View key={s.id} id={s.id} className="list-item hall-entry" hoverClass="btn-hover" role="button" onClick={s.go}>
            <View className="hall-entry-label bold">{t(`index.services.${s.key}.label`)}</View>
            <View className="muted">{t(`index.services.${s.key}.note`)}</View>
          </View>
        ))}
      </View>
      <View className="section-title">{t('index.mine')}</View>
      <ErrorMessage message={list.error} />
      {!list.data && !list.error && <View className="muted">{t('loading')}</View>}
      {list.data && list.data.length === 0 && (
        <View className="muted" id="hall-empty">
          {t('index.empty')}
        </View>
      )}
      <View id="hall-mine">
        {list.data?.map((c) => (
          <CaseRow key={c.id} c={c} handlerView={false} onOpen={() => goto('hallCase', { id: c.id })} />
        ))}
      </View>
      <ServedServices items={served} onRated={(s) => setServed((all) => all.map((x) => (x.entryId === s.entryId ? s : x)))} />
    </Screen>
  );
}
