import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '../../shared/components/Button';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { useTranslation } from 'react-i18next';

interface Props {
  /** what is about to be withdrawn, in a sentence */
  title: string;
  /** the confirm button's words (撤销角色, 撤回邀请) */
  confirmLabel: string;
  placeholder: string;
  /** the fewest characters of the reason; 0 = the reason may be left out */
  minLength: number;
  busy: boolean;
  onConfirm: (reason: string) => void;
  /** a Chinese message when the reason is too short (nothing is sent) */
  onInvalid: (message: string) => void;
  onCancel: () => void;
}

/**
 * Asks for the reason before withdrawing (a role, an invitation): the reason is kept in the record
 * of role changes. One panel is open at a time, so its ids are stable: #withdraw-reason,
 * #withdraw-confirm, #withdraw-cancel.
 */
export function WithdrawPanel({ title, confirmLabel, placeholder, minLength, busy, onConfirm, onInvalid, onCancel }: Props) {
  const { t } = useTranslation('staff');
  const [reason, setReason] = useState('');

  function confirm() {
    const text = reason.trim();
    if (countChars(text) < minLength) {
      onInvalid(t('withdraw.reasonTooShort', { n: minLength }));
      return;
    }
    onConfirm(text);
  }

  return (
    <View id="withdraw-panel" className="card withdraw-panel">
      <View className="bold">{title}</View>
      <Input
        id="withdraw-reason"
        className="input"
        value={reason}
        placeholder={placeholder}
        maxlength={inputMaxLength(200)}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="row">
        <Button small id="withdraw-confirm" disabled={busy} onClick={confirm}>
          {confirmLabel}
        </Button>
        <View className="spacer" />
        <Button small light id="withdraw-cancel" onClick={onCancel}>
          {t('withdraw.cancel')}
        </Button>
      </View>
    </View>
  );
}
