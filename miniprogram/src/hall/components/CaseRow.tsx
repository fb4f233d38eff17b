import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '@vc/types';
import { limitText, when } from '../services/hall';

/**
 * One case in a list: its kind, title and status, and the time left or its outcome. Handlers also
 * read who applied and from which village.
 */
export function CaseRow({ c, handlerView, onOpen }: { c: CaseSummary; handlerView: boolean; onOpen: () => void }) {
  const { t } = useTranslation(['hall', 'labels']);
  const limit = limitText(c);
  return (
    <View className="list-item" id={`case-${c.id}`} hoverClass="btn-hover" onClick={onOpen}>
      <View className="row">
        <View className="tag" id={`case-kind-${c.id}`}>
          {t(`labels:caseKind.${c.kind}`)}
        </View>
        <View className="grow bold" id={`case-title-${c.id}`}>
          {c.title}
        </View>
      </View>
      {handlerView && (
        <View className="subtitle" id={`case-who-${c.id}`}>
          {c.applicantPhoneMasked
            ? t('row.whoWithPhone', { name: c.applicantName, phone: c.applicantPhoneMasked, village: c.villageName })
            : t('row.who', { name: c.applicantName, village: c.villageName })}
        </View>
      )}
      <View className="row">
        <View className="tag" id={`case-status-${c.id}`}>
          {t(`labels:caseStatus.${c.status}`)}
        </View>
        <View id={`case-limit-${c.id}`} className={c.overdue && c.status !== 'done' ? 'grow late' : 'grow'}>
          {limit}
        </View>
        <View className="muted">{when(c.updatedAt)}</View>
      </View>
    </View>
  );
}
