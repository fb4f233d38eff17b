import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Me } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { goto } from '../../shared/nav';
import { startLedgerSync } from '../../ledger/services/queue';
import { BoardLoader } from '../components/BoardLoader';
import { isStaff, useSignedInUser } from '../components/useSignedInUser';
import { ConsentGate } from '../../privacy/components/ConsentGate';
import { TodoPanel } from './Todo';
import { Screen } from '../../shared/components/Screen';
import { NextLecture } from '../../lectures/components/NextLecture';

/** A villager's home: asking their counsel first (large), then their village's notice board. */
function VillagerHome({ user }: { user: Me }) {
  const village = user.village!;
  const { t } = useTranslation('home');
  if (user.residentStatus === 'pending') {
    return (
      <View>
        <View className="card muted" id="resident-pending">
          {t('index.pending', { village: village.name })}
        </View>
        <BoardLoader villageCode={village.code} />
      </View>
    );
  }
  return (
    <View>
      <Button id="home-ask" onClick={() => goto('consultAsk')}>
        {t('index.ask')}
      </Button>
      <Button light id="home-my-consultations" onClick={() => goto('consultList', { box: 'mine' })}>
        {t('index.myConsultations')}
      </Button>
      <Button light id="home-hall" onClick={() => goto('hallIndex')}>
        {t('index.hall')}
      </Button>
      <NextLecture user={user} />
      <BoardLoader villageCode={village.code} />
    </View>
  );
}

/**
 * 首页 (issue 14 items 1 and 4): who is signed in and what waits for them — to-do counts and the
 * most urgent items for staff and counsel, asking and the notice board for villagers. Everything
 * else the roles allow is on the 办事 tab.
 */
export default function Index() {
  const { t } = useTranslation('home');
  const user = useSignedInUser((me) => {
    // entries saved while offline are sent as soon as the app is back
    if (me.roles.some((g) => g.role === 'counsel')) startLedgerSync();
  });
  if (!user)
    return (
      <Screen title={t('index.title')}>
        <View className="muted">{t('index.loading')}</View>
      </Screen>
    );
  const staff = isStaff(user);
  return (
    <Screen title={t('index.title')}>
      <ConsentGate />
      <View className="card">
        <View className="title" id="home-user-name">
          {user.name}
        </View>
        {user.village && <View className="subtitle">{user.village.name}</View>}
      </View>
      {staff ? <TodoPanel /> : user.village && <VillagerHome user={user} />}
      <Button light id="home-work" onClick={() => goto('work')}>
        {staff ? t('index.allWork') : t('index.moreServices')}
      </Button>
    </Screen>
  );
}
