import { View } from '@tarojs/components';
import type { Invitation } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { formatBeijing } from '../../shared/time';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('staff');
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
        {i.code
          ? t('item.usageWithCode', { code: i.code, used: i.used, uses: i.uses, date: formatBeijing(i.expiresAt, 'full') })
          : t('item.usage', { used: i.used, uses: i.uses, date: formatBeijing(i.expiresAt, 'full') })}
      </View>
      <View className="muted">
        {i.note
          ? t('item.issuedWithNote', { name: i.issuedBy.name, date: formatBeijing(i.createdAt, 'full'), note: i.note })
          : t('item.issued', { name: i.issuedBy.name, date: formatBeijing(i.createdAt, 'full') })}
      </View>
      {i.withdrawnAt && (
        <View className="muted">
          {i.withdrawReason
            ? t('item.withdrawnWithReason', {
                name: i.withdrawnBy?.name ?? '',
                date: formatBeijing(i.withdrawnAt, 'full'),
                reason: i.withdrawReason,
              })
            : t('item.withdrawn', { name: i.withdrawnBy?.name ?? '', date: formatBeijing(i.withdrawnAt, 'full') })}
        </View>
      )}
      {handed && (
        <View className="row mt-m">
          <Button small light id={`invitation-show-${i.id}`} onClick={onShow}>
            {t('item.show')}
          </Button>
          <View className="spacer" />
          <Button small light id={`invitation-withdraw-${i.id}`} disabled={busy} onClick={onWithdraw}>
            {t('item.withdraw')}
          </Button>
        </View>
      )}
    </View>
  );
}
