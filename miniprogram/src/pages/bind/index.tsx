import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { BindVillageBody, VillageSummary } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith, restart } from '../../shared/nav';
import { getSession, updateUser } from '../../shared/session';
import { Screen } from '../../shared/components/Screen';

const INVITE_RE = /^[A-Z0-9]{6}$/;

function VillageItem({ village, onPick }: { village: VillageSummary; onPick: (v: VillageSummary) => void }) {
  return (
    <View id={`village-${village.code}`} className="list-item" hoverClass="btn-hover" onClick={() => onPick(village)}>
      <View className="item-title">{village.name}</View>
      <View className="subtitle">
        {village.townshipName} · {village.countyName}
      </View>
    </View>
  );
}

export default function Bind() {
  const router = useRouter();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<VillageSummary[] | null>(null);
  const [invite, setInvite] = useState('');
  const [invited, setInvited] = useState<VillageSummary | null>(null);
  const action = useAction();
  const { fail, run } = action;

  const lookupInvite = useCallback(
    (code: string) => {
      setInvited(null);
      if (!INVITE_RE.test(code)) {
        fail('邀请码为6位字母或数字');
        return;
      }
      void run(async () => setInvited(await call('villageByInvite', { params: { inviteCode: code } })));
    },
    [fail, run],
  );

  useEffect(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    // opened from the village's mini-program code: `scene` carries the invite code
    const scene = decodeURIComponent(router.params.scene ?? router.params.inviteCode ?? '')
      .trim()
      .toUpperCase();
    if (scene) {
      setInvite(scene);
      lookupInvite(scene);
    }
  }, [lookupInvite, router.params.scene, router.params.inviteCode]);

  function search() {
    const text = q.trim();
    if (!text) {
      action.fail('请输入村（社区）名称');
      return;
    }
    void action.run(async () => setResults((await call('searchVillages', { query: { q: text } })).items));
  }

  /** Binding decides whose notices, counsel and group the person gets: the village and its township are said first. */
  function bind(body: BindVillageBody, village: VillageSummary) {
    void action.run(
      async () => {
        updateUser(await call('bindVillage', { body }));
        restart();
      },
      {
        toast: '绑定成功',
        confirm: {
          title: '绑定到这个村（社区）？',
          content: `${village.name}（${village.townshipName} · ${village.countyName}）。绑定后您看到的是这个村的法律顾问、公示栏和工作群，村干部会核实您的身份。`,
          confirmText: '确认绑定',
        },
      },
    );
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">请选择您所在的村（社区）</View>
        <View className="subtitle">绑定后即可查看本村法律顾问和公示栏</View>
      </View>
      <Feedback of={action} />

      <View className="section-title">按村名查找</View>
      <Input
        id="village-query"
        className="input"
        value={q}
        placeholder="输入村（社区）名称，如：王府"
        confirmType="search"
        onInput={(e) => setQ(e.detail.value)}
        onConfirm={search}
      />
      <Button id="village-search" loading={action.busy} onClick={search}>
        搜索
      </Button>
      {results && results.length === 0 && (
        <View className="muted" id="village-empty">
          没有找到名称相符的村（社区），请换个关键字
        </View>
      )}
      {results?.map((v) => (
        <VillageItem key={v.code} village={v} onPick={(picked) => bind({ villageCode: picked.code }, picked)} />
      ))}

      <View className="section-title mt-xl">使用邀请码</View>
      <Input
        id="invite-input"
        className="input"
        value={invite}
        maxlength={6}
        placeholder="6位邀请码"
        onInput={(e) => setInvite(e.detail.value.toUpperCase())}
      />
      <Button light id="invite-lookup" onClick={() => lookupInvite(invite.trim().toUpperCase())}>
        查找
      </Button>
      {invited && (
        <View className="card" id="invite-village">
          <View className="title">{invited.name}</View>
          <View className="subtitle">
            {invited.townshipName} · {invited.countyName}
          </View>
          <Button
            id="invite-bind"
            loading={action.busy}
            onClick={() => bind({ inviteCode: invite.trim().toUpperCase() }, invited)}
          >
            绑定到此村
          </Button>
        </View>
      )}

      {/* someone invited to a role (county or township staff, counsel, village cadre) has an 8-character invitation instead */}
      <Button light id="link-redeem" onClick={() => goto('redeem')}>
        我是工作人员，有8位角色邀请码
      </Button>
    </Screen>
  );
}
