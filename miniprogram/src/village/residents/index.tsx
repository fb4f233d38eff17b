import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Resident, ResidentListReply } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { formatBeijing } from '../../shared/time';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

/** A waiting resident: confirm, or decline with a reason. */
function Waiting(props: { r: Resident; busy: boolean; onConfirm: () => void; onDecline: (reason: string) => void }) {
  const { r, busy, onConfirm, onDecline } = props;
  const [reason, setReason] = useState('');
  const { t } = useTranslation('village');
  return (
    <View className="list-item" id={`resident-${r.userId}`}>
      <View className="bold">{r.name}</View>
      <View className="subtitle">
        {r.since
          ? t('residents.since', { phone: r.phoneMasked ?? t('residents.noPhone'), time: formatBeijing(r.since, 'full') })
          : (r.phoneMasked ?? t('residents.noPhone'))}
      </View>
      <Input
        id={`decline-reason-${r.userId}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(200)}
        placeholder={t('residents.reasonPlaceholder')}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="row">
        <View className="grow gap-right">
          <Button small id={`confirm-${r.userId}`} disabled={busy} onClick={onConfirm}>
            {t('residents.confirm')}
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`decline-${r.userId}`} disabled={busy} onClick={() => onDecline(reason.trim())}>
            {t('residents.decline')}
          </Button>
        </View>
      </View>
    </View>
  );
}

/**
 * Village cadres confirm that the people who bound to their village live there, where the county's
 * policy asks for it (docs/domain.md "Who uses it"). The village is the page query's `villageCode`,
 * else the person's first village-cadre grant (useStaffPlace).
 */
export default function Residents() {
  const [village, setVillage] = useState<{ code: string; name: string } | null>(null);
  const list = useLoad<ResidentListReply>();
  const action = useAction();
  const { t } = useTranslation('village');

  useStaffPlace(
    'village_cadre',
    (place) => {
      setVillage(place);
      list.load(() => call('listResidents', { params: { villageCode: place.code }, query: { status: 'pending' } }));
    },
    list.fail,
  );

  function decide(r: Resident, confirmed: boolean, reason = '') {
    if (!village) return;
    if (!confirmed && countChars(reason) < 2) {
      action.fail(t('residents.reasonNeeded'));
      return;
    }
    const params = { villageCode: village.code, userId: r.userId };
    void action.run(
      async () => {
        if (confirmed) await call('confirmResident', { params });
        else await call('declineResident', { params, body: { reason } });
        list.setData((d) => (d ? { ...d, items: d.items.filter((x) => x.userId !== r.userId) } : d));
      },
      {
        ok: confirmed ? t('residents.confirmed', { name: r.name }) : t('residents.declined', { name: r.name }),
        confirm: confirmed
          ? {
              title: t('residents.confirmTitle', { name: r.name }),
              content: t('residents.confirmContent'),
              confirmText: t('residents.confirmText'),
            }
          : {
              title: t('residents.declineTitle', { name: r.name }),
              content: t('residents.declineContent'),
              confirmText: t('residents.declineText'),
            },
      },
    );
  }

  const items = list.data?.items ?? null;
  return (
    <Screen title={t('residents.title')}>
      <View className="card">
        <View className="title">{t('residents.title')}</View>
        <View className="subtitle">{t('residents.subtitle', { village: village?.name ?? '' })}</View>
        {list.data && !list.data.confirmationRequired && (
          <View className="muted" id="residents-not-required">
            {t('residents.notRequired')}
          </View>
        )}
      </View>
      <PageError message={list.error} />
      <Feedback of={action} />
      {list.loading && !items && <View className="muted">{t('residents.loading')}</View>}
      {items && items.length === 0 && (
        <View className="muted" id="residents-empty">
          {t('residents.empty')}
        </View>
      )}
      {items?.map((r) => (
        <Waiting
          key={r.userId}
          r={r}
          busy={action.busy}
          onConfirm={() => decide(r, true)}
          onDecline={(reason) => decide(r, false, reason)}
        />
      ))}
    </Screen>
  );
}
