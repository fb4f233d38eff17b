import { View } from '@tarojs/components';
import type { CaseSummary } from '@vc/types';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, limitText, when } from '../services/hall';

/**
 * One case in a list: its kind, title and status, and the time left or its outcome. Handlers also
 * read who applied and from which village.
 */
export function CaseRow({ c, handlerView, onOpen }: { c: CaseSummary; handlerView: boolean; onOpen: () => void }) {
  const limit = limitText(c);
  return (
    <View className="list-item" id={`case-${c.id}`} hoverClass="btn-hover" onClick={onOpen}>
      <View className="row">
        <View className="tag" id={`case-kind-${c.id}`}>
          {CASE_KIND_LABELS[c.kind]}
        </View>
        <View className="grow bold" id={`case-title-${c.id}`}>
          {c.title}
        </View>
      </View>
      {handlerView && (
        <View className="subtitle" id={`case-who-${c.id}`}>
          {c.applicantName}
          {c.applicantPhoneMasked ? ` ${c.applicantPhoneMasked}` : ''} · {c.villageName}
        </View>
      )}
      <View className="row">
        <View className="tag" id={`case-status-${c.id}`}>
          {CASE_STATUS_LABELS[c.status]}
        </View>
        <View id={`case-limit-${c.id}`} className={c.overdue && c.status !== 'done' ? 'grow late' : 'grow'}>
          {limit}
        </View>
        <View className="muted">{when(c.updatedAt)}</View>
      </View>
    </View>
  );
}
