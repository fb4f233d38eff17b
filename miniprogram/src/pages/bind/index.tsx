import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('bind');
  return (
    <View id={`village-${village.code}`} className="list-item" hoverClass="btn-hover" onClick={() => onPick(village)}>
      <View className="item-title">{village.name}</View>
      <View className="subtitle">{t('place', { township: village.townshipName, county: village.countyName })}</View>
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
  const { t } = useTranslation('bind');

  const lookupInvite = useCallback(
    (code: string) => {
      setInvited(null);
      if (!INVITE_RE.test(code)) {
        fail(t('inviteFormat'));
        return;
      }
      void run(async () => setInvited(await call('villageByInvite', { params: { inviteCode: code } })));
    },
    [fail, run, t],
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
      action.fail(t('enterName'));
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
        toast: t('done'),
        confirm: {
          title: t('confirmTitle'),
          content: t('confirmContent', { village: village.name, township: village.townshipName, county: village.countyName }),
          confirmText: t('confirmText'),
        },
      },
    );
  }

  return (
    <Screen title={t('title')}>
      <View className="card">
        <View className="title">{t('heading')}</View>
        <View className="subtitle">{t('subheading')}</View>
      </View>
      <Feedback of={action} />

      <View className="section-title">{t('byName')}</View>
      <Input
        id="village-query"
        className="input"
        value={q}
        placeholder={t('namePlaceholder')}
        confirmType="search"
        onInput={(e) => setQ(e.detail.value)}
        onConfirm={search}
      />
      <Button id="village-search" loading={action.busy} onClick={search}>
        {t('search')}
      </Button>
      {results && results.length === 0 && (
        <View className="muted" id="village-empty">
          {t('empty')}
        </View>
      )}
      {results?.map((v) => (
        <VillageItem key={v.code} village={v} onPick={(picked) => bind({ villageCode: picked.code }, picked)} />
      ))}

      <View className="section-title mt-xl">{t('byInvite')}</View>
      <Input
        id="invite-input"
        className="input"
        value={invite}
        maxlength={6}
        placeholder={t('invitePlaceholder')}
        onInput={(e) => setInvite(e.detail.value.toUpperCase())}
      />
      <Button light id="invite-lookup" onClick={() => lookupInvite(invite.trim().toUpperCase())}>
        {t('lookup')}
      </Button>
      {invited && (
        <View className="card" id="invite-village">
          <View className="title">{invited.name}</View>
          <View className="subtitle">{t('place', { township: invited.townshipName, county: invited.countyName })}</View>
          <Button
            id="invite-bind"
            loading={action.busy}
            onClick={() => bind({ inviteCode: invite.trim().toUpperCase() }, invited)}
          >
            {t('bindHere')}
          </Button>
        </View>
      )}

      {/* someone invited to a role (county or township staff, counsel, village cadre) has an 8-character invitation instead */}
      <Button light id="link-redeem" onClick={() => goto('redeem')}>
        {t('staff')}
      </Button>
    </Screen>
  );
}
