import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { HeldPost } from '@vc/types';
import { call } from '../../shared/api';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { GroupHeldItem } from '../components/GroupHeldItem';
import { Screen } from '../../shared/components/Screen';

type Status = HeldPost['status'];
// labelled groups:held.status.<status>
const TABS: Status[] = ['held', 'released', 'rejected'];

/** Posts held by the content check in the groups a township or county office moderates. */
export default function GroupHeld() {
  const { t } = useTranslation('groups');
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
      action.fail(t('held.noRole'));
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
            ? t('held.releasedOk', { name: p.authorName, group: p.groupName })
            : t('held.rejectedOk', { name: p.authorName }),
        onError: () => load(status),
        confirm:
          decision === 'release'
            ? {
                title: t('held.releaseConfirm.title'),
                content: t('held.releaseConfirm.content', { name: p.authorName, group: p.groupName }),
                confirmText: t('held.releaseConfirm.confirmText'),
              }
            : {
                title: t('held.rejectConfirm.title'),
                content: t('held.rejectConfirm.content', { name: p.authorName }),
                confirmText: t('held.rejectConfirm.confirmText'),
              },
      },
    );
  }

  return (
    <Screen title={t('held.title')}>
      <View className="card">
        <View className="title">{t('held.heading')}</View>
        <View className="subtitle">{t('held.subtitle', { place: placeName })}</View>
        <View>
          {TABS.map((s) => (
            <View
              key={s}
              id={`held-tab-${s}`}
              className={s === status ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(s)}
            >
              {t(`held.status.${s}`)}
            </View>
          ))}
        </View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="held-empty">
          {status === 'held' ? t('held.empty') : t('noRecords')}
        </View>
      )}
      {items?.map((p) => (
        <GroupHeldItem key={p.id} post={p} busy={action.busy} onDecide={(d, r) => decide(p, d, r)} />
      ))}
    </Screen>
  );
}
