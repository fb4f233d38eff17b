import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GroupAction, GroupMember } from '@vc/types';
import { Button } from '../../components/Button';
import { GroupMemberItem } from '../../components/GroupMemberItem';
import { ErrorMessage, OkMessage } from '../../components/Message';
import { call, messageOf } from '../../services/api';
import { chatTime } from '../../services/groupChat';
import { GROUP_ACTION_LABELS } from '../../services/labels';
import { goto, replaceWith } from '../../services/nav';
import { getSession } from '../../services/session';

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
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      setError(messageOf(e));
    }
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    if (!code) {
      setError('缺少工作群编号');
      return;
    }
    void load();
  });

  async function decide(m: GroupMember, decision: 'approve' | 'refuse', reason: string) {
    setError(null);
    setOk(null);
    setBusy(true);
    try {
      await call('decideJoinRequest', {
        params: { groupCode: code, userId: m.userId },
        body: reason ? { decision, reason } : { decision },
      });
      setOk(decision === 'approve' ? `已同意 ${m.name} 加入` : `已拒绝 ${m.name} 的申请`);
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function moderate(m: GroupMember, action: 'mute' | 'unmute' | 'remove', reason: string) {
    setError(null);
    setOk(null);
    if (reason.length < 2) {
      setError(`${MODERATE_LABELS[action]}须填写原因（至少2个字）`);
      return;
    }
    if (action === 'remove') {
      const answer = await Taro.showModal({ title: '移出工作群', content: `确定把 ${m.name} 移出本群吗？` }).catch(() => ({
        confirm: false,
      }));
      if (!answer.confirm) return;
    }
    setBusy(true);
    try {
      await call('moderateMember', { params: { groupCode: code, userId: m.userId }, body: { action, reason } });
      setOk(`已${MODERATE_LABELS[action]}：${m.name}`);
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const pending = members?.filter((m) => m.standing === 'pending') ?? [];
  const others = members?.filter((m) => m.standing !== 'pending') ?? [];
  return (
    <View className="page">
      <View className="card">
        <View className="title" id="manage-title">
          {groupName || '群管理'}
        </View>
        <View className="subtitle">审核加入申请、管理成员，所有操作都会记录在案</View>
        <Button small light id="manage-open-chat" onClick={() => goto('groupChat', { code })}>
          进入群聊
        </Button>
      </View>
      <ErrorMessage message={error} />
      <OkMessage message={ok} />
      {!members && !error && <View className="muted">正在加载…</View>}

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
              busy={busy}
              onDecide={(d, r) => decide(m, d, r)}
              onModerate={(a, r) => moderate(m, a, r)}
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
              busy={busy}
              onDecide={(d, r) => decide(m, d, r)}
              onModerate={(a, r) => moderate(m, a, r)}
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
    </View>
  );
}
