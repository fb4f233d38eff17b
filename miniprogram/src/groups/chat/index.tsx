import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { GroupMessage, ReportReason } from '@vc/types';
import { GROUP_POST_MAX_LENGTH, countChars } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { newClientKey } from '../../shared/clientKey';
import { useAction } from '../../shared/hooks/useAction';
import { ApiError, messageOf } from '../../shared/http';
// the author's role arrives as the Chinese label (server data), so it is compared with the Chinese
import { ROLE_LABELS } from '../../shared/labels';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { GroupComposer } from '../components/GroupComposer';
import { GroupMessageItem } from '../components/GroupMessageItem';
import { GroupChat, loadOutbox, saveOutbox, type ChatSnapshot, type Outbox } from '../services/chat';
import { Screen } from '../../shared/components/Screen';

function scrollToBottom(): void {
  try {
    const p = Taro.pageScrollTo({ scrollTop: 1000000, duration: 0 }) as unknown as Promise<unknown> | undefined;
    if (p && typeof p.catch === 'function') p.catch(() => undefined);
  } catch {
    /* not available: the newest message is still at the bottom */
  }
}

/** A network failure or a server fault: the same post may be sent again with the same key. */
const retryable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429);

export default function GroupChatPage() {
  const { t } = useTranslation(['groups', 'labels']);
  const router = useRouter();
  const code = router.params.code ?? '';
  const [session] = useState(() => getSession());
  const userId = session?.user.id ?? '';
  const chatRef = useRef<GroupChat | null>(null);
  const [snapshot, setSnapshot] = useState<ChatSnapshot>({ group: null, messages: [], hasOlder: false });
  const [pollError, setPollError] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  const [outbox, setOutbox] = useState<Outbox | null>(() => (userId && code ? loadOutbox(userId, code) : null));
  const [draft, setDraft] = useState(() => outbox?.text ?? '');
  // posting, and moderating / loading older messages, may overlap; one line of messages shows either
  const post = useAction();
  const action = useAction();
  const [refusal, setRefusal] = useState<string | null>(null);
  const lastShown = useRef(0);

  function chat(): GroupChat | null {
    if (!chatRef.current && userId && code) {
      chatRef.current = new GroupChat(code, userId, {
        onChange: (s) => setSnapshot(s),
        onSynced: () => setPollError(null),
        onError: (e, fatal) => {
          if (e.status === 401) {
            replaceWith('login');
            return;
          }
          setPollError(fatal ? e.message : t('chat.retrying', { message: e.message }));
          if (fatal) setStopped(true);
        },
      });
      setSnapshot(chatRef.current.snapshot());
    }
    return chatRef.current;
  }

  useDidShow(() => {
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!code) {
      action.fail(t('missingCode'));
      return;
    }
    if (!stopped) chat()?.start();
  });
  useDidHide(() => chatRef.current?.stop());
  useUnload(() => chatRef.current?.stop());
  useEffect(() => () => chatRef.current?.stop(), []);

  // newest at the bottom: follow new messages down
  const last = snapshot.messages[snapshot.messages.length - 1]?.seq ?? 0;
  useEffect(() => {
    if (last > lastShown.current) {
      lastShown.current = last;
      scrollToBottom();
    }
  }, [last]);

  const group = snapshot.group;
  const groupName = group?.name;
  useEffect(() => {
    if (!groupName) return;
    try {
      const p = Taro.setNavigationBarTitle({ title: groupName }) as unknown as Promise<unknown> | undefined;
      if (p && typeof p.catch === 'function') p.catch(() => undefined);
    } catch {
      /* the title stays 群聊 */
    }
  }, [groupName]);
  const standing = group?.standing;
  const muted = standing === 'muted';
  const moderator = standing === 'moderator';
  const counselHere = !!session?.user.roles.some((g) => g.role === 'counsel' && g.placeCode === code);
  const villager = !!session?.user.village;
  const retry = !!outbox && outbox.text === draft.trim();

  function clearNotes() {
    post.clear();
    action.clear();
    setRefusal(null);
  }

  function send() {
    const c = chat();
    if (!c || post.busy) return;
    clearNotes();
    const text = draft.trim();
    if (!text) {
      post.fail(t('chat.emptyText'));
      return;
    }
    if (countChars(text) > GROUP_POST_MAX_LENGTH) {
      post.fail(t('chat.tooLong', { max: GROUP_POST_MAX_LENGTH }));
      return;
    }
    // one key per message: a resend of the same text after a failure carries the same key
    const out: Outbox = outbox && outbox.text === text ? outbox : { clientKey: newClientKey('gm'), text };
    setOutbox(out);
    saveOutbox(userId, code, out);
    void post.run(
      async () => {
        const r = await call('postGroupMessage', { params: { groupCode: code }, body: out });
        done();
        if (r.status !== 'held' && r.message) c.addOwn(r.message);
        void c.pollNow();
        return r;
      },
      {
        ok: (r) => (r.status === 'held' ? t('chat.held') : null),
        failure: (e) => {
          if (retryable(e)) return t('chat.unsent', { message: messageOf(e) });
          // the refusal card says it (with the way to ask privately)
          return e instanceof ApiError && e.code === 'POST_CONTAINS_PRIVATE' ? null : undefined;
        },
        onError: (e) => {
          if (retryable(e)) return;
          // refused: this key is finished with; what is typed stays so it can be changed
          setOutbox(null);
          saveOutbox(userId, code, null);
          if (e instanceof ApiError && e.code === 'POST_CONTAINS_PRIVATE') setRefusal(e.message);
          if (e instanceof ApiError && e.code === 'GROUP_MUTED') void c.pollNow();
        },
      },
    );
  }

  function done() {
    setOutbox(null);
    saveOutbox(userId, code, null);
    setDraft('');
  }

  function remove(m: GroupMessage, reason: string) {
    clearNotes();
    if (countChars(reason) < 2) {
      action.fail(t('chat.removeReason'));
      return;
    }
    void action.run(
      async () => {
        const removed = await call('removeGroupMessage', { params: { groupCode: code, seq: String(m.seq) }, body: { reason } });
        chatRef.current?.replace(removed);
        void chatRef.current?.pollNow();
      },
      { ok: t('chat.removed') },
    );
  }

  /** 举报: the township's moderators decide; the reporter follows it under 我的举报 */
  function report(m: GroupMessage, reason: ReportReason, text: string) {
    clearNotes();
    void action.run(
      async () => {
        await call('reportGroupMessage', {
          params: { groupCode: code, seq: String(m.seq) },
          body: text ? { reason, text } : { reason },
        });
      },
      { ok: t('chat.reported') },
    );
  }

  function takePrivate(m: GroupMessage) {
    clearNotes();
    void action.run(
      async () => {
        const consultation = await call('takeMessagePrivate', { params: { groupCode: code, seq: String(m.seq) } });
        void chatRef.current?.pollNow();
        goto('consultThread', { id: consultation.id });
      },
      {
        confirm: {
          title: t('chat.takePrivate.title'),
          content: t('chat.takePrivate.content', { name: m.authorName }),
        },
      },
    );
  }

  function older() {
    void action.run(async () => {
      await chatRef.current?.loadOlder();
    });
  }

  return (
    <Screen title={groupName || t('chat.title')}>
      <View className="card">
        <View className="title" id="chat-title">
          {group?.name ?? t('chat.defaultName')}
        </View>
        {group && (
          <View className="row">
            <View className="grow subtitle" id="chat-standing">
              {t(`labels:groupTier.${group.tier}`)} · {t(`labels:groupStanding.${group.standing}`)}
            </View>
            {moderator && (
              <View className="tag" id="chat-manage" onClick={() => goto('groupManage', { code })}>
                {group.pendingRequests ? t('chat.managePending', { n: group.pendingRequests }) : t('chat.manage')}
              </View>
            )}
          </View>
        )}
      </View>

      {snapshot.hasOlder && !stopped && (
        <Button light small id="load-older" loading={action.busy} onClick={older}>
          {t('chat.older')}
        </Button>
      )}

      {!group && !pollError && snapshot.messages.length === 0 && <View className="muted">{t('loading')}</View>}
      {group && snapshot.messages.length === 0 && (
        <View className="muted" id="chat-empty">
          {t('chat.noMessages')}
        </View>
      )}
      <View id="chat-messages">
        {snapshot.messages.map((m) => (
          <GroupMessageItem
            key={m.seq}
            message={m}
            mine={!!m.authorId && m.authorId === userId}
            canRemove={moderator && m.kind === 'text'}
            canTakePrivate={counselHere && m.kind === 'text' && m.authorRole === ROLE_LABELS.villager}
            busy={action.busy}
            onRemove={(reason) => remove(m, reason)}
            onTakePrivate={() => void takePrivate(m)}
            canReport={m.kind === 'text'}
            onReport={(reason, text) => report(m, reason, text)}
          />
        ))}
      </View>

      {pollError && (
        <View className="muted" id="poll-status">
          {pollError}
        </View>
      )}
      {stopped && (
        <Button light id="back-to-groups" onClick={() => replaceWith('groupList')}>
          {t('chat.back')}
        </Button>
      )}
      <Feedback of={post} />
      <Feedback of={action} />
      {refusal && (
        <View className="card" id="private-refusal-card">
          <View className="error" id="private-refusal">
            {refusal}
          </View>
          {villager && (
            // nothing of what was typed goes along: it holds the private number
            <Button light id="ask-privately" onClick={() => goto('consultAsk')}>
              {t('chat.askPrivately')}
            </Button>
          )}
        </View>
      )}
      {!stopped && group && (
        <GroupComposer
          value={draft}
          onInput={(text) => setDraft(text)}
          onSend={send}
          sending={post.busy}
          retry={retry}
          muted={muted}
        />
      )}
    </Screen>
  );
}
