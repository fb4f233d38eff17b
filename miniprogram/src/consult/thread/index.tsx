import { useRef, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Consultation, ConsultationStep, ConsultationTier, Rating, ReportReason } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { newClientKey } from '../../shared/clientKey';
import { useAction, type Confirmation } from '../../shared/hooks/useAction';
import { ApiError } from '../../shared/http';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ConsultStars } from '../components/ConsultStars';
import { ConsultTrail, reviewNote } from '../components/ConsultTrail';
import { PhotoGallery } from '../components/PhotoGallery';
import { NEXT_TIER, deadlineOf, handlerText, tierHandler, when } from '../services/consult';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

const NOTHING: Consultation['can'] = { answer: false, escalate: false, close: false, followUp: false, rate: false };

type Scores = Record<'attitude' | 'efficiency' | 'competence', number>;
// the labels are consult:score.<key>
const SCORE_ROWS: (keyof Scores)[] = ['attitude', 'efficiency', 'competence'];

/** A key per text: a resend of the same answer reuses it (recorded once); new text gets a new one. */
function useTextKey() {
  const held = useRef<{ text: string; key: string } | null>(null);
  return {
    keyFor(text: string): string {
      if (held.current?.text !== text) held.current = { text, key: newClientKey('cs') };
      return held.current.key;
    },
    done() {
      held.current = null;
    },
  };
}

function Deadlines({ c }: { c: Consultation }) {
  const { t } = useTranslation('consult');
  const due = deadlineOf(c);
  return (
    <View className="card" id="thread-deadlines">
      <View className="section-title">{t('thread.deadlines')}</View>
      <View id="thread-first-due">
        {c.firstResponseAt
          ? t('thread.firstDueAnswered', { due: when(c.firstResponseDueAt), at: when(c.firstResponseAt) })
          : t('thread.firstDue', { due: when(c.firstResponseDueAt) })}
      </View>
      <View id="thread-close-due">
        {c.closedAt
          ? t('thread.closeDueClosed', { due: when(c.closeDueAt), at: when(c.closedAt) })
          : t('thread.closeDue', { due: when(c.closeDueAt) })}
      </View>
      {c.status !== 'closed' && (
        <View id="thread-time-left" className={due.late ? 'late' : undefined}>
          {due.text}
        </View>
      )}
      {c.overdue && (
        <View id="thread-overdue" className="late">
          {t('thread.overdue')}
        </View>
      )}
    </View>
  );
}

function RatingView({ rating }: { rating: NonNullable<Consultation['rating']> }) {
  const { t } = useTranslation('consult');
  return (
    <View className="card" id="rating">
      <View className="section-title">{t('thread.ratingTitle')}</View>
      {SCORE_ROWS.map((key) => (
        <ConsultStars key={key} id={`rating-${key}`} label={t(`score.${key}`)} value={rating[key]} />
      ))}
      {rating.comment && <View id="rating-comment">{t('thread.comment', { comment: rating.comment })}</View>}
      {rating.commentReview && (
        <View className="muted" id="rating-comment-review">
          {reviewNote(rating.commentReview, !!rating.comment)}
        </View>
      )}
      <View className="muted">{t('thread.ratedAt', { at: when(rating.at) })}</View>
    </View>
  );
}

export default function ConsultThread() {
  const { t } = useTranslation(['consult', 'labels']);
  const router = useRouter();
  const consultationId = router.params.id ?? '';
  const [c, setC] = useState<Consultation | null>(null);
  const action = useAction();
  const [answer, setAnswer] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [reason, setReason] = useState('');
  const [scores, setScores] = useState<Scores>({ attitude: 0, efficiency: 0, competence: 0 });
  const [comment, setComment] = useState('');
  const answerKey = useTextKey();
  const followUpKey = useTextKey();

  function load(keepMessages = false) {
    if (!keepMessages) action.clear();
    if (!consultationId) {
      action.fail(t('thread.missingId'));
      return;
    }
    call('consultation', { params: { consultationId } })
      .then(setC)
      .catch((e) => {
        // after a refusal the first message says why; if it can no longer be seen, offer nothing
        if (keepMessages) setC((prev) => (prev ? { ...prev, can: NOTHING } : prev));
        else action.fail(e);
      });
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    load();
  });

  /** A problem found on the phone: nothing is sent. */
  const refuse = action.fail;

  /** Runs one action; on a refusal shows the server's message and reloads what may be done now. */
  function act(send: () => Promise<Consultation>, done: string, after?: () => void, confirm?: Confirmation) {
    void action.run(
      async () => {
        setC(await send());
        after?.();
      },
      {
        ok: done,
        confirm,
        onError: (e) => {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) load(true);
        },
      },
    );
  }

  function submitAnswer() {
    const text = answer.trim();
    if (countChars(text) < 2) return refuse(t('thread.answerEmpty'));
    act(
      () => call('answerConsultation', { params: { consultationId }, body: { clientKey: answerKey.keyFor(text), text } }),
      t('thread.answered'),
      () => {
        answerKey.done();
        setAnswer('');
      },
    );
  }

  function submitFollowUp() {
    const text = followUp.trim();
    if (countChars(text) < 2) return refuse(t('thread.followUpEmpty'));
    act(
      () => call('followUpConsultation', { params: { consultationId }, body: { clientKey: followUpKey.keyFor(text), text } }),
      t('thread.followedUp'),
      () => {
        followUpKey.done();
        setFollowUp('');
      },
    );
  }

  function submitEscalation(to: ConsultationTier) {
    const r = reason.trim();
    if (countChars(r) < 2) return refuse(t('thread.reasonEmpty'));
    act(
      () => call('escalateConsultation', { params: { consultationId }, body: { reason: r } }),
      t('thread.escalated', { handler: tierHandler(to) }),
      () => setReason(''),
    );
  }

  /** 举报 a reply: the township's moderators decide; nothing changes here until they do */
  function report(step: ConsultationStep, reason: ReportReason, text: string) {
    void action.run(
      async () => {
        await call('reportConsultationReply', {
          params: { consultationId, n: String(step.n) },
          body: text ? { reason, text } : { reason },
        });
      },
      { ok: t('thread.reported') },
    );
  }

  function submitClose() {
    act(() => call('closeConsultation', { params: { consultationId }, body: {} }), t('thread.closed'), undefined, {
      title: t('thread.closeConfirm.title'),
      content: t('thread.closeConfirm.content'),
      confirmText: t('thread.closeConfirm.confirmText'),
    });
  }

  function submitRating() {
    if (SCORE_ROWS.some((key) => !scores[key])) return refuse(t('thread.ratingIncomplete'));
    const body: Rating = { ...scores };
    if (comment.trim()) body.comment = comment.trim();
    act(() => call('rateConsultation', { params: { consultationId }, body }), t('thread.thanks'));
  }

  if (!c) {
    return (
      <Screen title={t('thread.title')}>
        <PageError message={action.error} />
        {!action.error && <View className="muted">{t('loading')}</View>}
      </Screen>
    );
  }

  const next = NEXT_TIER[c.tier];
  return (
    <Screen title={t('thread.title')}>
      <View className="card">
        <View className="row">
          <View className="grow title">{t('thread.title')}</View>
          <View className="tag" id="thread-status">
            {t(`labels:consultationStatus.${c.status}`)}
          </View>
        </View>
        <View className="row">
          <View className="tag" id="thread-tier">
            {t(`tierHandling.${c.tier}`)}
          </View>
          <View className="grow muted" id="thread-handler">
            {handlerText(c)}
          </View>
        </View>
        <View className="muted" id="thread-asker">
          {t(c.source === 'group' ? 'thread.askerFromGroup' : 'thread.asker', {
            name: c.askerPhoneMasked ? `${c.askerName} ${c.askerPhoneMasked}` : c.askerName,
            village: c.villageName,
          })}
        </View>
        <View id="thread-question" className="mt-s pre-wrap">
          {c.question}
        </View>
        {c.review && (
          <View className="tag" id="thread-question-review">
            {c.review === 'held' ? t('thread.questionHeld') : reviewNote(c.review, true)}
          </View>
        )}
        <PhotoGallery consultationId={c.id} photoIds={c.photoIds} checks={c.photoChecks} />
      </View>
      <Feedback of={action} />
      <Deadlines c={c} />
      <ConsultTrail steps={c.steps} busy={action.busy} onReport={report} />
      {c.rating && <RatingView rating={c.rating} />}

      {c.can.answer && (
        <View className="card" id="answer-box">
          <View className="section-title">{t('thread.answer.title')}</View>
          <Textarea
            id="answer-text"
            className="input textarea textarea-h140"
            value={answer}
            maxlength={inputMaxLength(2000)}
            placeholder={t('thread.answer.placeholder')}
            onInput={(e) => setAnswer(e.detail.value)}
          />
          <Button id="answer-submit" loading={action.busy} onClick={submitAnswer}>
            {t('thread.answer.submit')}
          </Button>
        </View>
      )}

      {c.can.escalate && next && (
        <View className="card" id="escalate-box">
          <View className="section-title">{t('thread.escalate.title')}</View>
          <View className="muted">{t('thread.escalate.hint', { handler: tierHandler(next) })}</View>
          <Input
            id="escalate-reason"
            className="input"
            value={reason}
            maxlength={inputMaxLength(500)}
            placeholder={t('thread.escalate.placeholder')}
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button light id="escalate-submit" loading={action.busy} onClick={() => submitEscalation(next)}>
            {t('thread.escalate.submit', { handler: tierHandler(next) })}
          </Button>
        </View>
      )}

      {c.can.followUp && (
        <View className="card" id="followup-box">
          <View className="section-title">{t('thread.followUp.title')}</View>
          <Textarea
            id="followup-text"
            className="input textarea textarea-h120"
            value={followUp}
            maxlength={inputMaxLength(2000)}
            placeholder={t('thread.followUp.placeholder')}
            onInput={(e) => setFollowUp(e.detail.value)}
          />
          <Button light id="followup-submit" loading={action.busy} onClick={submitFollowUp}>
            {t('thread.followUp.submit')}
          </Button>
        </View>
      )}

      {c.can.close && (
        <View className="card" id="close-box">
          <View className="muted">{c.can.followUp ? t('thread.close.hintAsker') : t('thread.close.hintHandler')}</View>
          <Button light id="close-submit" loading={action.busy} onClick={submitClose}>
            {t('thread.close.submit')}
          </Button>
        </View>
      )}

      {c.can.rate && (
        <View className="card" id="rate-box">
          <View className="section-title">{t('thread.rate.title')}</View>
          {SCORE_ROWS.map((key) => (
            <ConsultStars
              key={key}
              id={`rate-${key}`}
              label={t(`score.${key}`)}
              value={scores[key]}
              onChange={(n) => setScores((s) => ({ ...s, [key]: n }))}
            />
          ))}
          <Textarea
            id="rate-comment"
            className="input textarea textarea-h100"
            value={comment}
            maxlength={inputMaxLength(500)}
            placeholder={t('thread.rate.placeholder')}
            onInput={(e) => setComment(e.detail.value)}
          />
          <Button id="rate-submit" loading={action.busy} onClick={submitRating}>
            {t('thread.rate.submit')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
