import { View } from '@tarojs/components';
import type { ConsultationStep } from '@vc/types';
import { CONSULTATION_STEP_LABELS, ESCALATE_TO_LABELS, TIER_HANDLERS, when } from '../services/consult';

function title(s: ConsultationStep): string {
  if (s.kind === 'escalated' && s.toTier) return `${ESCALATE_TO_LABELS[s.toTier]}（转${TIER_HANDLERS[s.toTier]}）`;
  return CONSULTATION_STEP_LABELS[s.kind] ?? s.kind;
}

/** The consultation's trail: who did what, in which role, when, with the text or reason. */
export function ConsultTrail({ steps }: { steps: ConsultationStep[] }) {
  return (
    <View className="card" id="trail">
      <View className="section-title">办理过程</View>
      {steps.map((s) => (
        <View key={s.n} id={`step-${s.n}`} style={{ borderLeft: '3px solid #e0e0e0', paddingLeft: '10px', marginBottom: '12px' }}>
          <View className="row">
            <View className="grow" style={{ fontWeight: 'bold' }} id={`step-title-${s.n}`}>
              {title(s)}
            </View>
            <View className="muted">{when(s.at)}</View>
          </View>
          <View className="muted" id={`step-by-${s.n}`}>
            {s.byName}（{s.byRole}）
          </View>
          {s.kind !== 'asked' && s.text && (
            <View id={`step-text-${s.n}`} style={{ whiteSpace: 'pre-wrap' }}>
              {s.text}
            </View>
          )}
          {s.reason && <View id={`step-reason-${s.n}`}>原因：{s.reason}</View>}
        </View>
      ))}
    </View>
  );
}
