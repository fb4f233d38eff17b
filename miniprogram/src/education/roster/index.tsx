import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { RosterCoverageReply, VillageRosterReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { formatBeijing } from '../../shared/time';

/**
 * 法律明白人名单 (issue 17 item 3), for a township's staff: each village's legal-literate residents
 * (phones masked) against the county's target, and removing someone (withdrawing the role, with a
 * reason: the invitations route). New ones are invited from 邀请与人员.
 */
export default function RosterPage() {
  const { t } = useTranslation('roster');
  const router = useRouter();
  const [township, setTownship] = useState('');
  const [villages, setVillages] = useState<RosterCoverageReply | null>(null);
  const [village, setVillage] = useState<string | null>(null);
  const [roster, setRoster] = useState<VillageRosterReply | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();

  function show(villageCode: string) {
    setVillage(villageCode);
    setRemoving(null);
    call('villageRoster', { params: { villageCode } }).then(setRoster).catch(action.fail);
  }

  function loadTownship(code: string) {
    call('townshipRosterCoverage', { params: { townshipCode: code } })
      .then((reply) => {
        setVillages(reply);
        const first = router.params.villageCode || reply.items[0]?.villageCode;
        if (first) show(first);
      })
      .catch(action.fail);
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const code = router.params.townshipCode || session.user.roles.find((g) => g.role === 'township_staff')?.placeCode || '';
    setTownship(code);
    if (code) loadTownship(code);
  });

  function remove(userId: string, name: string) {
    if (Array.from(reason.trim()).length < 2) {
      action.fail(t('roster.reasonMissing'));
      return;
    }
    void action.run(
      async () => {
        await call('withdrawRole', {
          params: { code: village!, userId },
          body: { role: 'legal_literate', reason: reason.trim() },
        });
        setReason('');
        show(village!);
        loadTownship(township);
      },
      {
        ok: t('roster.removed'),
        confirm: {
          title: t('roster.removeConfirmTitle', { name }),
          content: t('roster.removeConfirm'),
          confirmText: t('roster.remove'),
        },
      },
    );
  }

  return (
    <Screen id="education-roster" title={t('roster.title')}>
      <View className="card">
        <View className="title">{t('roster.title')}</View>
        {villages && <View className="subtitle">{t('roster.intro', { target: villages.target })}</View>}
        <Button id="roster-invite" light small onClick={() => goto('staffInvite', { code: village ?? township })}>
          {t('roster.invite')}
        </Button>
        <View className="section-title">{t('roster.village')}</View>
        <View className="choice-row" role="radiogroup" aria-label={t('roster.village')}>
          {villages?.items.map((v) => (
            <View
              key={v.villageCode}
              id={`roster-village-${v.villageCode}`}
              role="radio"
              aria-checked={v.villageCode === village}
              className={`choice${v.villageCode === village ? ' choice-on' : ''}`}
              onClick={() => show(v.villageCode)}
            >
              {v.villageName} {v.count}/{villages.target}
            </View>
          ))}
        </View>
      </View>
      <Feedback of={action} />
      {roster && (
        <View className="card" id={`roster-${roster.villageCode}`}>
          <View className="section-title">{roster.villageName}</View>
          <View id="roster-count" className="bold">
            {t('roster.count', { n: roster.items.length, target: roster.target })} ·{' '}
            {roster.meetsTarget ? t('roster.meets') : t('roster.short')}
          </View>
          {roster.items.length === 0 && <View className="muted">{t('roster.empty')}</View>}
          {roster.items.map((m) => (
            <View key={m.userId} className="list-item" id={`roster-member-${m.userId}`}>
              <View className="bold">{m.name}</View>
              <View className="muted">
                {m.phoneMasked ?? ''}
                {m.since ? ` · ${t('roster.since', { when: formatBeijing(m.since, 'short') })}` : ''}
              </View>
              {removing === m.userId ? (
                <View>
                  <Textarea
                    id="remove-reason"
                    className="input textarea textarea-h100"
                    value={reason}
                    maxlength={400}
                    placeholder={t('roster.reason')}
                    onInput={(e) => setReason(e.detail.value)}
                  />
                  <Button id={`remove-confirm-${m.userId}`} small loading={action.busy} onClick={() => remove(m.userId, m.name)}>
                    {t('roster.remove')}
                  </Button>
                </View>
              ) : (
                <Button id={`remove-${m.userId}`} small light onClick={() => setRemoving(m.userId)}>
                  {t('roster.remove')}
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
