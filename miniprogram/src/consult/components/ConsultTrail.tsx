import { useState } from 'react';
import { View } from '@tarojs/components';
import type { ConsultationStep, ReportReason, TextReview } from '@vc/types';
import { ReportPanel } from '../../shared/components/ReportPanel';
import { CONSULTATION_STEP_LABELS, ESCALATE_TO_LABELS, TIER_HANDLERS, when } from '../services/consult';

function title(s: ConsultationStep): string {
  if (s.kind === 'escalated' && s.toTier) return `${ESCALATE_TO_LABELS[s.toTier]}（转${TIER_HANDLERS[s.toTier]}）`;
  return CONSULTATION_STEP_LABELS[s.kind] ?? s.kind;
}

/** What a text under review shows: to its writer (who still reads it) and to the others (who do not). */
export const REVIEW_NOTES: Record<TextReview, { mine: string; others: string }> = {
  held: { mine: '待审核：内容安全检测未通过，乡镇审核通过后对方才能看到', others: '该内容正在审核，通过后显示' },
  rejected: { mine: '未通过审核，对方看不到该内容', others: '该内容未通过审核，不予显示' },
  removed: { mine: '已被管理员删除，对方看不到该内容', others: '该内容已被管理员删除' },
};

/** Answers and follow-ups of someone else may be reported (举报). */
const REPORTABLE = new Set(['answered', 'followed_up']);

interface Props {
  steps: ConsultationStep[];
  busy?: boolean;
  onReport?: (step: ConsultationStep, reason: ReportReason, text: string) => void;
}

/** The consultation's trail: who did what, in which role, when, with the text or reason. */
export function ConsultTrail({ steps, busy = false, onReport }: Props) {
  const [reporting, setReporting] = useState<number | null>(null);
  return (
    <View className="card" id="trail">
      <View className="section-title">办理过程</View>
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
          {s.reason && <View id={`step-reason-${s.n}`}>原因：{s.reason}</View>}
          {s.review && (
            <View className="muted" id={`step-review-${s.n}`}>
              {s.mine ? REVIEW_NOTES[s.review].mine : REVIEW_NOTES[s.review].others}
            </View>
          )}
          {onReport && !s.mine && !s.review && s.text && REPORTABLE.has(s.kind) && reporting !== s.n && (
            <View className="text-right">
              <View id={`step-report-${s.n}`} className="tag tag-choice" onClick={() => setReporting(s.n)}>
                举报
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
