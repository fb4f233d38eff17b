import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { HeldPost } from '@vc/types';
import { call } from '../../shared/api';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { GroupHeldItem } from '../components/GroupHeldItem';
import { Screen } from '../../shared/components/Screen';

type Status = HeldPost['status'];
const TABS: { status: Status; label: string }[] = [
  { status: 'held', label: '待审核' },
  { status: 'released', label: '已放行' },
  { status: 'rejected', label: '不予发布' },
];

/** Posts held by the content check in the groups a township or county office moderates. */
export default function GroupHeld() {
  const router = useRouter();
  const [session] = useState(() => getSession());
  const code =
    router.params.code ||
    session?.user.roles.find((g) => g.role === 'township_staff' || g.role === 'county_staff')?.placeCode ||
    '';
  const placeName = session?.user.roles.find((g) => g.placeCode === code)?.placeName ?? '';
  const [status, setStatus] = useState<Status>('held');
  const [items, setItems] = useState<HeldPost[] | null>(null);
  const action = useAction();

  function load(s: Status) {
    setItems(null);
    call('heldPosts', { params: { code }, query: { status: s } })
      .then((r) => setItems(r.items))
      .catch(action.fail);
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    if (!code) {
      action.fail('您没有司法所或县（区）司法局工作人员权限');
      return;
    }
    load(status);
  });

  function show(s: Status) {
    action.clear();
    setStatus(s);
    load(s);
  }

  function decide(p: HeldPost, decision: 'release' | 'reject', reason: string) {
    void action.run(
      async () => {
        await call('decideHeldPost', {
          params: { code, heldId: p.id },
          body: reason ? { decision, reason } : { decision },
        });
        setItems((list) => list?.filter((x) => x.id !== p.id) ?? list);
      },
      {
        ok:
          decision === 'release'
            ? `已放行 ${p.authorName} 的消息，已在${p.groupName}显示`
            : `已决定不予发布 ${p.authorName} 的消息`,
        onError: () => load(status),
        confirm:
          decision === 'release'
            ? {
                title: '放行这条消息？',
                content: `放行后 ${p.authorName} 的消息会显示在${p.groupName}，群里的人都能看到。`,
                confirmText: '放行',
              }
            : {
                title: '不予发布？',
                content: `${p.authorName} 的消息将不会显示在群里，作者会看到处理结果和原因。`,
                confirmText: '不予发布',
              },
      },
    );
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">待审核群消息</View>
        <View className="subtitle">{placeName}管理的工作群中未通过内容安全检测的消息，放行后才在群内显示</View>
        <View>
          {TABS.map((t) => (
            <View
              key={t.status}
              id={`held-tab-${t.status}`}
              className={t.status === status ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(t.status)}
            >
              {t.label}
            </View>
          ))}
        </View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="held-empty">
          {status === 'held' ? '没有待审核的消息' : '暂无记录'}
        </View>
      )}
      {items?.map((p) => (
        <GroupHeldItem key={p.id} post={p} busy={action.busy} onDecide={(d, r) => decide(p, d, r)} />
      ))}
    </Screen>
  );
}
