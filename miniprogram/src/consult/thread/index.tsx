import { useRef, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import type { Consultation, ConsultationStep, Rating, ReportReason } from '@vc/types';
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
import { ConsultTrail, REVIEW_NOTES } from '../components/ConsultTrail';
import { PhotoGallery } from '../components/PhotoGallery';
import {
  CONSULTATION_STATUS_LABELS,
  NEXT_TIER,
  TIER_HANDLERS,
  TIER_LABELS,
  deadlineOf,
  handlerText,
  when,
} from '../services/consult';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

const NOTHING: Consultation['can'] = { answer: false, escalate: false, close: false, followUp: false, rate: false };

type Scores = Record<'attitude' | 'efficiency' | 'competence', number>;
const SCORE_ROWS: { key: keyof Scores; label: string }[] = [
  { key: 'attitude', label: '服务态度' },
  { key: 'efficiency', label: '办事效率' },
  { key: 'competence', label: '专业水平' },
];

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
  const due = deadlineOf(c);
  return (
    <View className="card" id="thread-deadlines">
      <View className="section-title">办理时限</View>
      <View id="thread-first-due">
        首次答复期限：{when(c.firstResponseDueAt)}
        {c.firstResponseAt ? `（已于 ${when(c.firstResponseAt)} 答复）` : ''}
      </View>
      <View id="thread-close-due">
        办结期限：{when(c.closeDueAt)}
        {c.closedAt ? `（已于 ${when(c.closedAt)} 办结）` : ''}
      </View>
      {c.status !== 'closed' && (
        <View id="thread-time-left" className={due.late ? 'late' : undefined}>
          {due.text}
        </View>
      )}
      {c.overdue && (
        <View id="thread-overdue" className="late">
          已超过办理时限
        </View>
      )}
    </View>
  );
}

function RatingView({ rating }: { rating: NonNullable<Consultation['rating']> }) {
  return (
    <View className="card" id="rating">
      <View className="section-title">咨询人评价</View>
      {SCORE_ROWS.map((r) => (
        <ConsultStars key={r.key} id={`rating-${r.key}`} label={r.label} value={rating[r.key]} />
      ))}
      {rating.comment && <View id="rating-comment">“{rating.comment}”</View>}
      {rating.commentReview && (
        <View className="muted" id="rating-comment-review">
          {rating.comment ? REVIEW_NOTES[rating.commentReview].mine : REVIEW_NOTES[rating.commentReview].others}
        </View>
      )}
      <View className="muted">评价于 {when(rating.at)}</View>
    </View>
  );
}

export default function ConsultThread() {
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
      action.fail('缺少咨询编号');
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
    if (countChars(text) < 2) return refuse('请填写答复内容');
    act(
      () => call('answerConsultation', { params: { consultationId }, body: { clientKey: answerKey.keyFor(text), text } }),
      '已答复',
      () => {
        answerKey.done();
        setAnswer('');
      },
    );
  }

  function submitFollowUp() {
    const text = followUp.trim();
    if (countChars(text) < 2) return refuse('请填写追问内容');
    act(
      () => call('followUpConsultation', { params: { consultationId }, body: { clientKey: followUpKey.keyFor(text), text } }),
      '已追问，请等待答复',
      () => {
        followUpKey.done();
        setFollowUp('');
      },
    );
  }

  function submitEscalation(toName: string) {
    const r = reason.trim();
    if (countChars(r) < 2) return refuse('请填写提交上级的原因');
    act(
      () => call('escalateConsultation', { params: { consultationId }, body: { reason: r } }),
      `已提交${toName}`,
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
      { ok: '已提交举报，乡镇管理员会尽快处理' },
    );
  }

  function submitClose() {
    act(() => call('closeConsultation', { params: { consultationId }, body: {} }), '已办结', undefined, {
      title: '办结这个咨询？',
      content: '办结后不能再追问，也不能重新打开；咨询人可以对这次服务评价。',
      confirmText: '确认办结',
    });
  }

  function submitRating() {
    if (SCORE_ROWS.some((r) => !scores[r.key])) return refuse('请为服务态度、办事效率、专业水平分别打分');
    const body: Rating = { ...scores };
    if (comment.trim()) body.comment = comment.trim();
    act(() => call('rateConsultation', { params: { consultationId }, body }), '感谢您的评价');
  }

  if (!c) {
    return (
      <Screen>
        <PageError message={action.error} />
        {!action.error && <View className="muted">正在加载…</View>}
      </Screen>
    );
  }

  const next = NEXT_TIER[c.tier];
  return (
    <Screen>
      <View className="card">
        <View className="row">
          <View className="grow title">咨询详情</View>
          <View className="tag" id="thread-status">
            {CONSULTATION_STATUS_LABELS[c.status] ?? c.status}
          </View>
        </View>
        <View className="row">
          <View className="tag" id="thread-tier">
            {TIER_LABELS[c.tier]}级办理
          </View>
          <View className="grow muted" id="thread-handler">
            {handlerText(c)}
          </View>
        </View>
        <View className="muted" id="thread-asker">
          咨询人：{c.askerName}
          {c.askerPhoneMasked ? ` ${c.askerPhoneMasked}` : ''} · {c.villageName}
          {c.source === 'group' ? ' · 由群消息转为私下咨询' : ''}
        </View>
        <View id="thread-question" className="mt-s pre-wrap">
          {c.question}
        </View>
        {c.review && (
          <View className="tag" id="thread-question-review">
            {c.review === 'held' ? '问题待审核：乡镇审核通过后法律顾问才能看到' : REVIEW_NOTES[c.review].mine}
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
          <View className="section-title">答复</View>
          <Textarea
            id="answer-text"
            className="input textarea textarea-h140"
            value={answer}
            maxlength={inputMaxLength(2000)}
            placeholder="答复内容（首问负责：答复后由您负责办理到底）"
            onInput={(e) => setAnswer(e.detail.value)}
          />
          <Button id="answer-submit" loading={action.busy} onClick={submitAnswer}>
            答复
          </Button>
        </View>
      )}

      {c.can.escalate && next && (
        <View className="card" id="escalate-box">
          <View className="section-title">提交上级</View>
          <View className="muted">解决不了的问题，写明原因后提交{TIER_HANDLERS[next]}办理</View>
          <Input
            id="escalate-reason"
            className="input"
            value={reason}
            maxlength={inputMaxLength(500)}
            placeholder="提交上级的原因（必填）"
            onInput={(e) => setReason(e.detail.value)}
          />
          <Button light id="escalate-submit" loading={action.busy} onClick={() => submitEscalation(TIER_HANDLERS[next])}>
            提交{TIER_HANDLERS[next]}
          </Button>
        </View>
      )}

      {c.can.followUp && (
        <View className="card" id="followup-box">
          <View className="section-title">追问</View>
          <Textarea
            id="followup-text"
            className="input textarea textarea-h120"
            value={followUp}
            maxlength={inputMaxLength(2000)}
            placeholder="还有不清楚的，可以继续问"
            onInput={(e) => setFollowUp(e.detail.value)}
          />
          <Button light id="followup-submit" loading={action.busy} onClick={submitFollowUp}>
            追问
          </Button>
        </View>
      )}

      {c.can.close && (
        <View className="card" id="close-box">
          <View className="muted">
            {c.can.followUp ? '问题已经解决，可以办结；办结后可以评价，不能再追问' : '答复完毕、咨询人无异议后办结'}
          </View>
          <Button light id="close-submit" loading={action.busy} onClick={submitClose}>
            办结
          </Button>
        </View>
      )}

      {c.can.rate && (
        <View className="card" id="rate-box">
          <View className="section-title">评价本次服务</View>
          {SCORE_ROWS.map((r) => (
            <ConsultStars
              key={r.key}
              id={`rate-${r.key}`}
              label={r.label}
              value={scores[r.key]}
              onChange={(n) => setScores((s) => ({ ...s, [r.key]: n }))}
            />
          ))}
          <Textarea
            id="rate-comment"
            className="input textarea textarea-h100"
            value={comment}
            maxlength={inputMaxLength(500)}
            placeholder="意见或建议（可不填）"
            onInput={(e) => setComment(e.detail.value)}
          />
          <Button id="rate-submit" loading={action.busy} onClick={submitRating}>
            提交评价
          </Button>
        </View>
      )}
    </Screen>
  );
}
