import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { GroupSummary } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { inputMaxLength } from '@vc/types/src/constants';

interface Props {
  group: GroupSummary;
  /** messages after the last one this phone has seen */
  unseen: number;
  busy: boolean;
  onOpen: () => void;
  onManage: () => void;
  onJoin: (note: string) => void;
}

const READABLE = ['moderator', 'member', 'muted'];

/** One work group on the list: tap to read; join, ask to join or wait for approval otherwise. */
export function GroupListItem({ group: g, unseen, busy, onOpen, onManage, onJoin }: Props) {
  const { t } = useTranslation(['groups', 'labels']);
  const [note, setNote] = useState('');
  const readable = READABLE.includes(g.standing);
  const asks = g.standing === 'can_request' || g.standing === 'removed';
  return (
    <View className="list-item" id={`group-${g.code}`}>
      <View className="row" id={readable ? `open-${g.code}` : undefined} onClick={readable ? onOpen : undefined}>
        <View className="grow">
          <View className="bold" id={`group-name-${g.code}`}>
            {g.name}
          </View>
          <View className="muted" id={`group-standing-${g.code}`}>
            {readable
              ? t('item.standingCount', { standing: t(`labels:groupStanding.${g.standing}`), n: g.lastSeq })
              : t(`labels:groupStanding.${g.standing}`)}
          </View>
        </View>
        {readable && unseen > 0 && (
          <View className="tag" id={`group-unseen-${g.code}`}>
            {t('item.unseen', { n: unseen })}
          </View>
        )}
        {readable && <View className="muted">›</View>}
      </View>
      {g.standing === 'moderator' && (
        <View className="row">
          <View className="grow muted" id={`group-pending-${g.code}`}>
            {t('item.pendingRequests', { n: g.pendingRequests ?? 0 })}
          </View>
          <Button small light id={`manage-${g.code}`} onClick={onManage}>
            {t('item.manage')}
          </Button>
        </View>
      )}
      {g.standing === 'can_join' && (
        <Button small id={`join-${g.code}`} disabled={busy} onClick={() => onJoin('')}>
          {t('item.join')}
        </Button>
      )}
      {asks && (
        <View>
          <Input
            id={`join-note-${g.code}`}
            className="input"
            value={note}
            maxlength={inputMaxLength(200)}
            placeholder={t('item.notePlaceholder')}
            onInput={(e) => setNote(e.detail.value)}
          />
          <Button small id={`request-${g.code}`} disabled={busy} onClick={() => onJoin(note.trim())}>
            {t('item.request')}
          </Button>
        </View>
      )}
      {g.standing === 'pending' && (
        <View className="tag" id={`pending-${g.code}`}>
          {t('item.waiting')}
        </View>
      )}
    </View>
  );
}
