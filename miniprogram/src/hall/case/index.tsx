import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Case, CaseStepBody, Rating } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction, type Confirmation } from '../../shared/hooks/useAction';
import { ApiError } from '../../shared/http';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { ConsultStars } from '../../consult/components/ConsultStars';
import { ActForm, BARE_ACTS, type ActFields, type FormAct } from '../components/ActForm';
import { CasePhotos } from '../components/CasePhotos';
import { RateBox, SCORE_ROWS } from '../components/RateBox';
import { CaseTrail } from '../components/CaseTrail';
import {
  CASE_ACT_LABELS,
  CASE_KIND_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  detailLines,
  limitText,
  when,
} from '../services/hall';
import { useSend } from '../services/useSend';

const TIER_LABELS = { village: '村', township: '乡镇', county: '县' } as const;
/** Acts that end or turn down something: a light button, so the main act stands out. */
const LIGHT = new Set(['refuse', 'cancel', 'no_show', 'propose']);

type BareAct = (typeof BARE_ACTS)[number];
const BARE_CONFIRM: Record<BareAct, Confirmation> = {
  take: { title: '受理这件事？', content: '首问负责：受理后由您办理到底。', confirmText: '受理' },
  confirm: { title: '确认这个预约时间？', content: '确认后申请人会按约定时间到村里见您。', confirmText: '确认预约' },
  accept: { title: '同意新的时间？', content: '同意后预约即按新时间确认。', confirmText: '同意' },
  no_show: { title: '记录申请人未到场？', content: '记录后这次预约办结，不能撤销。', confirmText: '记录未到场' },
};
/** Form acts that end the case for good: asked once more before they are sent. */
const FINAL_CONFIRM: Partial<Record<FormAct, Confirmation>> = {
  cancel: { title: '取消这件事？', content: '取消后不能恢复，需要时请重新申请。', confirmText: '确认取消' },
  refuse: { title: '不予受理？', content: '不予受理后这件事即办结，申请人会看到您写的原因。', confirmText: '不予受理' },
};
const isBare = (act: string): act is BareAct => (BARE_ACTS as readonly string[]).includes(act);

/**
 * 办事详情 (issue 16): the case, its details and photos, every step with how long it took, and the
 * acts the server says the viewer may do now (`can`) — nothing else is offered.
 */
export default function HallCase() {
  const router = useRouter();
  const caseId = router.params.id ?? '';
  const [c, setC] = useState<Case | null>(null);
  const [open, setOpen] = useState<FormAct | null>(null);
  const action = useAction();
  const send = useSend('cs');

  function load(keepMessages = false) {
    if (!keepMessages) action.clear();
    if (!caseId) return action.fail('缺少事项编号');
    call('case', { params: { caseId } })
      .then(setC)
      .catch((e) => {
        if (keepMessages) setC((prev) => (prev ? { ...prev, can: [] } : prev));
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

  /** Sends one act; a refusal shows the server's message and reloads what may be done now. */
  function act(act: CaseStepBody['act'], fields: ActFields, confirm?: Confirmation) {
    const { photos = [], ...rest } = fields;
    const clientKey = send.keyFor({ act, ...rest, photos });
    void action.run(
      async () => {
        const photoIds = await send.upload(photos);
        const body = { act, clientKey, ...rest, ...(photoIds.length ? { photoIds } : {}) } as CaseStepBody;
        setC(await call('actOnCase', { params: { caseId }, body }));
        send.done();
        setOpen(null);
      },
      {
        ok: `已${CASE_ACT_LABELS[act]}`,
        confirm,
        onError: (e) => {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) load(true);
        },
      },
    );
  }

  function tapAct(a: Case['can'][number]) {
    if (a === 'rate') return;
    if (isBare(a)) return act(a, {}, BARE_CONFIRM[a]);
    setOpen(a);
  }

  function rate(body: Rating) {
    void action.run(
      async () => {
        setC(await call('rateCase', { params: { caseId }, body }));
      },
      { ok: '感谢您的评价' },
    );
  }

  if (!c)
    return (
      <Screen>
        <PageError message={action.error} />
        {!action.error && <View className="muted">正在加载…</View>}
      </Screen>
    );

  const limit = limitText(c);
  const acts = c.can.filter((a) => a !== 'rate');
  return (
    <Screen>
      <View className="card">
        <View className="row">
          <View className="tag" id="case-kind">
            {CASE_KIND_LABELS[c.kind]}
          </View>
          <View className="grow" />
          <View className="tag" id="case-status">
            {CASE_STATUS_LABELS[c.status]}
          </View>
        </View>
        <View className="item-title mt-s" id="case-title">
          {c.title}
        </View>
        <View className="muted" id="case-applicant">
          申请人：{c.applicantName}
          {c.applicantPhoneMasked ? ` ${c.applicantPhoneMasked}` : ''} · {c.villageName}
        </View>
        <View id="case-handler">
          {TIER_LABELS[c.tier]}级办理 · {c.handlerName ? `经办人：${c.handlerName}` : c.status === 'done' ? '已办结' : '等待受理'}
        </View>
        {c.scheduledAt && <View id="case-scheduled">预约时间：{when(c.scheduledAt)}</View>}
        {c.status === 'done' && c.outcome ? (
          <View className="bold" id="case-outcome">
            办理结果：{CASE_OUTCOME_LABELS[c.outcome]}
          </View>
        ) : (
          limit && (
            <View id="case-limit" className={c.overdue ? 'late' : undefined}>
              {c.dueAt ? `办理期限：${when(c.dueAt)}（${limit}）` : limit}
            </View>
          )
        )}
        <View className="muted">提交于 {when(c.createdAt)}</View>
      </View>
      <Feedback of={action} />
      <View className="card" id="case-details">
        <View className="section-title">申请内容</View>
        {detailLines(c.details).map((d) => (
          <View key={d.key} id={`case-detail-${d.key}`} className="mb-s">
            <View className="muted">{d.label}</View>
            <View className="pre-wrap">{d.value}</View>
          </View>
        ))}
        <CasePhotos id="case-photos" caseId={c.id} photoIds={c.photoIds} />
        {c.photoChecks.some((p) => p.check === 'pending') && (
          <View className="muted" id="case-photos-pending">
            部分照片审核中，通过微信内容安全检测后工作人员才能看到
          </View>
        )}
      </View>
      <CaseTrail caseId={c.id} steps={c.steps} />
      {c.rating && (
        <View className="card" id="case-rating">
          <View className="section-title">申请人评价</View>
          {SCORE_ROWS.map((r) => (
            <ConsultStars key={r.key} id={`rating-${r.key}`} label={r.label} value={c.rating![r.key]} />
          ))}
          {c.rating.comment && <View id="rating-comment">“{c.rating.comment}”</View>}
        </View>
      )}

      {open ? (
        <ActForm
          key={open}
          act={open}
          busy={action.busy}
          onProblem={action.fail}
          onCancel={() => setOpen(null)}
          onSubmit={(fields) => act(open, fields, FINAL_CONFIRM[open])}
        />
      ) : (
        acts.length > 0 && (
          <View className="card" id="case-acts">
            <View className="section-title">办理</View>
            {acts.map((a) => (
              <Button key={a} light={LIGHT.has(a)} id={`act-${a}`} loading={action.busy} onClick={() => tapAct(a)}>
                {CASE_ACT_LABELS[a]}
              </Button>
            ))}
          </View>
        )
      )}

      {c.can.includes('rate') && <RateBox busy={action.busy} onSubmit={rate} onInvalid={action.fail} />}
    </Screen>
  );
}
