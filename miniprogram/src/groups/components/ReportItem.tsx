import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { HeldConsultationText, Report } from '@vc/types';
import { inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { REPORT_REASON_LABELS } from '../../shared/components/ReportPanel';
import { chatTime } from '../services/chat';

/** The kinds of text that can be held (a claim has no text): labelled in groups:reports.kind. */
type HeldKind = Exclude<HeldConsultationText['kind'], 'claimed'>;
const isHeldKind = (kind: HeldConsultationText['kind']): kind is HeldKind => kind !== 'claimed';

interface DecideProps {
  id: string;
  busy: boolean;
  /** [decision, button label]: the first is the approving one */
  choices: [string, string][];
  onDecide: (decision: string, reason: string) => void;
}

/** A reason (required to refuse or remove) and the decision buttons. */
function Decide({ id, busy, choices, onDecide }: DecideProps) {
  const { t } = useTranslation('groups');
  const [reason, setReason] = useState('');
  return (
    <View>
      <Input
        id={`decide-reason-${id}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(200)}
        placeholder={t('reports.decidePlaceholder')}
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className="row">
        {choices.map(([decision, label], i) => (
          <View key={decision} className={i === 0 ? 'grow gap-right' : 'grow'}>
            <Button
              small
              light={i > 0}
              id={`decide-${decision}-${id}`}
              disabled={busy}
              onClick={() => onDecide(decision, reason.trim())}
            >
              {label}
            </Button>
          </View>
        ))}
      </View>
    </View>
  );
}

/** A report (举报): what was reported, why, its status; the township decides it when `onDecide` is given. */
export function ReportItem({
  report: r,
  busy,
  onDecide,
}: {
  report: Report;
  busy: boolean;
  onDecide?: (decision: 'dismiss' | 'remove', reason: string) => void;
}) {
  const { t } = useTranslation('groups');
  return (
    <View className="list-item" id={`report-${r.id}`}>
      <View className="row">
        <View className="grow bold">
          {r.target === 'group_message' ? t('reports.target.group_message') : t('reports.target.consultation_reply')} ·{' '}
          {r.authorName}
        </View>
        <View className="muted">{chatTime(r.at)}</View>
      </View>
      <View className="pre-wrap break-all my-s" id={`report-excerpt-${r.id}`}>
        {r.excerpt}
      </View>
      <View className="tag">{REPORT_REASON_LABELS[r.reason]}</View>
      <View className="tag" id={`report-status-${r.id}`}>
        {t(`reports.reportStatus.${r.status}`)}
      </View>
      {r.text && <View className="muted">{t('reports.reportText', { text: r.text })}</View>}
      {r.decisionReason && <View className="muted">{t('reports.decisionReason', { reason: r.decisionReason })}</View>}
      {onDecide && r.status === 'open' && (
        <Decide
          id={r.id}
          busy={busy}
          choices={[
            ['remove', t('reports.removeContent')],
            ['dismiss', t('reports.dismiss')],
          ]}
          onDecide={(d, reason) => onDecide(d as 'dismiss' | 'remove', reason)}
        />
      )}
    </View>
  );
}

/** A consultation text held by the content check: approve it (shown to the others) or not (with a reason). */
export function HeldTextItem({
  item: h,
  busy,
  onDecide,
}: {
  item: HeldConsultationText;
  busy: boolean;
  onDecide: (decision: 'approve' | 'reject', reason: string) => void;
}) {
  const { t } = useTranslation('groups');
  return (
    <View className="list-item" id={`held-text-${h.id}`}>
      <View className="row">
        <View className="grow bold">
          {isHeldKind(h.kind) ? t(`reports.kind.${h.kind}`) : h.kind} · {h.authorName} · {h.villageName}
        </View>
        <View className="muted">{chatTime(h.at)}</View>
      </View>
      <View className="pre-wrap break-all my-s">{h.text}</View>
      <View className="tag">{t(`reports.cause.${h.cause}`)}</View>
      <View className="tag">{t(`reports.reviewStatus.${h.status}`)}</View>
      {h.reason && <View className="muted">{t('reason', { reason: h.reason })}</View>}
      {h.status === 'held' && (
        <Decide
          id={h.id}
          busy={busy}
          choices={[
            ['approve', t('reports.approve')],
            ['reject', t('reports.reject')],
          ]}
          onDecide={(d, reason) => onDecide(d as 'approve' | 'reject', reason)}
        />
      )}
    </View>
  );
}
