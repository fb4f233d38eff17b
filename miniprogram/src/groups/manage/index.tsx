import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { ActionSheet } from '@nutui/nutui-react-taro';
import type { GroupAction, GroupMember } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
// after Feedback's dialog styles, in the order the other pages load the shared NutUI styles
import '@nutui/nutui-react-taro/dist/es/packages/actionsheet/style/css';
import { FilterChips, MoreLine, SearchBox } from '../../shared/components/ListTools';
import type { Confirmation } from '../../shared/hooks/useAction';
import { useAction } from '../../shared/hooks/useAction';
import { GROUP_ACTION_LABELS, GROUP_STANDING_LABELS } from '../../shared/labels';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { formatBeijing } from '../../shared/time';
import { GroupMemberItem, actionsFor, type MemberAction } from '../components/GroupMemberItem';
import { chatTime } from '../services/chat';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

/** members fetched at a time (the server pages with limit/offset) */
const PAGE = 20;
/** moderation records shown at a time */
const ACTIONS_PAGE = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** the durations the server accepts (types' MUTE_DAYS; not imported: that module brings zod into the package) */
const MUTE_DAYS = [1, 3, 7, 30] as const;

const ACTION_LABELS: Record<MemberAction, string> = {
  approve: '同意加入',
  refuse: '拒绝加入',
  mute: '禁言',
  unmute: '解除禁言',
  remove: '移出本群',
};

type Standing = '' | 'member' | 'muted' | 'removed';
const STANDING_CHIPS: { value: Standing; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'member', label: '成员' },
  { value: 'muted', label: '已禁言' },
  { value: 'removed', label: '已移出' },
];

function ActionItem({ a }: { a: GroupAction }) {
  return (
    <View className="list-item" id={`action-${a.id}`}>
      <View className="row">
        <View className="grow bold">
          {GROUP_ACTION_LABELS[a.action] ?? a.action}
          {a.targetName ? ` · ${a.targetName}` : ''}
          {a.seq !== null ? ` · 第 ${a.seq} 条消息` : ''}
        </View>
        <View className="muted">{chatTime(a.at)}</View>
      </View>
      <View className="subtitle">操作人：{a.byName}</View>
      {a.until && <View className="muted">禁言至 {formatBeijing(a.until, 'full')}</View>}
      {a.reason && <View className="muted">原因：{a.reason}</View>}
    </View>
  );
}

/** The sheet's steps: what to do, for a mute how long, then why. */
interface Sheet {
  member: GroupMember;
  step: 'actions' | 'days' | 'reason';
  action?: MemberAction;
  /** a mute's days; 0: until a moderator unmutes */
  days?: number;
}

/** What the confirmation says will happen. */
function confirmation(s: Sheet, reason: string): Confirmation {
  const name = s.member.name;
  const why = reason ? `原因：${reason}` : '';
  switch (s.action) {
    case 'mute': {
      const end = s.days ? formatBeijing(new Date(Date.now() + s.days * DAY_MS).toISOString(), 'full') : '';
      return {
        title: '禁言',
        content: `${name} 将被禁言${s.days ? ` ${s.days} 天，约 ${end} 自动解除` : '，直到管理员解除'}，期间不能在群里发言。${why}`,
        confirmText: '禁言',
      };
    }
    case 'unmute':
      return { title: '解除禁言', content: `${name} 将恢复在群里发言。${why}`, confirmText: '解除禁言' };
    case 'remove':
      return {
        title: '移出本群',
        content: `${name} 将被移出本群，不能再看到和发送群消息，重新加入须再次申请。${why}`,
        confirmText: '移出',
      };
    case 'approve':
      return { title: '同意加入', content: `${name} 将加入本群，可以查看群消息并发言。${why}`, confirmText: '同意' };
    default:
      return { title: '拒绝加入', content: `将拒绝 ${name} 的加入申请。${why}`, confirmText: '拒绝' };
  }
}

/** Moderators of a group: join requests, members (searched, paged; actions in a sheet) and the moderation record. */
export default function GroupManage() {
  const router = useRouter();
  const code = router.params.code ?? '';
  const [groupName, setGroupName] = useState('');
  const [pending, setPending] = useState<GroupMember[] | null>(null);
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [standing, setStanding] = useState<Standing>('');
  const [actions, setActions] = useState<GroupAction[] | null>(null);
  const [actionsShown, setActionsShown] = useState(ACTIONS_PAGE);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [paging, setPaging] = useState(false);
  const action = useAction();

  function memberQuery(text: string, s: Standing, limit: number, offset: number) {
    return { ...(text ? { q: text } : {}), ...(s ? { standing: s } : {}), limit, offset };
  }

  /** The first `count` members matching the search (at least a page), the requests and the record. */
  async function load(text = searched, s = standing, count = Math.max(PAGE, members?.length ?? 0)) {
    try {
      const [m, p, a, g] = await Promise.all([
        call('groupMembers', { params: { groupCode: code }, query: memberQuery(text, s, Math.min(count, 200), 0) }),
        call('groupMembers', { params: { groupCode: code }, query: { standing: 'pending' } }),
        call('groupActions', { params: { groupCode: code } }),
        call('groupMessages', { params: { groupCode: code }, query: { after: 0, limit: 1 } }),
      ]);
      setMembers(m.items);
      setTotal(m.total ?? m.items.length);
      setNext(m.next ?? null);
      setPending(p.items);
      setActions(a.items);
      setGroupName(g.group.name);
    } catch (e) {
      action.fail(e);
    }
  }

  function more() {
    if (next === null || paging) return;
    setPaging(true);
    call('groupMembers', { params: { groupCode: code }, query: memberQuery(searched, standing, PAGE, next) })
      .then((m) => {
        setMembers((list) => [...(list ?? []), ...m.items]);
        setTotal(m.total ?? total);
        setNext(m.next ?? null);
      })
      .catch(action.fail)
      .finally(() => setPaging(false));
  }

  function search(s: Standing = standing) {
    const text = q.trim();
    setSearched(text);
    setStanding(s);
    void load(text, s, PAGE);
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

  function open(m: GroupMember) {
    action.clear();
    setReason('');
    setReasonError(null);
    setSheet({ member: m, step: 'actions' });
  }

  function choose(kind: MemberAction) {
    if (!sheet) return;
    setSheet({ ...sheet, action: kind, step: kind === 'mute' ? 'days' : 'reason' });
  }

  const reasonRequired = sheet?.action !== 'approve' && sheet?.action !== 'refuse';

  function submit() {
    if (!sheet || !sheet.action) return;
    const s = sheet;
    const kind = sheet.action;
    const why = reason.trim();
    // said inside the sheet, where the person is looking (a dialog would open under it)
    if (reasonRequired && countChars(why) < 2) {
      setReasonError(`${ACTION_LABELS[kind]}须填写原因（至少2个字）`);
      return;
    }
    setReasonError(null);
    setSheet(null);
    const userId = s.member.userId;
    void action.run(
      async () => {
        if (kind === 'approve' || kind === 'refuse') {
          await call('decideJoinRequest', {
            params: { groupCode: code, userId },
            body: why ? { decision: kind, reason: why } : { decision: kind },
          });
        } else {
          const days = kind === 'mute' && s.days ? s.days : undefined;
          await call('moderateMember', {
            params: { groupCode: code, userId },
            body: days ? { action: kind, reason: why, days: days as (typeof MUTE_DAYS)[number] } : { action: kind, reason: why },
          });
        }
        setReason('');
        await load();
      },
      {
        ok:
          kind === 'mute'
            ? `已禁言 ${s.member.name}${s.days ? ` ${s.days} 天` : ''}`
            : kind === 'approve'
              ? `已同意 ${s.member.name} 加入`
              : kind === 'refuse'
                ? `已拒绝 ${s.member.name} 的申请`
                : `已${ACTION_LABELS[kind]}：${s.member.name}`,
        confirm: confirmation(s, why),
      },
    );
  }

  const possible = sheet ? actionsFor(sheet.member) : [];
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

      {pending && (
        <View id="pending-requests">
          <View className="section-title">加入申请（{pending.length}）</View>
          {pending.length === 0 && (
            <View className="muted mb-l" id="pending-empty">
              没有待审核的申请
            </View>
          )}
          {pending.map((m) => (
            <GroupMemberItem key={m.userId} prefix="pending" member={m} onTap={() => open(m)} />
          ))}
        </View>
      )}

      {members && (
        <View id="members">
          <View className="section-title" id="members-title">
            成员（{total}）
          </View>
          <SearchBox
            id="member-query"
            buttonId="member-search"
            value={q}
            placeholder="按姓名搜索成员"
            onInput={setQ}
            onSearch={() => search()}
          />
          <FilterChips id="member-standing" chips={STANDING_CHIPS} value={standing} onChange={(s) => search(s)} />
          <View className="muted mb-s">点按成员可禁言、解除禁言或移出</View>
          {members.length === 0 && (
            <View className="muted" id="members-empty">
              {searched ? `没有姓名含“${searched}”的成员` : '暂无成员'}
            </View>
          )}
          {members.map((m) => (
            <GroupMemberItem key={m.userId} member={m} onTap={() => open(m)} />
          ))}
          {members.length > 0 && <MoreLine id="members-more" shown={members.length} total={total} busy={paging} onMore={more} />}
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
          {actions.slice(0, actionsShown).map((a) => (
            <ActionItem key={a.id} a={a} />
          ))}
          {actions.length > 0 && (
            <MoreLine
              id="actions-more"
              shown={actionsShown}
              total={actions.length}
              onMore={() => setActionsShown((n) => n + ACTIONS_PAGE)}
            />
          )}
        </View>
      )}

      <ActionSheet
        visible={!!sheet}
        title={sheet ? `${sheet.member.name}（${GROUP_STANDING_LABELS[sheet.member.standing] ?? sheet.member.standing}）` : ''}
        description={
          sheet?.step === 'days'
            ? '选择禁言时长，到期自动解除'
            : sheet?.step === 'reason'
              ? `${sheet.action ? ACTION_LABELS[sheet.action] : ''}${sheet.days ? ` ${sheet.days} 天` : ''}：${reasonRequired ? '请填写原因（必填）' : '可填写理由（选填）'}`
              : possible.length === 0
                ? '管理员或已移出的成员不能在此操作'
                : ''
        }
        cancelText="取消"
        onCancel={() => setSheet(null)}
      >
        <View id="member-sheet">
          {sheet?.step === 'actions' &&
            possible.map((kind) => (
              <View
                key={kind}
                id={`sheet-${kind}`}
                className={`nut-actionsheet-item${kind === 'remove' || kind === 'refuse' ? ' nut-actionsheet-item-danger' : ''}`}
                onClick={() => choose(kind)}
              >
                {ACTION_LABELS[kind]}
              </View>
            ))}
          {sheet?.step === 'days' && (
            <>
              {MUTE_DAYS.map((d) => (
                <View
                  key={d}
                  id={`sheet-days-${d}`}
                  className="nut-actionsheet-item"
                  onClick={() => setSheet({ ...sheet, days: d, step: 'reason' })}
                >
                  禁言 {d} 天
                </View>
              ))}
              <View
                id="sheet-days-0"
                className="nut-actionsheet-item"
                onClick={() => setSheet({ ...sheet, days: 0, step: 'reason' })}
              >
                直到管理员解除
              </View>
            </>
          )}
          {sheet?.step === 'reason' && (
            <View className="px-l">
              <Input
                id="moderate-reason"
                className="input"
                value={reason}
                maxlength={inputMaxLength(200)}
                placeholder={reasonRequired ? '原因（必填），如：发布广告' : '理由（选填）'}
                onInput={(e) => setReason(e.detail.value)}
              />
              {reasonError && (
                <View className="error" id="moderate-reason-error">
                  {reasonError}
                </View>
              )}
              <Button id="moderate-submit" disabled={action.busy} onClick={submit}>
                {sheet.action ? ACTION_LABELS[sheet.action] : ''}
                {sheet.days ? ` ${sheet.days} 天` : ''}
              </Button>
            </View>
          )}
        </View>
      </ActionSheet>
    </Screen>
  );
}
