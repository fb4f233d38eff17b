import { useState } from 'react';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome, CaseStepBody } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { beijingDate, beijingTime, isoFromPicker } from '../../shared/time';
import { daysFromToday } from '../services/hall';
import { DocPhotoPicker } from './DocPhotoPicker';

export type FormAct = Exclude<CaseStepBody['act'], 'take' | 'confirm' | 'accept' | 'no_show'>;
/** The acts that ask for nothing: a confirmation, then sent. */
export const BARE_ACTS = ['take', 'confirm', 'accept', 'no_show'] as const;

/**
 * Whether each act's text may be left empty, and its length (CaseStepBody); what the text is called
 * is hall.json's act.text.<act> (label over the box, name in messages).
 */
const TEXT: Record<FormAct, { optional?: boolean; max: number }> = {
  ask_material: { max: 500 },
  supply: { max: 500 },
  forward: { max: 500 },
  refuse: { max: 500 },
  decide: { max: 500 },
  session: { max: 2000 },
  settle: { max: 2000 },
  propose: { optional: true, max: 200 },
  cancel: { max: 200 },
  complete: { max: 2000 },
  answer: { max: 2000 },
};
const OUTCOMES: Partial<Record<FormAct, CaseOutcome[]>> = {
  decide: ['granted', 'denied'],
  settle: ['agreement', 'no_agreement', 'referred'],
};
const TIMED: FormAct[] = ['session', 'settle', 'complete'];

/** What the form sends besides the act and its key; photos are local paths, uploaded by the page. */
export type ActFields = Record<string, unknown> & { photos?: string[] };

function DateTime(props: { id: string; date: string; time: string; onDate: (v: string) => void; onTime: (v: string) => void }) {
  const { id, date, time, onDate, onTime } = props;
  return (
    <View className="row">
      <Picker id={`${id}-date-picker`} mode="date" value={date} onChange={(e) => onDate(String(e.detail.value))}>
        <View className="input input-picker input-picker-first" id={`${id}-date`}>
          {date}
        </View>
      </Picker>
      <Picker id={`${id}-time-picker`} mode="time" value={time} onChange={(e) => onTime(String(e.detail.value))}>
        <View className="input input-picker" id={`${id}-time`}>
          {time}
        </View>
      </Picker>
    </View>
  );
}

/**
 * The fields one act asks for (CaseStepBody), checked on the phone before anything is sent:
 * text, a due date, photos, an outcome, the lawyer, a start and end, a proposed time.
 */
export function ActForm(props: {
  act: FormAct;
  busy: boolean;
  onSubmit: (fields: ActFields) => void;
  onCancel: () => void;
  onProblem: (message: string) => void;
}) {
  const { act, busy, onSubmit, onCancel, onProblem } = props;
  const { t } = useTranslation(['hall', 'labels']);
  const now = new Date();
  const hourAgo = new Date(now.getTime() - 3600000);
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState(() => daysFromToday(7));
  const [photos, setPhotos] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<CaseOutcome | null>(null);
  const [lawyer, setLawyer] = useState('');
  const [withTimes, setWithTimes] = useState(true);
  const [start, setStart] = useState({ date: beijingDate(hourAgo), time: beijingTime(hourAgo) });
  const [end, setEnd] = useState({ date: beijingDate(now), time: beijingTime(now) });
  const [at, setAt] = useState({ date: daysFromToday(1), time: '09:00' });
  const spec = TEXT[act];
  const name = t(`act.text.${act}.name`);
  const outcomes = OUTCOMES[act];
  const timed = TIMED.includes(act) && (act !== 'settle' || withTimes);

  function submit() {
    const body: ActFields = {};
    const written = text.trim();
    if (written || !spec.optional) {
      if (countChars(written) < 2) return onProblem(t('act.fill', { name }));
      if (countChars(written) > spec.max) return onProblem(t('act.tooLong', { name, max: spec.max }));
      body.text = written;
    }
    if (outcomes) {
      if (!outcome) return onProblem(t('act.pickOutcome'));
      body.outcome = outcome;
    }
    if (act === 'decide' && outcome === 'granted') {
      if (countChars(lawyer.trim()) < 2) return onProblem(t('act.needLawyer'));
      body.lawyer = lawyer.trim();
    }
    if (act === 'ask_material') body.dueDate = dueDate;
    if (act === 'supply') body.photos = photos;
    if (timed) {
      const s = isoFromPicker(start.date, start.time);
      const e = isoFromPicker(end.date, end.time);
      if (!(Date.parse(e) > Date.parse(s))) return onProblem(t('act.endBeforeStart'));
      body.startAt = s;
      body.endAt = e;
    }
    if (act === 'propose') body.at = isoFromPicker(at.date, at.time);
    onSubmit(body);
  }

  return (
    <View className="card" id="act-form">
      <View className="section-title" id="act-form-title">
        {t(`labels:caseAct.${act}`)}
      </View>
      {outcomes && (
        <View className="mb-m">
          <View className="muted">{t('act.outcome')}</View>
          {outcomes.map((o) => (
            <Button key={o} small light={outcome !== o} id={`act-outcome-${o}`} onClick={() => setOutcome(o)}>
              {t(`labels:caseOutcome.${o}`)}
            </Button>
          ))}
        </View>
      )}
      {act === 'decide' && outcome === 'granted' && (
        <View className="mb-m">
          <View className="muted">{t('act.lawyer')}</View>
          <Input
            id="act-lawyer"
            className="input"
            value={lawyer}
            maxlength={40}
            placeholder={t('act.lawyerPlaceholder')}
            onInput={(e) => setLawyer(e.detail.value)}
          />
        </View>
      )}
      {act === 'propose' && (
        <View className="mb-m">
          <View className="muted">{t('act.newTime')}</View>
          <DateTime
            id="act-at"
            date={at.date}
            time={at.time}
            onDate={(date) => setAt((v) => ({ ...v, date }))}
            onTime={(time) => setAt((v) => ({ ...v, time }))}
          />
        </View>
      )}
      <View className="muted">{t(`act.text.${act}.label`)}</View>
      <Textarea
        id="act-text"
        className="input textarea textarea-h120"
        value={text}
        maxlength={inputMaxLength(spec.max)}
        placeholder={t('act.fill', { name })}
        onInput={(e) => setText(e.detail.value)}
      />
      {act === 'ask_material' && (
        <View className="mb-m">
          <View className="muted">{t('act.dueDate')}</View>
          <Picker id="act-due-picker" mode="date" value={dueDate} onChange={(e) => setDueDate(String(e.detail.value))}>
            <View className="input input-picker" id="act-due">
              {dueDate}
            </View>
          </Picker>
        </View>
      )}
      {act === 'supply' && (
        <View className="mb-m">
          <View className="muted">{t('act.photos')}</View>
          <DocPhotoPicker id="act-photos" value={photos} onChange={setPhotos} />
        </View>
      )}
      {act === 'settle' && (
        <View className="row mb-m">
          <View className="grow gap-right">
            <Button small light={!withTimes} id="act-times-yes" onClick={() => setWithTimes(true)}>
              {t('act.withTimes')}
            </Button>
          </View>
          <View className="grow">
            <Button small light={withTimes} id="act-times-no" onClick={() => setWithTimes(false)}>
              {t('act.withoutTimes')}
            </Button>
          </View>
        </View>
      )}
      {timed && (
        <View className="mb-m" id="act-times">
          <View className="muted">{t('act.start')}</View>
          <DateTime
            id="act-start"
            date={start.date}
            time={start.time}
            onDate={(date) => setStart((v) => ({ ...v, date }))}
            onTime={(time) => setStart((v) => ({ ...v, time }))}
          />
          <View className="muted">{t('act.end')}</View>
          <DateTime
            id="act-end"
            date={end.date}
            time={end.time}
            onDate={(date) => setEnd((v) => ({ ...v, date }))}
            onTime={(time) => setEnd((v) => ({ ...v, time }))}
          />
          <View className="muted">{t('act.ledgerNote')}</View>
        </View>
      )}
      <View className="row">
        <View className="grow gap-right">
          <Button light id="act-cancel-form" onClick={onCancel}>
            {t('act.back')}
          </Button>
        </View>
        <View className="grow">
          <Button id="act-submit" loading={busy} onClick={submit}>
            {t('submit')}
          </Button>
        </View>
      </View>
    </View>
  );
}
