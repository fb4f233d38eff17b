import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { ErrorMessage } from '../../shared/components/Message';
import { PrivacyPopup } from '../../shared/components/PrivacyPopup';
import { useAction } from '../../shared/hooks/useAction';
import { useSubscribe } from '../../shared/hooks/useSubscribe';
import { ApiError } from '../../shared/http';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { PhotoPicker } from '../components/PhotoPicker';
import { VoiceInput } from '../components/VoiceInput';
import { uploadPhoto } from '../services/photos';
import {
  QUESTION_MAX,
  QUESTION_MIN,
  clearAskDraft,
  keyedDraft,
  loadAskDraft,
  queryText,
  saveAskDraft,
  type AskDraft,
} from '../services/consult';
import { countChars, inputMaxLength, sliceChars } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

const EMPTY: AskDraft = { question: '', clientKey: null, keyFor: null, photos: [] };

/** The draft to show: the stored one, unless the page was opened with a different text to prefill. */
function initialDraft(prefill: string): AskDraft {
  const stored = loadAskDraft();
  if (prefill && (!stored || stored.question.trim() !== prefill.trim())) return { ...EMPTY, question: prefill };
  return stored ?? EMPTY;
}

export default function ConsultAsk() {
  const { t } = useTranslation('consult');
  const router = useRouter();
  const prefill = queryText(router.params.text).slice(0, QUESTION_MAX);
  const [draft, setDraft] = useState<AskDraft>(() => initialDraft(prefill));
  const action = useAction();
  // 提交 promises a notice when the question is answered: asked from this tap (issue 13 item 5)
  const subscribe = useSubscribe(['consultationAnswered']);

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!session.user.village) {
      action.fail(t('ask.needVillage'));
      return;
    }
    setDraft(initialDraft(prefill));
  });

  function edit(question: string) {
    setDraft((d) => {
      const next = { ...d, question };
      saveAskDraft(next);
      return next;
    });
  }

  /** Words recognised from speech go after what is already written. */
  function addSpoken(text: string) {
    setDraft((d) => {
      const question = sliceChars(d.question + text, QUESTION_MAX);
      const next = { ...d, question };
      saveAskDraft(next);
      return next;
    });
  }

  function setPhotos(paths: string[]) {
    setDraft((d) => {
      const known = new Map((d.photos ?? []).map((p) => [p.path, p.photoId]));
      // other photos make another question: a new key when it is next sent
      const next = {
        ...d,
        clientKey: null,
        keyFor: null,
        photos: paths.map((path) => ({ path, photoId: known.get(path) ?? null })),
      };
      saveAskDraft(next);
      return next;
    });
  }

  /** Uploads the photos not uploaded yet, saving each id as it comes back. */
  async function uploadAll(start: AskDraft): Promise<string[]> {
    let current = start;
    for (const photo of start.photos ?? []) {
      if (photo.photoId) continue;
      const photoId = await uploadPhoto(photo.path);
      current = { ...current, photos: (current.photos ?? []).map((p) => (p.path === photo.path ? { ...p, photoId } : p)) };
      saveAskDraft(current);
      setDraft(current);
    }
    return (current.photos ?? []).map((p) => p.photoId!).filter(Boolean);
  }

  const length = countChars(draft.question.trim());

  function submit() {
    if (action.busy) return;
    const question = draft.question.trim();
    if (countChars(question) < QUESTION_MIN) {
      action.fail(t('ask.tooShort', { min: QUESTION_MIN }));
      return;
    }
    if (countChars(question) > QUESTION_MAX) {
      action.fail(t('ask.tooLong', { max: QUESTION_MAX }));
      return;
    }
    // kept before sending: a resend after a network error reuses the key, so it is asked only once
    const keyed = keyedDraft(draft, question);
    saveAskDraft(keyed);
    setDraft(keyed);
    // WeChat's sheet first, from this tap; the question is sent whatever the answer
    const asked = subscribe.ask();
    void action.run(
      async () => {
        await asked;
        const photoIds = await uploadAll(keyed);
        const c = await call('askConsultation', {
          body: { clientKey: keyed.clientKey, question, ...(photoIds.length ? { photoIds } : {}) },
        });
        clearAskDraft();
        setDraft(EMPTY);
        replaceWith('consultThread', { id: c.id });
      },
      {
        failure: (e) => (e instanceof ApiError && e.status === 0 ? t('ask.offline') : undefined),
      },
    );
  }

  const pending = !!draft.clientKey && draft.keyFor === draft.question.trim();

  return (
    <Screen title={t('ask.title')}>
      <View className="card">
        <View className="title">{t('ask.title')}</View>
        <View className="subtitle">{t('ask.subtitle')}</View>
        <View className="muted mt-s" id="ask-privacy">
          {t('ask.privacy')}
        </View>
      </View>
      <ErrorMessage message={action.error} />
      <PrivacyPopup />
      <View className="card">
        <View className="section-title">{t('ask.question')}</View>
        <Textarea
          id="ask-question"
          className="input textarea textarea-h160"
          value={draft.question}
          maxlength={inputMaxLength(QUESTION_MAX)}
          placeholder={t('ask.placeholder')}
          onInput={(e) => edit(e.detail.value)}
        />
        <View className="row">
          <View className="grow muted">{pending ? t('ask.pending') : ''}</View>
          <View className={length > 0 && length < QUESTION_MIN ? 'muted counter-short' : 'muted'} id="ask-counter">
            {length} / {QUESTION_MAX}
          </View>
        </View>
        <VoiceInput onText={addSpoken} />
        <View className="section-title mt-m">{t('ask.photos')}</View>
        <PhotoPicker value={(draft.photos ?? []).map((p) => p.path)} onChange={setPhotos} />
        <Button id="ask-submit" disabled={action.busy} onClick={submit}>
          {action.busy ? t('ask.sending') : pending ? t('ask.resend') : t('ask.submit')}
        </Button>
      </View>
    </Screen>
  );
}
