import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { HeldConsultationText, Report } from '@vc/types';
import { inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { REPORT_REASON_LABELS } from '../../shared/components/ReportPanel';
import { chatTime } from '../services/chat';

const REPORT_STATUS_LABELS: Record<Report['status'], string> = { open: '待处理', dismissed: '已驳回', removed: '已删除内容' };
const REVIEW_STATUS_LABELS: Record<HeldConsultationText['status'], string> = {
  held: '待审核',
  approved: '已通过',
  rejected: '未通过',
  removed: '已删除（举报）',
};
const CAUSE_LABELS: Record<HeldConsultationText['cause'], string> = {
  risky: '内容安全检测认为有风险',
  review: '内容安全检测要求人工审核',
  check_unavailable: '内容安全检测暂不可用',
  report: '经举报处理',
};
const KIND_LABELS: Partial<Record<HeldConsultationText['kind'], string>> = {
  asked: '咨询问题',
  answered: '答复',
  followed_up: '追问',
  escalated: '提交上级的原因',
  closed: '办结说明',
  rated: '评价',
};

interface DecideProps {
  id: string;
  busy: boolean;
  /** [decision, button label]: the first is the approving one */
  choices: [string, string][];
  onDecide: (decision: string, reason: string) => void;
}

/** A reason (required to refuse or remove) and the decision buttons. */
function Decide({ id, busy, choices, onDecide }: DecideProps) {
  const [reason, setReason] = useState('');
  return (
    <View>
      <Input
        id={`decide-reason-${id}`}
        className="input"
        value={reason}
        maxlength={inputMaxLength(200)}
        placeholder="处理原因（驳回举报、删除或不予通过时必填）"
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
  return (
    <View className="list-item" id={`report-${r.id}`}>
      <View className="row">
        <View className="grow bold">
          {r.target === 'group_message' ? '群消息' : '咨询答复'} · {r.authorName}
        </View>
        <View className="muted">{chatTime(r.at)}</View>
      </View>
      <View className="pre-wrap break-all my-s" id={`report-excerpt-${r.id}`}>
        {r.excerpt}
      </View>
      <View className="tag">{REPORT_REASON_LABELS[r.reason]}</View>
      <View className="tag" id={`report-status-${r.id}`}>
        {REPORT_STATUS_LABELS[r.status]}
      </View>
      {r.text && <View className="muted">举报说明：{r.text}</View>}
      {r.decisionReason && <View className="muted">处理原因：{r.decisionReason}</View>}
      {onDecide && r.status === 'open' && (
        <Decide
          id={r.id}
          busy={busy}
          choices={[
            ['remove', '删除该内容'],
            ['dismiss', '驳回举报'],
          ]}
          onDecide={(d, reason) => onDecide(d as 'dismiss' | 'remove', reason)}
        />
      )}
    </View>
  );
}

/** A consultation text held by the content check: approve it (shown to the others) or not (with a reason). */
export function HeldTextItem({
  item: t,
  busy,
  onDecide,
}: {
  item: HeldConsultationText;
  busy: boolean;
  onDecide: (decision: 'approve' | 'reject', reason: string) => void;
}) {
  return (
    <View className="list-item" id={`held-text-${t.id}`}>
      <View className="row">
        <View className="grow bold">
          {KIND_LABELS[t.kind] ?? t.kind} · {t.authorName} · {t.villageName}
        </View>
        <View className="muted">{chatTime(t.at)}</View>
      </View>
      <View className="pre-wrap break-all my-s">{t.text}</View>
      <View className="tag">{CAUSE_LABELS[t.cause]}</View>
      <View className="tag">{REVIEW_STATUS_LABELS[t.status]}</View>
      {t.reason && <View className="muted">原因：{t.reason}</View>}
      {t.status === 'held' && (
        <Decide
          id={t.id}
          busy={busy}
          choices={[
            ['approve', '通过'],
            ['reject', '不予通过'],
          ]}
          onDecide={(d, reason) => onDecide(d as 'approve' | 'reject', reason)}
        />
      )}
    </View>
  );
}
