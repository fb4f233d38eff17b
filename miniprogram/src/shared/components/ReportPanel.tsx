import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { ReportReason } from '@vc/types';
import { useTranslation } from 'react-i18next';
import { inputMaxLength } from '@vc/types/src/constants';
import { t as translate } from '../i18n';
import { Button } from './Button';

const REASONS: ReportReason[] = ['illegal', 'fraud', 'abuse', 'privacy', 'spam', 'other'];

/**
 * Why a message is reported (举报), as the moderators read it: common:report.reasons.<reason>. Each
 * label is read when asked for (a getter), so it follows the language chosen since the start.
 */
export const REPORT_REASON_LABELS = {} as Record<ReportReason, string>;
for (const r of REASONS) {
  Object.defineProperty(REPORT_REASON_LABELS, r, { enumerable: true, get: () => translate(`common:report.reasons.${r}`) });
}

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
  const { t } = useTranslation();
  return (
    <View id={`report-panel-${id}`} className="mt-s">
      <View className="subtitle">{t('report.reason')}</View>
      <View>
        {REASONS.map((r) => (
          <View
            key={r}
            id={`report-reason-${id}-${r}`}
            className={r === reason ? 'tag tag-choice tag-on' : 'tag tag-choice'}
            onClick={() => setReason(r)}
          >
            {t(`report.reasons.${r}`)}
          </View>
        ))}
      </View>
      <Input
        id={`report-text-${id}`}
        className="input"
        value={text}
        maxlength={inputMaxLength(200)}
        placeholder={t('report.note')}
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
            {t('report.submit')}
          </Button>
        </View>
        <View className="grow">
          <Button small light id={`report-cancel-${id}`} disabled={busy} onClick={onCancel}>
            {t('report.cancel')}
          </Button>
        </View>
      </View>
    </View>
  );
}
