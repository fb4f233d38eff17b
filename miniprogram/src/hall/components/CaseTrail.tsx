import { View } from '@tarojs/components';
import type { CaseStep } from '@vc/types';
import { CASE_ACT_LABELS, CASE_OUTCOME_LABELS, when } from '../services/hall';
import { CasePhotos } from './CasePhotos';

/** The case's trail: each step, by whom in which role, when, and how long it took since the one before. */
export function CaseTrail({ caseId, steps }: { caseId: string; steps: CaseStep[] }) {
  return (
    <View className="card" id="case-trail">
      <View className="section-title">办理过程</View>
      {steps.map((s) => (
        <View key={s.n} id={`step-${s.n}`} className="trail-step">
          <View className="row">
            <View className="grow bold" id={`step-title-${s.n}`}>
              {CASE_ACT_LABELS[s.kind] ?? s.kind}
            </View>
            <View className="muted">{when(s.at)}</View>
          </View>
          <View className="muted" id={`step-by-${s.n}`}>
            {s.byName}（{s.byRole}）
          </View>
          {s.outcome && (
            <View id={`step-outcome-${s.n}`} className="bold">
              结果：{CASE_OUTCOME_LABELS[s.outcome]}
            </View>
          )}
          {s.lawyer && <View id={`step-lawyer-${s.n}`}>指派律师：{s.lawyer}</View>}
          {s.at2 && <View id={`step-at-${s.n}`}>时间：{when(s.at2)}</View>}
          {s.dueDate && <View id={`step-due-${s.n}`}>请于 {s.dueDate} 前补充</View>}
          {s.text && (
            <View id={`step-text-${s.n}`} className="pre-wrap">
              {s.text}
            </View>
          )}
          <CasePhotos id={`step-photos-${s.n}`} caseId={caseId} photoIds={s.photoIds} />
          {s.tookHours !== null && (
            <View className="muted" id={`step-took-${s.n}`}>
              用时 {s.tookHours} 小时
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
