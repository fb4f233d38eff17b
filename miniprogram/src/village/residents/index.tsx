import { useState } from 'react';
import { Input, View } from '@tarojs/components';
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
  return (
    <View className="list-item" id={`resident-${r.userId}`}>
      <View className="bold">{r.name}</View>
      <View className="subtitle">
        {r.phoneMasked ?? '未登记电话'}
        {r.since ? ` · ${formatBeijing(r.since, 'full')} 申请` : ''}
      </View>
      <Input
        id={`decline-reason-${r.userId}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(200)}
        placeholder="不予确认的原因（不予确认时必填）"
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="row">
        <View className="grow gap-right">
          <Button small id={`confirm-${r.userId}`} disabled={busy} onClick={onConfirm}>
            确认是本村村民
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`decline-${r.userId}`} disabled={busy} onClick={() => onDecline(reason.trim())}>
            不予确认
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
      action.fail('不予确认时请填写原因');
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
        ok: `${confirmed ? '已确认' : '已不予确认'}：${r.name}`,
        confirm: confirmed
          ? {
              title: `确认 ${r.name} 是本村村民？`,
              content: '确认后他（她）可以进入本村工作群、向本村法律顾问咨询。',
              confirmText: '确认',
            }
          : { title: `不予确认 ${r.name}？`, content: '他（她）会看到原因，需要重新选择村（社区）。', confirmText: '不予确认' },
      },
    );
  }

  const items = list.data?.items ?? null;
  return (
    <Screen>
      <View className="card">
        <View className="title">村民身份确认</View>
        <View className="subtitle">{village?.name ?? ''}绑定本村、等待确认的人</View>
        {list.data && !list.data.confirmationRequired && (
          <View className="muted" id="residents-not-required">
            本县未要求村两委确认村民身份，绑定即生效。
          </View>
        )}
      </View>
      <PageError message={list.error} />
      <Feedback of={action} />
      {list.loading && !items && <View className="muted">正在加载…</View>}
      {items && items.length === 0 && (
        <View className="muted" id="residents-empty">
          没有等待确认的人
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
