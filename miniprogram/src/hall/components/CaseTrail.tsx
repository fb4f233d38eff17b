import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CaseStep } from '@vc/types';
import { when } from '../services/hall';
import { CasePhotos } from './CasePhotos';

/** The case's trail: each step, by whom in which role, when, and how long it took since the one before. */
export function CaseTrail({ caseId, steps }: { caseId: string; steps: CaseStep[] }) {
  const { t } = useTranslation(['hall', 'labels']);
  return (
    <View className="card" id="case-trail">
      <View className="section-title">{t('trail.title')}</View>
      {steps.map((s) => (
        <View key={s.n} id={`step-${s.n}`} className="trail-step">
          <View className="row">
            <View className="grow bold" id={`step-title-${s.n}`}>
              {t(`labels:caseAct.${s.kind}`, { defaultValue: s.kind })}
            </View>
            <View className="muted">{when(s.at)}</View>
          </View>
          <View className="muted" id={`step-by-${s.n}`}>
            {t('trail.by', { name: s.byName, role: s.byRole })}
          </View>
          {s.outcome && (
            <View id={`step-outcome-${s.n}`} className="bold">
              {t('trail.outcome', { outcome: t(`labels:caseOutcome.${s.outcome}`) })}
            </View>
          )}
          {s.lawyer && <View id={`step-lawyer-${s.n}`}>{t('trail.lawyer', { lawyer: s.lawyer })}</View>}
          {s.at2 && <View id={`step-at-${s.n}`}>{t('trail.at', { at: when(s.at2) })}</View>}
          {s.dueDate && <View id={`step-due-${s.n}`}>{t('trail.due', { date: s.dueDate })}</View>}
          {s.text && (
            <View id={`step-text-${s.n}`} className="pre-wrap">
              {s.text}
            </View>
          )}
          <CasePhotos id={`step-photos-${s.n}`} caseId={caseId} photoIds={s.photoIds} />
          {s.tookHours !== null && (
            <View className="muted" id={`step-took-${s.n}`}>
              {t('trail.took', { hours: s.tookHours })}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
