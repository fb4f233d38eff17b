import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { GroupSummary, Me } from '@vc/types';
import { TIERS } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
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
  const { t } = useTranslation(['groups', 'labels']);
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
      { ok: (r) => (r.standing === 'pending' ? t('list.joinPending', { name: g.name }) : t('list.joined', { name: g.name })) },
    );
  }

  const userId = user?.id ?? '';
  return (
    <Screen title={t('list.title')}>
      <View className="card">
        <View className="title">{t('list.title')}</View>
        <View className="subtitle">{t('list.subtitle')}</View>
      </View>
      <Feedback of={action} />
      {!items && !action.error && <View className="muted">{t('loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="groups-empty">
          {t('list.empty')}
        </View>
      )}
      {items &&
        TIERS.map((tier) => {
          const list = items.filter((g) => g.tier === tier);
          if (list.length === 0) return null;
          return (
            <View key={tier} id={`tier-${tier}`}>
              <View className="section-title">{t(`labels:groupTier.${tier}`)}</View>
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
            {t('list.heldButton', { place: p.name })}
          </Button>
        ))}
      <Button light id="open-reports" onClick={() => goto('groupReports')}>
        {user?.roles.some((g) => g.role === 'township_staff') ? t('list.reportsStaff') : t('list.myReports')}
      </Button>
    </Screen>
  );
}
