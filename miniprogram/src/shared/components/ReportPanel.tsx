import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { ReportReason } from '@vc/types';
import { inputMaxLength } from '@vc/types/src/constants';
import { Button } from './Button';

/** Why a message is reported (举报), as the moderators read it. */
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  illegal: '违法违规',
  fraud: '诈骗',
  abuse: '辱骂、歧视或骚扰',
  privacy: '泄露个人隐私',
  spam: '广告或刷屏',
  other: '其他',
};
const REASONS = Object.keys(REPORT_REASON_LABELS) as ReportReason[];

interface Props {
  /** makes the ids of its parts unique on the page (report-reason-<id>-fraud, report-submit-<id>) */
  id: string;
  busy: boolean;
  onSubmit: (reason: ReportReason, text: string) => void;
  onCancel: () => void;
}

/**
 * Reporting a message or a reply (举报): a reason (required) and a note (optional); shared by the
 * work groups and the consultations, so it lives in the main package.
 */
export function ReportPanel({ id, busy, onSubmit, onCancel }: Props) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [text, setText] = useState('');
  return (
    <View id={`report-panel-${id}`} className="mt-s">
      <View className="subtitle">举报原因</View>
      <View>
        {REASONS.map((r) => (
          <View
            key={r}
            id={`report-reason-${id}-${r}`}
            className={r === reason ? 'tag tag-choice tag-on' : 'tag tag-choice'}
            onClick={() => setReason(r)}
          >
            {REPORT_REASON_LABELS[r]}
          </View>
        ))}
      </View>
      <Input
        id={`report-text-${id}`}
        className="input"
        value={text}
        maxlength={inputMaxLength(200)}
        placeholder="补充说明（选填）"
        onInput={(e) => setText(e.detail.value)}
      />
      <View className="row">
        <View className="grow gap-right">
          <Button
            small
            id={`report-submit-${id}`}
            disabled={busy || !reason}
            onClick={() => reason && onSubmit(reason, text.trim())}
          >
            提交举报
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`report-cancel-${id}`} disabled={busy} onClick={onCancel}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
