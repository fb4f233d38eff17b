import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Case, CaseStepBody, Rating } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction, type Confirmation } from '../../shared/hooks/useAction';
import { ApiError } from '../../shared/http';
import { replaceWith } from '../../shared/nav';
import { t as translate } from '../../shared/i18n';
import { getSession } from '../../shared/session';
import { ConsultStars } from '../../consult/components/ConsultStars';
import { ActForm, BARE_ACTS, type ActFields, type FormAct } from '../components/ActForm';
import { CasePhotos } from '../components/CasePhotos';
import { RateBox, SCORE_KEYS } from '../components/RateBox';
import { CaseTrail } from '../components/CaseTrail';
import { detailLines, limitText, when } from '../services/hall';
import { useSend } from '../services/useSend';

/** Acts that end or turn down something: a light button, so the main act stands out. */
const LIGHT = new Set(['refuse', 'cancel', 'no_show', 'propose']);

type BareAct = (typeof BARE_ACTS)[number];
/** Form acts that end the case for good: asked once more before they are sent. */
const FINAL_ACTS = ['cancel', 'refuse'] as const;
type ConfirmedAct = BareAct | (typeof FINAL_ACTS)[number];

/** What is asked before an act is sent (hall.json's case.confirm), in the language of the moment. */
const confirmationOf = (act: ConfirmedAct): Confirmation => ({
  title: translate(`hall:case.confirm.${act}.title`),
  content: translate(`hall:case.confirm.${act}.content`),
  confirmText: translate(`hall:case.confirm.${act}.confirmText`),
});
const finalConfirmation = (act: FormAct): Confirmation | undefined =>
  (FINAL_ACTS as readonly string[]).includes(act) ? confirmationOf(act as ConfirmedAct) : undefined;
const isBare = (act: string): act is BareAct => (BARE_ACTS as readonly string[]).includes(act);

/**
 * 办事详情 (issue 16): the case, its details and photos, every step with how long it took, and the
 * acts the server says the viewer may do now (`can`) — nothing else is offered.
 */
export default function HallCase() {
  const { t } = useTranslation(['hall', 'labels']);
  const router = useRouter();
  const caseId = router.params.id ?? '';
  const [c, setC] = useState<Case | null>(null);
  const [open, setOpen] = useState<FormAct | null>(null);
  const action = useAction();
  const send = useSend('cs');

  function load(keepMessages = false) {
    if (!keepMessages) action.clear();
    if (!caseId) return action.fail(t('case.noId'));
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
        ok: t('case.actDone', { act: t(`labels:caseAct.${act}`) }),
        confirm,
        onError: (e) => {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) load(true);
        },
      },
    );
  }

  function tapAct(a: Case['can'][number]) {
    if (a === 'rate') return;
    if (isBare(a)) return act(a, {}, confirmationOf(a));
    setOpen(a);
  }

  function rate(body: Rating) {
    void action.run(
      async () => {
        setC(await call('rateCase', { params: { caseId }, body }));
      },
      { ok: t('thanksForRating') },
    );
  }

  if (!c)
    return (
      <Screen title={t('case.title')}>
        <PageError message={action.error} />
        {!action.error && <View className="muted">{t('loading')}</View>}
      </Screen>
    );

  const limit = limitText(c);
  const acts = c.can.filter((a) => a !== 'rate');
  return (
    <Screen title={t('case.title')}>
      <View className="card">
        <View className="row">
          <View className="tag" id="case-kind">
            {t(`labels:caseKind.${c.kind}`)}
          </View>
          <View className="grow" />
          <View className="tag" id="case-status">
            {t(`labels:caseStatus.${c.status}`)}
          </View>
        </View>
        <View className="item-title mt-s" id="case-title">
          {c.title}
        </View>
        <View className="muted" id="case-applicant">
          {c.applicantPhoneMasked
            ? t('case.applicantWithPhone', { name: c.applicantName, phone: c.applicantPhoneMasked, village: c.villageName })
            : t('case.applicant', { name: c.applicantName, village: c.villageName })}
        </View>
        <View id="case-handler">
          {t('case.handling', {
            tier: t(`case.tier.${c.tier}`),
            who: c.handlerName
              ? t('case.handler', { name: c.handlerName })
              : c.status === 'done'
                ? t('case.done')
                : t('case.waiting'),
          })}
        </View>
        {c.scheduledAt && <View id="case-scheduled">{t('case.scheduled', { at: when(c.scheduledAt) })}</View>}
        {c.status === 'done' && c.outcome ? (
          <View className="bold" id="case-outcome">
            {t('case.outcome', { outcome: t(`labels:caseOutcome.${c.outcome}`) })}
          </View>
        ) : (
          limit && (
            <View id="case-limit" className={c.overdue ? 'late' : undefined}>
              {c.dueAt ? t('case.due', { due: when(c.dueAt), limit }) : limit}
            </View>
          )
        )}
        <View className="muted">{t('case.submitted', { at: when(c.createdAt) })}</View>
      </View>
      <Feedback of={action} />
      <View className="card" id="case-details">
        <View className="section-title">{t('case.details')}</View>
        {detailLines(c.details).map((d) => (
          <View key={d.key} id={`case-detail-${d.key}`} className="mb-s">
            <View className="muted">{d.label}</View>
            <View className="pre-wrap">{d.value}</View>
          </View>
        ))}
        <CasePhotos id="case-photos" caseId={c.id} photoIds={c.photoIds} />
        {c.photoChecks.some((p) => p.check === 'pending') && (
          <View className="muted" id="case-photos-pending">
            {t('case.photosPending')}
          </View>
        )}
      </View>
      <CaseTrail caseId={c.id} steps={c.steps} />
      {c.rating && (
        <View className="card" id="case-rating">
          <View className="section-title">{t('case.rating')}</View>
          {SCORE_KEYS.map((k) => (
            <ConsultStars key={k} id={`rating-${k}`} label={t(`rate.${k}`)} value={c.rating![k]} />
          ))}
          {c.rating.comment && <View id="rating-comment">{t('case.ratingComment', { comment: c.rating.comment })}</View>}
        </View>
      )}

      {open ? (
        <ActForm
          key={open}
          act={open}
          busy={action.busy}
          onProblem={action.fail}
          onCancel={() => setOpen(null)}
          onSubmit={(fields) => act(open, fields, finalConfirmation(open))}
        />
      ) : (
        acts.length > 0 && (
          <View className="card" id="case-acts">
            <View className="section-title">{t('case.acts')}</View>
            {acts.map((a) => (
              <Button key={a} light={LIGHT.has(a)} id={`act-${a}`} loading={action.busy} onClick={() => tapAct(a)}>
                {t(`labels:caseAct.${a}`)}
              </Button>
            ))}
          </View>
        )
      )}

      {c.can.includes('rate') && <RateBox busy={action.busy} onSubmit={rate} onInvalid={action.fail} />}
    </Screen>
  );
}
