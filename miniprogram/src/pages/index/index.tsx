import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Me, RoleGrant } from '@vc/types';
import { BoardLoader } from '../../components/BoardLoader';
import { Button } from '../../components/Button';
import { QueueStatus } from '../../components/QueueStatus';
import { call } from '../../services/api';
import { startLedgerSync } from '../../services/ledgerQueue';
import { ROLE_LABELS } from '../../services/labels';
import { goto, replaceWith, restart } from '../../services/nav';
import { clearSession, getSession, updateUser } from '../../services/session';

function isStaff(user: Me): boolean {
  return user.roles.some((g) => g.role !== 'villager');
}

function GrantItem({ grant }: { grant: RoleGrant }) {
  const village = grant.placeCode.length === 12;
  return (
    <View className="list-item" id={`grant-${grant.role}-${grant.placeCode}`}>
      <View className="title" style={{ fontSize: '17px' }}>
        {ROLE_LABELS[grant.role] ?? grant.role}
      </View>
      <View className="subtitle">{grant.placeName}</View>
      {grant.role === 'county_staff' && (
        <Button id={`assign-${grant.placeCode}`} onClick={() => goto('countyAssign', { countyCode: grant.placeCode })}>
          法律顾问指派
        </Button>
      )}
      {grant.role === 'county_staff' && (
        <View>
          <Button light id="link-county-policy" onClick={() => goto('countyPolicy', { countyCode: grant.placeCode })}>
            县级政策设置
          </Button>
          <Button light id="link-county-stats" onClick={() => goto('countyStats', { countyCode: grant.placeCode })}>
            达标统计
          </Button>
          <Button light id="link-county-export" onClick={() => goto('countyExport', { countyCode: grant.placeCode })}>
            导出台账
          </Button>
          <Button light id="link-county-held-posts" onClick={() => goto('groupHeld', { code: grant.placeCode })}>
            待审核群消息
          </Button>
        </View>
      )}
      {grant.role === 'township_staff' && (
        <View>
          <Button
            id={`ledger-review-${grant.placeCode}`}
            onClick={() => goto('townshipReview', { townshipCode: grant.placeCode })}
          >
            台账审核
          </Button>
          <Button light id="link-township-progress" onClick={() => goto('townshipProgress', { townshipCode: grant.placeCode })}>
            进度落后的村
          </Button>
          <Button light id="link-held-posts" onClick={() => goto('groupHeld', { code: grant.placeCode })}>
            待审核群消息
          </Button>
          <Button light id="link-overdue" onClick={() => goto('consultOverdue', { townshipCode: grant.placeCode })}>
            超时咨询
          </Button>
        </View>
      )}
      {village && (
        <Button light id={`board-${grant.placeCode}`} onClick={() => goto('board', { villageCode: grant.placeCode })}>
          查看公示栏
        </Button>
      )}
    </View>
  );
}

function CounselLedger() {
  return (
    <View className="card" id="home-ledger">
      <View className="section-title">工作台账</View>
      <QueueStatus />
      <Button id="ledger-entry" onClick={() => goto('ledgerEntry')}>
        登记台账
      </Button>
      <Button light id="ledger-progress" onClick={() => goto('ledgerProgress')}>
        我的服务进度
      </Button>
      <Button light id="ledger-entries" onClick={() => goto('ledgerEntries')}>
        我的台账
      </Button>
    </View>
  );
}

/** Work groups and consultations: for everyone, with the inbox for those who handle consultations. */
function Communication({ user }: { user: Me }) {
  const handles = user.roles.some((g) => ['counsel', 'township_staff', 'county_staff', 'county_expert'].includes(g.role));
  const villager = !!user.village;
  return (
    <View className="card" id="home-communication">
      <View className="section-title">工作群与咨询</View>
      <Button id="link-groups" onClick={() => goto('groupList')}>
        工作群
      </Button>
      {villager && (
        <Button light id="link-ask" onClick={() => goto('consultAsk')}>
          私下咨询法律顾问
        </Button>
      )}
      {villager && (
        <Button light id="link-my-consultations" onClick={() => goto('consultList', { box: 'mine' })}>
          我的咨询
        </Button>
      )}
      {handles && (
        <Button light id="link-inbox" onClick={() => goto('consultList', { box: 'inbox' })}>
          咨询待办
        </Button>
      )}
    </View>
  );
}

function StaffHome({ user }: { user: Me }) {
  const counsel = user.roles.some((g) => g.role === 'counsel');
  return (
    <View>
      <View className="card">
        <View className="title" id="home-user-name">
          {user.name}
        </View>
        <View className="muted">您的职责</View>
      </View>
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
      {isStaff(user) ? (
        <StaffHome user={user} />
      ) : (
        user.village && (
          <View>
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
