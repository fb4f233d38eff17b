import { Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { GROUP_POST_MAX_LENGTH, inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';

interface Props {
  value: string;
  onInput: (text: string) => void;
  onSend: () => void;
  sending: boolean;
  /** the last send of this text failed on the network: sending again resends it with the same key */
  retry: boolean;
  /** muted members read but cannot post: the box is disabled */
  muted: boolean;
}

/** The message box under a work group's messages. */
export function GroupComposer({ value, onInput, onSend, sending, retry, muted }: Props) {
  const { t } = useTranslation('groups');
  return (
    <View className="card" id="composer">
      {muted && (
        <View id="composer-muted" className="error centered">
          {t('composer.muted')}
        </View>
      )}
      <Textarea
        id="composer-input"
        className="input textarea composer-input"
        value={muted ? '' : value}
        disabled={muted}
        maxlength={inputMaxLength(GROUP_POST_MAX_LENGTH)}
        autoHeight
        placeholder={muted ? t('composer.mutedPlaceholder') : t('composer.placeholder')}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Button id="composer-send" disabled={muted || sending || !value.trim()} onClick={onSend}>
        {sending ? t('composer.sending') : retry ? t('composer.resend') : t('composer.send')}
      </Button>
    </View>
  );
}
