import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
import { t } from '../../shared/i18n';
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

/** A moderator's action as the sheet and its messages name it (同意加入, 禁言 …), in the current language. */
const actionLabel = (kind: MemberAction): string => t(`groups:manage.action.${kind}`);

type Standing = '' | 'member' | 'muted' | 'removed';
/** The filter chips' labels are read at render time (they follow the language). */
const standingChips = (): { value: Standing; label: string }[] => [
  { value: '', label: t('groups:manage.chip.all') },
  { value: 'member', label: t('groups:manage.chip.member') },
  { value: 'muted', label: t('groups:manage.chip.muted') },
  { value: 'removed', label: t('groups:manage.chip.removed') },
];

function ActionItem({ a }: { a: GroupAction }) {
  const { t } = useTranslation(['groups', 'labels']);
  const title = [
    t(`labels:groupAction.${a.action}`),
    a.targetName || null,
    a.seq !== null ? t('manage.record.seq', { seq: a.seq }) : null,
  ].filter(Boolean);
  return (
    <View className="list-item" id={`action-${a.id}`}>
      <View className="row">
        <View className="grow bold">{title.join(' · ')}</View>
        <View className="muted">{chatTime(a.at)}</View>
      </View>
      <View className="subtitle">{t('manage.record.by', { name: a.byName })}</View>
      {a.until && <View className="muted">{t('manage.record.until', { at: formatBeijing(a.until, 'full') })}</View>}
      {a.reason && <View className="muted">{t('reason', { reason: a.reason })}</View>}
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
  const why = reason ? t('groups:reason', { reason }) : '';
  switch (s.action) {
    case 'mute': {
      const end = s.days ? formatBeijing(new Date(Date.now() + s.days * DAY_MS).toISOString(), 'full') : '';
      return {
        title: t('groups:manage.confirm.muteButton'),
        content: s.days
          ? t('groups:manage.confirm.muteDays', { name, days: s.days, end, why })
          : t('groups:manage.confirm.muteOpen', { name, why }),
        confirmText: t('groups:manage.confirm.muteButton'),
      };
    }
    case 'unmute':
      return {
        title: actionLabel('unmute'),
        content: t('groups:manage.confirm.unmute', { name, why }),
        confirmText: t('groups:manage.confirm.unmuteButton'),
      };
    case 'remove':
      return {
        title: actionLabel('remove'),
        content: t('groups:manage.confirm.remove', { name, why }),
        confirmText: t('groups:manage.confirm.removeButton'),
      };
    case 'approve':
      return {
        title: actionLabel('approve'),
        content: t('groups:manage.confirm.approve', { name, why }),
        confirmText: t('groups:manage.confirm.approveButton'),
      };
    default:
      return {
        title: actionLabel('refuse'),
        content: t('groups:manage.confirm.refuse', { name, why }),
        confirmText: t('groups:manage.confirm.refuseButton'),
      };
  }
}

/** Moderators of a group: join requests, members (searched, paged; actions in a sheet) and the moderation record. */
export default function GroupManage() {
  const { t } = useTranslation(['groups', 'labels']);
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
      action.fail(t('missingCode'));
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
      setReasonError(t('manage.reasonNeeded', { action: actionLabel(kind) }));
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
            ? s.days
              ? t('manage.done.mutedDays', { name: s.member.name, days: s.days })
              : t('manage.done.muted', { name: s.member.name })
            : t(`manage.done.${kind}`, { name: s.member.name }),
        confirm: confirmation(s, why),
      },
    );
  }

  const possible = sheet ? actionsFor(sheet.member) : [];
  return (
    <Screen title={t('manage.title')}>
      <View className="card">
        <View className="title" id="manage-title">
          {groupName || t('manage.title')}
        </View>
        <View className="subtitle">{t('manage.subtitle')}</View>
        <Button small light id="manage-open-chat" onClick={() => goto('groupChat', { code })}>
          {t('manage.openChat')}
        </Button>
      </View>
      <Feedback of={action} />
      {!members && !action.error && <View className="muted">{t('loading')}</View>}

      {pending && (
        <View id="pending-requests">
          <View className="section-title">{t('manage.pendingTitle', { n: pending.length })}</View>
          {pending.length === 0 && (
            <View className="muted mb-l" id="pending-empty">
              {t('manage.pendingEmpty')}
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
            {t('manage.membersTitle', { n: total })}
          </View>
          <SearchBox
            id="member-query"
            buttonId="member-search"
            value={q}
            placeholder={t('manage.searchPlaceholder')}
            onInput={setQ}
            onSearch={() => search()}
          />
          <FilterChips id="member-standing" chips={standingChips()} value={standing} onChange={(s) => search(s)} />
          <View className="muted mb-s">{t('manage.tapHint')}</View>
          {members.length === 0 && (
            <View className="muted" id="members-empty">
              {searched ? t('manage.noMatch', { q: searched }) : t('manage.noMembers')}
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
          <View className="section-title">{t('manage.recordTitle')}</View>
          {actions.length === 0 && (
            <View className="muted" id="actions-empty">
              {t('noRecords')}
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
        title={
          sheet
            ? t('manage.sheetTitle', { name: sheet.member.name, standing: t(`labels:groupStanding.${sheet.member.standing}`) })
            : ''
        }
        description={
          sheet?.step === 'days'
            ? t('manage.daysStep')
            : sheet?.step === 'reason'
              ? t(sheet.days ? 'manage.reasonStepDays' : 'manage.reasonStep', {
                  action: sheet.action ? actionLabel(sheet.action) : '',
                  days: sheet.days,
                  hint: reasonRequired ? t('manage.reasonRequired') : t('manage.reasonOptional'),
                })
              : possible.length === 0
                ? t('manage.noActions')
                : ''
        }
        cancelText={t('manage.cancel')}
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
                {actionLabel(kind)}
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
                  {t('manage.muteDays', { days: d })}
                </View>
              ))}
              <View
                id="sheet-days-0"
                className="nut-actionsheet-item"
                onClick={() => setSheet({ ...sheet, days: 0, step: 'reason' })}
              >
                {t('manage.untilUnmuted')}
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
                placeholder={reasonRequired ? t('manage.reasonPlaceholder') : t('manage.optionalPlaceholder')}
                onInput={(e) => setReason(e.detail.value)}
              />
              {reasonError && (
                <View className="error" id="moderate-reason-error">
                  {reasonError}
                </View>
              )}
              <Button id="moderate-submit" disabled={action.busy} onClick={submit}>
                {sheet.days
                  ? t('manage.submitDays', { action: sheet.action ? actionLabel(sheet.action) : '', days: sheet.days })
                  : sheet.action
                    ? actionLabel(sheet.action)
                    : ''}
              </Button>
            </View>
          )}
        </View>
      </ActionSheet>
    </Screen>
  );
}
