import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Me, RoleGrant } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ROLE_LABELS } from '../../shared/labels';
import { goto, replaceWith, restart } from '../../shared/nav';
import { clearSession, getSession, updateUser } from '../../shared/session';
import { QueueStatus } from '../../ledger/components/QueueStatus';
import { startLedgerSync } from '../../ledger/services/queue';
import { BoardLoader } from '../components/BoardLoader';
import { ConsentGate } from '../../privacy/components/ConsentGate';
import { COUNSEL_LEDGER_ENTRIES, communicationEntries, grantEntries, type Entry } from './entries';
import { TodoPanel } from './Todo';

/** Holds a role other than villager (a counsel registered in a county counts, with or without villages yet). */
function isStaff(user: Me): boolean {
  return user.roles.some((g) => g.role !== 'villager') || (user.heldRoles ?? []).length > 0;
}

function EntryButtons({ entries }: { entries: readonly Entry[] }) {
  return (
    <View>
      {entries.map((e) => (
        <Button key={e.id} id={e.id} light={!e.primary} onClick={() => goto(e.page, e.query)}>
          {e.label}
        </Button>
      ))}
    </View>
  );
}

function GrantItem({ grant }: { grant: RoleGrant }) {
  return (
    <View className="list-item" id={`grant-${grant.role}-${grant.placeCode}`}>
      <View className="title" style={{ fontSize: '17px' }}>
        {ROLE_LABELS[grant.role] ?? grant.role}
      </View>
      <View className="subtitle">{grant.placeName}</View>
      <EntryButtons entries={grantEntries(grant)} />
    </View>
  );
}

function CounselLedger() {
  return (
    <View className="card" id="home-ledger">
      <View className="section-title">工作台账</View>
      <QueueStatus />
      <EntryButtons entries={COUNSEL_LEDGER_ENTRIES} />
    </View>
  );
}

/** Work groups and consultations: for everyone, with the inbox for those who handle consultations. */
function Communication({ user }: { user: Me }) {
  return (
    <View className="card" id="home-communication">
      <View className="section-title">工作群与咨询</View>
      <EntryButtons entries={communicationEntries(user)} />
    </View>
  );
}

function StaffHome({ user }: { user: Me }) {
  const counsel = user.roles.some((g) => g.role === 'counsel') || (user.heldRoles ?? []).some((g) => g.role === 'counsel');
  return (
    <View>
      <View className="card">
        <View className="title" id="home-user-name">
          {user.name}
        </View>
        <View className="muted">您的职责</View>
      </View>
      <TodoPanel />
      {counsel && <CounselLedger />}
      <Communication user={user} />
      {user.roles.map((g) => (
        <GrantItem key={`${g.role}-${g.placeCode}`} grant={g} />
      ))}
      {user.village && (
        <Button light id="my-village-board" onClick={() => goto('board', { villageCode: user.village!.code })}>
          我所在村的公示栏
        </Button>
      )}
    </View>
  );
}

export default function Index() {
  const [user, setUser] = useState<Me | null>(() => getSession()?.user ?? null);

  function route(me: Me): boolean {
    if (!isStaff(me) && !me.village) {
      replaceWith('bind');
      return false;
    }
    return true;
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!route(session.user)) return;
    setUser(session.user);
    // entries saved while offline are sent as soon as the app is back
    if (session.user.roles.some((g) => g.role === 'counsel')) startLedgerSync();
    // refresh in the background: roles or village may have changed
    call('me')
      .then((me) => {
        updateUser(me);
        if (route(me)) setUser(me);
      })
      .catch((e: { status?: number }) => {
        if (e.status === 401) replaceWith('login');
      });
  });

  function logout() {
    call('logout').catch(() => undefined);
    clearSession();
    restart();
  }

  if (!user) return <View className="page muted">正在加载…</View>;
  return (
    <View className="page">
      <ConsentGate />
      {isStaff(user) ? (
        <StaffHome user={user} />
      ) : (
        user.village && (
          <View>
            {user.residentStatus === 'pending' && (
              <View className="card muted" id="resident-pending">
                您已申请绑定{user.village.name}，待村（居）两委确认您是本村村民后即可在线咨询、加入村工作群。
              </View>
            )}
            <Communication user={user} />
            <BoardLoader villageCode={user.village.code} />
          </View>
        )
      )}
      <Button light id="logout" onClick={logout}>
        退出登录
      </Button>
    </View>
  );
}
