import { Textarea, View } from '@tarojs/components';
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
  return (
    <View className="card" id="composer">
      {muted && (
        <View id="composer-muted" className="error centered">
          您已被禁言
        </View>
      )}
      <Textarea
        id="composer-input"
        className="input textarea composer-input"
        value={muted ? '' : value}
        disabled={muted}
        maxlength={inputMaxLength(GROUP_POST_MAX_LENGTH)}
        autoHeight
        placeholder={muted ? '您已被禁言，不能发言' : '输入消息（不要发身份证号、手机号、银行卡号等个人信息）'}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Button id="composer-send" disabled={muted || sending || !value.trim()} onClick={onSend}>
        {sending ? '正在发送…' : retry ? '重新发送' : '发送'}
      </Button>
    </View>
  );
}
