import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GroupSummary, Me } from '@vc/types';
import { TIERS } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
import { GROUP_TIER_LABELS } from '../../shared/labels';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { GroupListItem } from '../components/GroupListItem';
import { seenSeq } from '../services/chat';
import { Screen } from '../../shared/components/Screen';

/** Township and county staff review held posts of the groups they moderate. */
function heldPlaces(user: Me): { code: string; name: string }[] {
  return user.roles
    .filter((g) => g.role === 'township_staff' || g.role === 'county_staff')
    .map((g) => ({ code: g.placeCode, name: g.placeName }));
}

export default function GroupList() {
  const [user, setUser] = useState<Me | null>(() => getSession()?.user ?? null);
  const [items, setItems] = useState<GroupSummary[] | null>(null);
  const action = useAction();
  // a join request promises a notice when a moderator decides it (issue 13 item 5)
  const subscribe = useSubscribe(['joinDecided']);

  function load() {
    call('myGroups')
      .then((r) => setItems(r.items))
      .catch(action.fail);
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    setUser(session.user);
    load();
  });

  function join(g: GroupSummary, note: string) {
    // only a request waits for a decision (can_join joins at once); WeChat's sheet first, from this tap
    const asked = g.standing !== 'can_join' && !action.busy ? subscribe.ask() : Promise.resolve();
    void action.run(
      async () => {
        await asked;
        const r = await call('joinGroup', { params: { groupCode: g.code }, body: note ? { note } : {} });
        setItems((list) => list?.map((x) => (x.code === g.code ? { ...x, standing: r.standing } : x)) ?? list);
        load();
        return r;
      },
      { ok: (r) => (r.standing === 'pending' ? `已提交加入${g.name}的申请，请等待管理员审核` : `已加入${g.name}`) },
    );
  }

  const userId = user?.id ?? '';
  return (
    <Screen>
      <View className="card">
        <View className="title">工作群</View>
        <View className="subtitle">群内不得发布国家秘密、商业秘密和个人隐私；个人问题请私下咨询法律顾问。</View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="groups-empty">
          暂无可加入的工作群
        </View>
      )}
      {items &&
        TIERS.map((tier) => {
          const list = items.filter((g) => g.tier === tier);
          if (list.length === 0) return null;
          return (
            <View key={tier} id={`tier-${tier}`}>
              <View className="section-title">{GROUP_TIER_LABELS[tier]}</View>
              {list.map((g) => (
                <GroupListItem
                  key={g.code}
                  group={g}
                  unseen={Math.max(0, g.lastSeq - (seenSeq(userId, g.code) || g.lastSeq))}
                  busy={action.busy}
                  onOpen={() => goto('groupChat', { code: g.code })}
                  onManage={() => goto('groupManage', { code: g.code })}
                  onJoin={(note) => join(g, note)}
                />
              ))}
            </View>
          );
        })}
      {user &&
        heldPlaces(user).map((p) => (
          <Button light key={p.code} id={`held-${p.code}`} onClick={() => goto('groupHeld', { code: p.code })}>
            {p.name}待审核群消息
          </Button>
        ))}
      <Button light id="open-reports" onClick={() => goto('groupReports')}>
        {user?.roles.some((g) => g.role === 'township_staff') ? '举报与咨询审核' : '我的举报'}
      </Button>
    </Screen>
  );
}
