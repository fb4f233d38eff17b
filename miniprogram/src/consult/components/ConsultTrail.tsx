import { useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { ConsultationStep, ReportReason, TextReview } from '@vc/types';
import { ReportPanel } from '../../shared/components/ReportPanel';
import { t } from '../../shared/i18n';
import { when } from '../services/consult';

function title(s: ConsultationStep): string {
  if (s.kind === 'escalated' && s.toTier) return t(`consult:trail.escalatedTo.${s.toTier}`);
  return t(`labels:consultationStep.${s.kind}`);
}

/** What a text under review shows: to its writer (who still reads it) and to the others (who do not). */
export function reviewNote(review: TextReview, mine: boolean): string {
  return mine ? t(`consult:review.${review}.mine`) : t(`consult:review.${review}.others`);
}

/** Answers and follow-ups of someone else may be reported (举报). */
const REPORTABLE = new Set(['answered', 'followed_up']);

interface Props {
  steps: ConsultationStep[];
  busy?: boolean;
  onReport?: (step: ConsultationStep, reason: ReportReason, text: string) => void;
}

/** The consultation's trail: who did what, in which role, when, with the text or reason. */
export function ConsultTrail({ steps, busy = false, onReport }: Props) {
  const { t } = useTranslation('consult');
  const [reporting, setReporting] = useState<number | null>(null);
  return (
    <View className="card" id="trail">
      <View className="section-title">{t('trail.title')}</View>
      {steps.map((s) => (
        <View key={s.n} id={`step-${s.n}`} className="trail-step">
          <View className="row">
            <View className="grow bold" id={`step-title-${s.n}`}>
              {title(s)}
            </View>
            <View className="muted">{when(s.at)}</View>
          </View>
          <View className="muted" id={`step-by-${s.n}`}>
            {s.byName}（{s.byRole}）
          </View>
          {s.kind !== 'asked' && s.text && (
            <View id={`step-text-${s.n}`} className="pre-wrap">
              {s.text}
            </View>
          )}
          {s.reason && <View id={`step-reason-${s.n}`}>{t('trail.reason', { reason: s.reason })}</View>}
          {s.review && (
            <View className="muted" id={`step-review-${s.n}`}>
              {reviewNote(s.review, !!s.mine)}
            </View>
          )}
          {onReport && !s.mine && !s.review && s.text && REPORTABLE.has(s.kind) && reporting !== s.n && (
            <View className="text-right">
              <View id={`step-report-${s.n}`} className="tag tag-choice" onClick={() => setReporting(s.n)}>
                {t('trail.report')}
              </View>
            </View>
          )}
          {onReport && reporting === s.n && (
            <ReportPanel
              id={`step-${s.n}`}
              busy={busy}
              onCancel={() => setReporting(null)}
              onSubmit={(reason, text) => {
                setReporting(null);
                onReport(s, reason, text);
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
