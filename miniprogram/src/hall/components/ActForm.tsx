import { useState } from 'react';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import type { CaseOutcome, CaseStepBody } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { beijingDate, beijingTime, isoFromPicker } from '../../shared/time';
import { CASE_ACT_LABELS, CASE_OUTCOME_LABELS, daysFromToday } from '../services/hall';
import { DocPhotoPicker } from './DocPhotoPicker';

export type FormAct = Exclude<CaseStepBody['act'], 'take' | 'confirm' | 'accept' | 'no_show'>;
/** The acts that ask for nothing: a confirmation, then sent. */
export const BARE_ACTS = ['take', 'confirm', 'accept', 'no_show'] as const;

/** What each act's text is called, and whether it may be left empty (CaseStepBody). */
const TEXT: Record<FormAct, { label: string; optional?: boolean; max: number }> = {
  ask_material: { label: '需补充的材料', max: 500 },
  supply: { label: '补充说明', max: 500 },
  forward: { label: '初审意见', max: 500 },
  refuse: { label: '不予受理的原因', max: 500 },
  decide: { label: '审批意见', max: 500 },
  session: { label: '调解记录', max: 2000 },
  settle: { label: '调解结果（协议内容，或未达成的原因、转往何处）', max: 2000 },
  propose: { label: '说明（可不填）', optional: true, max: 200 },
  cancel: { label: '取消原因', max: 200 },
  complete: { label: '服务内容', max: 2000 },
  answer: { label: '答复内容', max: 2000 },
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
  const t = TEXT[act];
  const outcomes = OUTCOMES[act];
  const timed = TIMED.includes(act) && (act !== 'settle' || withTimes);

  function submit() {
    const body: ActFields = {};
    const written = text.trim();
    if (written || !t.optional) {
      if (countChars(written) < 2) return onProblem(`请填写${t.label.replace(/（.*$/, '')}`);
      if (countChars(written) > t.max) return onProblem(`${t.label.replace(/（.*$/, '')}不能超过${t.max}字`);
      body.text = written;
    }
    if (outcomes) {
      if (!outcome) return onProblem('请选择结果');
      body.outcome = outcome;
    }
    if (act === 'decide' && outcome === 'granted') {
      if (countChars(lawyer.trim()) < 2) return onProblem('给予法律援助的，请填写指派的律师');
      body.lawyer = lawyer.trim();
    }
    if (act === 'ask_material') body.dueDate = dueDate;
    if (act === 'supply') body.photos = photos;
    if (timed) {
      const s = isoFromPicker(start.date, start.time);
      const e = isoFromPicker(end.date, end.time);
      if (!(Date.parse(e) > Date.parse(s))) return onProblem('结束时间应晚于开始时间');
      body.startAt = s;
      body.endAt = e;
    }
    if (act === 'propose') body.at = isoFromPicker(at.date, at.time);
    onSubmit(body);
  }

  return (
    <View className="card" id="act-form">
      <View className="section-title" id="act-form-title">
        {CASE_ACT_LABELS[act]}
      </View>
      {outcomes && (
        <View className="mb-m">
          <View className="muted">结果</View>
          {outcomes.map((o) => (
            <Button key={o} small light={outcome !== o} id={`act-outcome-${o}`} onClick={() => setOutcome(o)}>
              {CASE_OUTCOME_LABELS[o]}
            </Button>
          ))}
        </View>
      )}
      {act === 'decide' && outcome === 'granted' && (
        <View className="mb-m">
          <View className="muted">指派的律师（姓名、律所）</View>
          <Input
            id="act-lawyer"
            className="input"
            value={lawyer}
            maxlength={40}
            placeholder="例如：张明 律师（某某律师事务所）"
            onInput={(e) => setLawyer(e.detail.value)}
          />
        </View>
      )}
      {act === 'propose' && (
        <View className="mb-m">
          <View className="muted">建议的新时间</View>
          <DateTime
            id="act-at"
            date={at.date}
            time={at.time}
            onDate={(date) => setAt((v) => ({ ...v, date }))}
            onTime={(time) => setAt((v) => ({ ...v, time }))}
          />
        </View>
      )}
      <View className="muted">{t.label}</View>
      <Textarea
        id="act-text"
        className="input textarea textarea-h120"
        value={text}
        maxlength={inputMaxLength(t.max)}
        placeholder={`请填写${t.label.replace(/（.*$/, '')}`}
        onInput={(e) => setText(e.detail.value)}
      />
      {act === 'ask_material' && (
        <View className="mb-m">
          <View className="muted">请申请人在此日期前补充</View>
          <Picker id="act-due-picker" mode="date" value={dueDate} onChange={(e) => setDueDate(String(e.detail.value))}>
            <View className="input input-picker" id="act-due">
              {dueDate}
            </View>
          </Picker>
        </View>
      )}
      {act === 'supply' && (
        <View className="mb-m">
          <View className="muted">材料照片（最多4张）</View>
          <DocPhotoPicker id="act-photos" value={photos} onChange={setPhotos} />
        </View>
      )}
      {act === 'settle' && (
        <View className="row mb-m">
          <View className="grow gap-right">
            <Button small light={!withTimes} id="act-times-yes" onClick={() => setWithTimes(true)}>
              填写起止时间
            </Button>
          </View>
          <View className="grow">
            <Button small light={withTimes} id="act-times-no" onClick={() => setWithTimes(false)}>
              不填时间
            </Button>
          </View>
        </View>
      )}
      {timed && (
        <View className="mb-m" id="act-times">
          <View className="muted">开始时间</View>
          <DateTime
            id="act-start"
            date={start.date}
            time={start.time}
            onDate={(date) => setStart((v) => ({ ...v, date }))}
            onTime={(time) => setStart((v) => ({ ...v, time }))}
          />
          <View className="muted">结束时间</View>
          <DateTime
            id="act-end"
            date={end.date}
            time={end.time}
            onDate={(date) => setEnd((v) => ({ ...v, date }))}
            onTime={(time) => setEnd((v) => ({ ...v, time }))}
          />
          <View className="muted">法律顾问办理的，会同时记入工作台账。</View>
        </View>
      )}
      <View className="row">
        <View className="grow gap-right">
          <Button light id="act-cancel-form" onClick={onCancel}>
            返回
          </Button>
        </View>
        <View className="grow">
          <Button id="act-submit" loading={busy} onClick={submit}>
            提交
          </Button>
        </View>
      </View>
    </View>
  );
}
