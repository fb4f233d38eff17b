import { View } from '@tarojs/components';
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
  if (user.residentStatus === 'pending') {
    return (
      <View>
        <View className="card muted" id="resident-pending">
          您已申请绑定{village.name}，待村（居）两委确认您是本村村民后即可在线咨询、加入村工作群。
        </View>
        <BoardLoader villageCode={village.code} />
      </View>
    );
  }
  return (
    <View>
      <Button id="home-ask" onClick={() => goto('consultAsk')}>
        私下咨询法律顾问
      </Button>
      <Button light id="home-my-consultations" onClick={() => goto('consultList', { box: 'mine' })}>
        我的咨询
      </Button>
      <Button light id="home-hall" onClick={() => goto('hallIndex')}>
        服务大厅（法律援助、调解、预约、投诉）
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
  const user = useSignedInUser((me) => {
    // entries saved while offline are sent as soon as the app is back
    if (me.roles.some((g) => g.role === 'counsel')) startLedgerSync();
  });
  if (!user)
    return (
      <Screen>
        <View className="muted">正在加载…</View>
      </Screen>
    );
  const staff = isStaff(user);
  return (
    <Screen>
      <ConsentGate />
      <View className="card">
        <View className="title" id="home-user-name">
          {user.name}
        </View>
        {user.village && <View className="subtitle">{user.village.name}</View>}
      </View>
      {staff ? <TodoPanel /> : user.village && <VillagerHome user={user} />}
      <Button light id="home-work" onClick={() => goto('work')}>
        {staff ? '全部工作' : '更多服务'}
      </Button>
    </Screen>
  );
}
