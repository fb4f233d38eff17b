import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GroupSummary, GroupTier, Me } from '@vc/types';
import { Button } from '../../components/Button';
import { GroupListItem } from '../../components/GroupListItem';
import { ErrorMessage, OkMessage } from '../../components/Message';
import { call, messageOf } from '../../services/api';
import { seenSeq } from '../../services/groupChat';
import { GROUP_TIER_LABELS } from '../../services/labels';
import { goto, replaceWith } from '../../services/nav';
import { getSession } from '../../services/session';

const TIERS: GroupTier[] = ['village', 'township', 'county'];

/** Township and county staff review held posts of the groups they moderate. */
function heldPlaces(user: Me): { code: string; name: string }[] {
  return user.roles
    .filter((g) => g.role === 'township_staff' || g.role === 'county_staff')
    .map((g) => ({ code: g.placeCode, name: g.placeName }));
}

export default function GroupList() {
  const [user, setUser] = useState<Me | null>(() => getSession()?.user ?? null);
  const [items, setItems] = useState<GroupSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function load() {
    call('myGroups')
      .then((r) => setItems(r.items))
      .catch((e) => setError(messageOf(e)));
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

  async function join(g: GroupSummary, note: string) {
    setError(null);
    setOk(null);
    setBusy(true);
    try {
      const r = await call('joinGroup', { params: { groupCode: g.code }, body: note ? { note } : {} });
      setOk(r.standing === 'pending' ? `已提交加入${g.name}的申请，请等待管理员审核` : `已加入${g.name}`);
      setItems((list) => list?.map((x) => (x.code === g.code ? { ...x, standing: r.standing } : x)) ?? list);
      load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const userId = user?.id ?? '';
  return (
    <View className="page">
      <View className="card">
        <View className="title">工作群</View>
        <View className="subtitle">群内不得发布国家秘密、商业秘密和个人隐私；个人问题请私下咨询法律顾问。</View>
      </View>
      <ErrorMessage message={error} />
      <OkMessage message={ok} />
      {!items && !error && <View className="muted">正在加载…</View>}
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
                  busy={busy}
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
    </View>
  );
}
