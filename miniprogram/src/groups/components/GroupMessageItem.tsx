import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { GroupMessage, ReportReason } from '@vc/types';
import { chatTime } from '../services/chat';
import { Button } from '../../shared/components/Button';
import { ReportPanel } from '../../shared/components/ReportPanel';
import { inputMaxLength } from '@vc/types/src/constants';
import { useTranslation } from 'react-i18next';
import { goto } from '../../shared/nav';

interface Props {
  message: GroupMessage;
  /** posted by the person looking at it */
  mine: boolean;
  /** a moderator may delete it (with a reason) */
  canRemove: boolean;
  /** the village's counsel may take a villager's message private */
  canTakePrivate: boolean;
  /** anyone who reads someone else's message may report it (举报) to the township's moderators */
  canReport: boolean;
  busy: boolean;
  onRemove: (reason: string) => void;
  onTakePrivate: () => void;
  onReport: (reason: ReportReason, text: string) => void;
}

/**
 * One message of a work group: author name and role, time, text (or why it is no longer shown).
 * Long-press or 操作 opens the actions this person may take on it.
 */
export function GroupMessageItem({
  message: m,
  mine,
  canRemove,
  canTakePrivate,
  canReport,
  busy,
  onRemove,
  onTakePrivate,
  onReport,
}: Props) {
  const { t } = useTranslation('groups');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reporting, setReporting] = useState(false);

  if (m.kind === 'notice') {
    return (
      <View id={`msg-${m.seq}`} className="muted centered mt-s mb-l">
        {m.text} · {chatTime(m.at)}
      </View>
    );
  }

  const hidden = m.state !== 'visible';
  const reportable = canReport && !mine;
  const actionable = !hidden && (canRemove || canTakePrivate || reportable);
  return (
    <View
      id={`msg-${m.seq}`}
      className={mine ? 'list-item msg-mine' : 'list-item msg-other'}
      onLongPress={() => {
        if (actionable) setOpen(true);
      }}
    >
      <View className="row">
        <View className="grow subtitle" id={`msg-author-${m.seq}`}>
          {m.authorName} · {m.authorRole}
        </View>
        <View className="muted">{chatTime(m.at)}</View>
      </View>
      {hidden ? (
        <View id={`msg-text-${m.seq}`} className="muted">
          {m.state === 'removed' ? t('message.removed') : m.state === 'private' ? t('message.private') : t('message.gone')}
        </View>
      ) : (
        <View id={`msg-text-${m.seq}`} className="pre-wrap break-all">
          {m.text}
        </View>
      )}
      {!hidden && m.articleId && <ArticleLink seq={m.seq} articleId={m.articleId} />}
      {actionable && !open && (
        <View className="text-right">
          <View id={`msg-actions-${m.seq}`} className="tag" onClick={() => setOpen(true)}>
            {t('message.actions')}
          </View>
        </View>
      )}
      {actionable && open && (
        <View id={`msg-panel-${m.seq}`}>
          {canRemove && (
            <View>
              <Input
                id={`remove-reason-${m.seq}`}
                className="input"
                value={reason}
                maxlength={inputMaxLength(200)}
                placeholder={t('message.removePlaceholder')}
                onInput={(e) => setReason(e.detail.value)}
              />
              <Button small id={`remove-${m.seq}`} disabled={busy} onClick={() => onRemove(reason.trim())}>
                {t('message.remove')}
              </Button>
            </View>
          )}
          {canTakePrivate && (
            <Button light id={`take-private-${m.seq}`} disabled={busy} onClick={onTakePrivate}>
              {t('message.takePrivate')}
            </Button>
          )}
          {reportable && !reporting && (
            <Button light id={`report-${m.seq}`} disabled={busy} onClick={() => setReporting(true)}>
              {t('message.report')}
            </Button>
          )}
          {reportable && reporting && (
            <ReportPanel
              id={String(m.seq)}
              busy={busy}
              onCancel={() => setReporting(false)}
              onSubmit={(r, text) => {
                setReporting(false);
                setOpen(false);
                onReport(r, text);
              }}
            />
          )}
          <View className="muted text-right" id={`msg-panel-close-${m.seq}`} onClick={() => setOpen(false)}>
            {t('message.close')}
          </View>
        </View>
      )}
    </View>
  );
}

/** A shared legal-education article (issue 17 item 2): the message links to it. */
function ArticleLink({ seq, articleId }: { seq: number; articleId: string }) {
  const { t } = useTranslation('feed');
  return (
    <View id={`msg-article-${seq}`} className="tag" role="link" onClick={() => goto('educationArticle', { articleId })}>
      {t('article.open')}
    </View>
  );
}
