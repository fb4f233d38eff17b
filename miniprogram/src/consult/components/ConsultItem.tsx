import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ConsultationSummary } from '@vc/types';
import { deadlineOf, handlerText, when } from '../services/consult';
import { countChars } from '@vc/types/src/constants';

interface Props {
  c: ConsultationSummary;
  /** handlers see who asked (phone masked) and the time left; askers see who handles it */
  handlerView: boolean;
  onOpen: () => void;
}

/** One consultation in a list (mine, inbox, overdue). */
export function ConsultItem({ c, handlerView, onOpen }: Props) {
  const { t } = useTranslation(['consult', 'labels']);
  const due = deadlineOf(c);
  return (
    <View className="list-item" id={`consult-${c.id}`} hoverClass="btn-hover" onClick={onOpen}>
      <View className="row">
        <View className="grow bold" id={`consult-who-${c.id}`}>
          {handlerView ? `${c.askerName}${c.askerPhoneMasked ? ` ${c.askerPhoneMasked}` : ''}` : c.villageName}
        </View>
        <View className="tag" id={`consult-status-${c.id}`}>
          {t(`labels:consultationStatus.${c.status}`)}
        </View>
      </View>
      {handlerView && <View className="subtitle">{c.villageName}</View>}
      <View id={`consult-preview-${c.id}`}>
        {c.preview}
        {countChars(c.preview) >= 60 ? '…' : ''}
      </View>
      <View className="row">
        <View className="tag" id={`consult-tier-${c.id}`}>
          {t(`tierLevel.${c.tier}`)}
        </View>
        <View className="grow muted" id={`consult-handler-${c.id}`}>
          {handlerText(c)}
        </View>
      </View>
      {handlerView ? (
        <View id={`consult-due-${c.id}`} className={due.late ? 'late' : undefined}>
          {due.text}
        </View>
      ) : (
        <View className="muted">
          {t(c.rated ? 'item.updatedRated' : c.status === 'closed' ? 'item.updatedToRate' : 'item.updated', {
            at: when(c.updatedAt),
          })}
        </View>
      )}
    </View>
  );
}
