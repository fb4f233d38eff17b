import { View } from '@tarojs/components';
import type { Invitation } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { formatBeijing } from '../../shared/time';

interface Props {
  invitation: Invitation;
  busy: boolean;
  /** shows its code and mini-program code again (active invitations) */
  onShow: () => void;
  onWithdraw: () => void;
}

/**
 * One invitation of the place in the list: what it gives where, its state, and what may still be done
 * with it. The code comes only to those who may give its role; they alone show it again or withdraw it.
 */
export function InvitationItem({ invitation: i, busy, onShow, onWithdraw }: Props) {
  const active = i.status === 'active';
  const handed = active && i.code !== null;
  return (
    <View id={`invitation-${i.id}`} className="list-item">
      <View className="row">
        <View className="grow bold">
          {i.placeName} · {i.roleLabel}
        </View>
        <View id={`invitation-status-${i.id}`} className={active ? 'tag' : 'muted'}>
          {i.statusLabel}
        </View>
      </View>
      <View className="subtitle">
        {i.code ? `邀请码 ${i.code} · ` : ''}已用 {i.used}/{i.uses} 人 · {formatBeijing(i.expiresAt, 'full')} 到期
      </View>
      <View className="muted">
        {i.issuedBy.name} 于 {formatBeijing(i.createdAt, 'full')} 发出{i.note ? `（${i.note}）` : ''}
      </View>
      {i.withdrawnAt && (
        <View className="muted">
          {i.withdrawnBy?.name ?? ''} 于 {formatBeijing(i.withdrawnAt, 'full')} 撤回
          {i.withdrawReason ? `：${i.withdrawReason}` : ''}
        </View>
      )}
      {handed && (
        <View className="row mt-m">
          <Button small light id={`invitation-show-${i.id}`} onClick={onShow}>
            出示邀请码
          </Button>
          <View className="spacer" />
          <Button small light id={`invitation-withdraw-${i.id}`} disabled={busy} onClick={onWithdraw}>
            撤回
          </Button>
        </View>
      )}
    </View>
  );
}
