import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CallbackItem, CallbackListReply } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { useStaffMonth } from '../../shared/hooks/useStaffMonth';
import { beijingDate, formatBeijing } from '../../shared/time';
import { callbackKindLabel } from '../components/labels';

const NOTES_MAX = 500;

interface Draft {
  reached: boolean | null;
  satisfied: boolean | null;
  notes: string;
}
const EMPTY: Draft = { reached: null, satisfied: null, notes: '' };

/** Two or more choices, the chosen one filled (large tap targets). */
function Choice({ id, options }: { id: string; options: { id: string; label: string; on: boolean; pick: () => void }[] }) {
  return (
    <View className="row wrap" id={id}>
      {options.map((o) => (
        <Button key={o.id} id={o.id} small light={!o.on} onClick={o.pick}>
          {o.label}
        </Button>
      ))}
    </View>
  );
}

function RecordedCall({ item }: { item: CallbackItem }) {
  const { t } = useTranslation('backoffice');
  const c = item.call!;
  return (
    <View id={`callback-call-${item.id}`}>
      <View className="row">
        <View className={c.reached ? 'ok' : 'tag'} id={`callback-reached-${item.id}`}>
          {c.reached ? t('callbacks.reached') : t('callbacks.notReached')}
        </View>
        {c.reached && (
          <View className={c.satisfied ? 'ok' : 'tag'} id={`callback-satisfied-${item.id}`}>
            {c.satisfied ? t('callbacks.satisfied') : t('callbacks.notSatisfied')}
          </View>
        )}
      </View>
      {c.notes && <View className="muted">{c.notes}</View>}
      <View className="muted">{t('callbacks.recordedBy', { name: c.byName, at: formatBeijing(c.at, 'short') })}</View>
    </View>
  );
}

/**
 * 回访 (issue 16 item 5): the township's month's sample — drawn by the system, kept once drawn —
 * each with the person to call (the full number only on 拨打, logged) and the call recorded once.
 */
export default function Callbacks() {
  const { t } = useTranslation('backoffice');
  const list = useStaffMonth<CallbackListReply>('township_staff', (code, month) =>
    call('townshipCallbacks', { params: { townshipCode: code }, query: { month } }),
  );
  const { data, error, place, month, pickMonth } = list;
  const action = useAction();
  const [open, setOpen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const edit = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  function startRecording(id: string) {
    setOpen(id);
    setDraft(EMPTY);
    action.clear();
  }

  function dial(item: CallbackItem) {
    if (!place) return;
    void action.run(() =>
      call('revealCallbackPhone', { params: { townshipCode: place.code, callbackId: item.id } }).then(({ phone }) =>
        Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined),
      ),
    );
  }

  function save(item: CallbackItem) {
    if (!place) return;
    if (draft.reached === null) return action.fail(t('callbacks.pickReached'));
    if (draft.reached && draft.satisfied === null) return action.fail(t('callbacks.pickSatisfied'));
    const notes = draft.notes.trim();
    const body = draft.reached
      ? { reached: true as const, satisfied: draft.satisfied!, ...(notes ? { notes } : {}) }
      : { reached: false as const, satisfied: null, ...(notes ? { notes } : {}) };
    void action
      .run(() => call('recordCallback', { params: { townshipCode: place.code, callbackId: item.id }, body }), {
        ok: t('callbacks.saved'),
        confirm: {
          title: t('callbacks.confirmTitle'),
          content: t('callbacks.confirmContent'),
          confirmText: t('callbacks.confirmSave'),
        },
        onError: () => list.load(() => call('townshipCallbacks', { params: { townshipCode: place.code }, query: { month } })),
      })
      .then((saved) => {
        if (!saved) return;
        setOpen(null);
        list.load(() => call('townshipCallbacks', { params: { townshipCode: place.code }, query: { month } }));
      });
  }

  const items = data?.items ?? [];
  const done = items.filter((i) => i.call).length;

  return (
    <Screen title={t('callbacks.title')}>
      <View className="card">
        <View className="title">{t('callbacks.title')}</View>
        <View className="subtitle">{t('callbacks.intro', { place: place?.name ?? '' })}</View>
        <Picker mode="date" fields="month" value={month} end={beijingDate()} onChange={(e) => pickMonth(String(e.detail.value))}>
          <View className="input input-line mt-s" id="callbacks-month">
            {t('callbacks.month', { month })}
          </View>
        </Picker>
        {data && (
          <View className="muted" id="callbacks-summary">
            {t('callbacks.summary', {
              finished: data.finished,
              share: data.sharePercent,
              minimum: data.minimum,
              sampled: items.length,
              done,
            })}
          </View>
        )}
      </View>
      <PageError message={error} />
      {!data && !error && <View className="muted">{t('loading')}</View>}
      {data && items.length === 0 && (
        <View className="muted" id="callbacks-empty">
          {t('callbacks.empty')}
        </View>
      )}
      {items.map((item) => (
        <View key={item.id} className="card" id={`callback-${item.id}`}>
          <View className="row">
            <View className="grow bold">{callbackKindLabel(item.kind)}</View>
            <View className={item.call ? 'ok' : 'tag'}>{item.call ? t('callbacks.called') : t('callbacks.toCall')}</View>
          </View>
          <View>{item.title}</View>
          <View className="muted" id={`callback-person-${item.id}`}>
            {t('callbacks.person', {
              name: item.personName,
              phone: item.personPhoneMasked ?? t('callbacks.noPhone'),
              village: item.villageName,
            })}
          </View>
          <View className="muted">
            {t('callbacks.handler', { handler: item.handlerName ?? '—', at: formatBeijing(item.finishedAt, 'short') })}
          </View>
          {item.call && <RecordedCall item={item} />}
          {!item.call && open !== item.id && (
            <View className="row wrap">
              {item.personPhoneMasked && (
                <Button small light id={`callback-dial-${item.id}`} loading={action.busy} onClick={() => dial(item)}>
                  {t('callbacks.dial')}
                </Button>
              )}
              <Button small id={`callback-record-${item.id}`} onClick={() => startRecording(item.id)}>
                {t('callbacks.record')}
              </Button>
            </View>
          )}
          {!item.call && open === item.id && (
            <View id={`callback-form-${item.id}`}>
              <View className="section-title">{t('callbacks.reachedQuestion')}</View>
              <Choice
                id="callback-reached"
                options={[
                  {
                    id: 'callback-reached-yes',
                    label: t('callbacks.reachedYes'),
                    on: draft.reached === true,
                    pick: () => edit({ reached: true }),
                  },
                  {
                    id: 'callback-reached-no',
                    label: t('callbacks.notReached'),
                    on: draft.reached === false,
                    pick: () => edit({ reached: false, satisfied: null }),
                  },
                ]}
              />
              {draft.reached && (
                <View>
                  <View className="section-title">{t('callbacks.satisfiedQuestion')}</View>
                  <Choice
                    id="callback-satisfied"
                    options={[
                      {
                        id: 'callback-satisfied-yes',
                        label: t('callbacks.satisfied'),
                        on: draft.satisfied === true,
                        pick: () => edit({ satisfied: true }),
                      },
                      {
                        id: 'callback-satisfied-no',
                        label: t('callbacks.notSatisfied'),
                        on: draft.satisfied === false,
                        pick: () => edit({ satisfied: false }),
                      },
                    ]}
                  />
                </View>
              )}
              <View className="muted" id="callback-choice">
                {draft.reached === null
                  ? t('callbacks.pickReached')
                  : draft.reached
                    ? t('callbacks.chosenReached', {
                        satisfied:
                          draft.satisfied === null
                            ? t('callbacks.pickSatisfied')
                            : draft.satisfied
                              ? t('callbacks.satisfied')
                              : t('callbacks.notSatisfied'),
                      })
                    : t('callbacks.chosenNotReached')}
              </View>
              <Textarea
                id="callback-notes"
                className="input textarea textarea-h120"
                value={draft.notes}
                maxlength={inputMaxLength(NOTES_MAX)}
                placeholder={t('callbacks.notesPlaceholder')}
                onInput={(e) => edit({ notes: e.detail.value })}
              />
              <View className="muted" id="callback-notes-count">
                {countChars(draft.notes)} / {NOTES_MAX}
              </View>
              <View className="row wrap">
                <Button id="callback-save" loading={action.busy} onClick={() => save(item)}>
                  {t('callbacks.saveRecord')}
                </Button>
                <Button light id="callback-cancel" onClick={() => setOpen(null)}>
                  {t('callbacks.cancel')}
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
      <Feedback of={action} />
    </Screen>
  );
}
