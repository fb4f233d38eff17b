import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GroupAction, GroupMember } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { GROUP_ACTION_LABELS } from '../../shared/labels';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { GroupMemberItem } from '../components/GroupMemberItem';
import { chatTime } from '../services/chat';
import { countChars } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

const MODERATE_LABELS = { mute: '禁言', unmute: '解除禁言', remove: '移出' } as const;

function ActionItem({ a }: { a: GroupAction }) {
  return (
    <View className="list-item" id={`action-${a.id}`}>
      <View className="row">
        <View className="grow" style={{ fontWeight: 'bold' }}>
          {GROUP_ACTION_LABELS[a.action] ?? a.action}
          {a.targetName ? ` · ${a.targetName}` : ''}
          {a.seq !== null ? ` · 第 ${a.seq} 条消息` : ''}
        </View>
        <View className="muted">{chatTime(a.at)}</View>
      </View>
      <View className="subtitle">操作人：{a.byName}</View>
      {a.reason && <View className="muted">原因：{a.reason}</View>}
    </View>
  );
}

/** Moderators of a group: join requests, members (mute, unmute, remove) and the moderation record. */
export default function GroupManage() {
  const router = useRouter();
  const code = router.params.code ?? '';
  const [groupName, setGroupName] = useState('');
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [actions, setActions] = useState<GroupAction[] | null>(null);
  const action = useAction();

  async function load() {
    try {
      const [m, a, g] = await Promise.all([
        call('groupMembers', { params: { groupCode: code }, query: {} }),
        call('groupActions', { params: { groupCode: code } }),
        call('groupMessages', { params: { groupCode: code }, query: { after: 0, limit: 1 } }),
      ]);
      setMembers(m.items);
      setActions(a.items);
      setGroupName(g.group.name);
    } catch (e) {
      action.fail(e);
    }
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    if (!code) {
      action.fail('缺少工作群编号');
      return;
    }
    void load();
  });

  function decide(m: GroupMember, decision: 'approve' | 'refuse', reason: string) {
    void action.run(
      async () => {
        await call('decideJoinRequest', {
          params: { groupCode: code, userId: m.userId },
          body: reason ? { decision, reason } : { decision },
        });
        await load();
      },
      { ok: decision === 'approve' ? `已同意 ${m.name} 加入` : `已拒绝 ${m.name} 的申请` },
    );
  }

  /** never rejects: a failed modal is a "no", and the request's failure is shown by action.run */
  async function moderate(m: GroupMember, kind: 'mute' | 'unmute' | 'remove', reason: string) {
    if (countChars(reason) < 2) {
      action.fail(`${MODERATE_LABELS[kind]}须填写原因（至少2个字）`);
      return;
    }
    action.clear();
    if (kind === 'remove') {
      const answer = await Taro.showModal({ title: '移出工作群', content: `确定把 ${m.name} 移出本群吗？` }).catch(() => ({
        confirm: false,
      }));
      if (!answer.confirm) return;
    }
    void action.run(
      async () => {
        await call('moderateMember', { params: { groupCode: code, userId: m.userId }, body: { action: kind, reason } });
        await load();
      },
      { ok: `已${MODERATE_LABELS[kind]}：${m.name}` },
    );
  }

  const pending = members?.filter((m) => m.standing === 'pending') ?? [];
  const others = members?.filter((m) => m.standing !== 'pending') ?? [];
  return (
    <Screen>
      <View className="card">
        <View className="title" id="manage-title">
          {groupName || '群管理'}
        </View>
        <View className="subtitle">审核加入申请、管理成员，所有操作都会记录在案</View>
        <Button small light id="manage-open-chat" onClick={() => goto('groupChat', { code })}>
          进入群聊
        </Button>
      </View>
      <Feedback of={action} />
      {!members && !action.error && <View className="muted">正在加载…</View>}

      {members && (
        <View id="pending-requests">
          <View className="section-title">加入申请（{pending.length}）</View>
          {pending.length === 0 && (
            <View className="muted" id="pending-empty" style={{ marginBottom: '16px' }}>
              没有待审核的申请
            </View>
          )}
          {pending.map((m) => (
            <GroupMemberItem
              key={m.userId}
              member={m}
              busy={action.busy}
              onDecide={(d, r) => decide(m, d, r)}
              onModerate={(a, r) => void moderate(m, a, r)}
            />
          ))}
        </View>
      )}

      {members && (
        <View id="members">
          <View className="section-title">成员（{others.length}）</View>
          {others.map((m) => (
            <GroupMemberItem
              key={m.userId}
              member={m}
              busy={action.busy}
              onDecide={(d, r) => decide(m, d, r)}
              onModerate={(a, r) => void moderate(m, a, r)}
            />
          ))}
        </View>
      )}

      {actions && (
        <View id="group-actions">
          <View className="section-title">管理记录</View>
          {actions.length === 0 && (
            <View className="muted" id="actions-empty">
              暂无记录
            </View>
          )}
          {actions.map((a) => (
            <ActionItem key={a.id} a={a} />
          ))}
        </View>
      )}
    </Screen>
  );
}
