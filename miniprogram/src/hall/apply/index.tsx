import { useState, type ReactNode } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import type { CounselCard, DisputeKind, OpenCaseBody } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { isoFromPicker } from '../../shared/time';
import { DocPhotoPicker } from '../components/DocPhotoPicker';
import { COMPLAINT_ABOUT_LABELS, DISPUTE_KIND_LABELS, nextWeekday, type ComplaintAbout } from '../services/hall';
import { useSend } from '../services/useSend';

type Kind = 'mediation' | 'booking' | 'complaint';
const KINDS: Kind[] = ['mediation', 'booking', 'complaint'];
const TITLES: Record<Kind, { title: string; note: string }> = {
  mediation: { title: '申请人民调解', note: '村里的调解员或法律顾问会联系双方，帮您调解' },
  booking: { title: '预约法律顾问', note: '约一个时间，在村里当面咨询法律顾问' },
  complaint: { title: '投诉建议', note: '对服务不满意、对法律顾问有意见，或者有好的建议' },
};
/** A body without its key and photos, kind by kind (Omit of a union would merge the kinds). */
type Draft = OpenCaseBody extends infer U ? (U extends unknown ? Omit<U, 'clientKey' | 'photoIds'> : never) : never;

const ABOUTS: ComplaintAbout[] = ['service', 'counsel', 'suggestion'];
// from the labels, not the zod enum: no zod in the bundle
const DISPUTE_KINDS = Object.keys(DISPUTE_KIND_LABELS) as DisputeKind[];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="mb-m">
      <View className="muted">{label}</View>
      {children}
    </View>
  );
}

/**
 * 人民调解 / 预约法律顾问 / 投诉建议 (issue 16), by `kind`: one form each, sent as a case of that
 * kind; the case page then shows where it stands.
 */
export default function HallApply() {
  const router = useRouter();
  const kind = (KINDS as string[]).includes(router.params.kind ?? '') ? (router.params.kind as Kind) : null;
  const [counsel, setCounsel] = useState<CounselCard[] | null>(null);
  const [unbound, setUnbound] = useState(false);
  const [account, setAccount] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [dispute, setDispute] = useState<DisputeKind | null>(null);
  const [otherName, setOtherName] = useState('');
  const [otherPhone, setOtherPhone] = useState('');
  const [date, setDate] = useState(() => nextWeekday());
  const [time, setTime] = useState('09:00');
  const [about, setAbout] = useState<ComplaintAbout>('service');
  const [counselId, setCounselId] = useState<string | null>(null);
  const action = useAction();
  const send = useSend(kind ?? 'case');

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const village = session.user.village;
    if (!village) {
      setUnbound(true);
      return;
    }
    if (kind && kind !== 'mediation' && !counsel)
      call('noticeBoard', { params: { villageCode: village.code } })
        .then((b) => setCounsel(b.counsel))
        .catch(() => setCounsel([]));
  });

  if (!kind)
    return (
      <Screen>
        <PageError message="没有这项服务，请从服务大厅进入" />
      </Screen>
    );
  if (unbound)
    return (
      <Screen>
        <View className="card" id="hall-unbound">
          <View>请先绑定您所在的村（社区），再办理。</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            去绑定
          </Button>
        </View>
      </Screen>
    );

  /** The body to send, or what is missing in plain words (nothing is sent then). */
  function bodyOf(): Draft | string {
    const text = account.trim();
    if (kind === 'mediation') {
      if (!dispute) return '请选择纠纷类型';
      if (countChars(text) < 2) return '请写清楚纠纷经过';
      if (!otherName.trim()) return '请填写对方姓名';
      const phone = otherPhone.trim();
      if (phone && !/^1\d{10}$/.test(phone)) return '对方手机号应为11位数字，不知道可以不填';
      return {
        kind: 'mediation',
        disputeKind: dispute,
        account: text,
        otherPartyName: otherName.trim(),
        ...(phone ? { otherPartyPhone: phone } : {}),
      };
    }
    if (kind === 'booking') {
      if (countChars(text) < 2) return '请写明想咨询什么事';
      const at = isoFromPicker(date, time);
      if (!(Date.parse(at) > Date.now())) return '预约时间已经过去，请重新选择';
      return { kind: 'booking', at, topic: text };
    }
    if (about === 'counsel' && !counselId) return '请选择要投诉的法律顾问';
    if (countChars(text) < 2) return '请写清楚投诉或建议的内容';
    return { kind: 'complaint', about, ...(about === 'counsel' ? { counselId: counselId! } : {}), account: text };
  }

  function submit() {
    const body = bodyOf();
    if (typeof body === 'string') return action.fail(body);
    const clientKey = send.keyFor({ body, photos });
    void action.run(async () => {
      const photoIds = await send.upload(photos);
      const c = await call('openCase', {
        body: { ...body, clientKey, ...(photoIds.length ? { photoIds } : {}) },
      });
      send.done();
      replaceWith('hallCase', { id: c.id });
    });
  }

  const t = TITLES[kind];
  const disputeIndex = dispute ? DISPUTE_KINDS.indexOf(dispute) : -1;
  const accountLabel = kind === 'mediation' ? '纠纷经过' : kind === 'booking' ? '想咨询的事' : '投诉或建议的内容';
  return (
    <Screen>
      <View className="card">
        <View className="title" id="apply-title">
          {t.title}
        </View>
        <View className="subtitle">{t.note}</View>
      </View>
      <Feedback of={action} />
      <View className="card" id="apply-form">
        {kind === 'mediation' && (
          <Field label="纠纷类型">
            <Picker
              id="apply-dispute-picker"
              mode="selector"
              range={DISPUTE_KINDS.map((k) => DISPUTE_KIND_LABELS[k])}
              value={Math.max(0, disputeIndex)}
              onChange={(e) => {
                const k = DISPUTE_KINDS[Number(e.detail.value)];
                if (k) setDispute(k);
              }}
            >
              <View className="input input-picker" id="apply-dispute">
                {dispute ? DISPUTE_KIND_LABELS[dispute] : '请选择 ▾'}
              </View>
            </Picker>
          </Field>
        )}
        {kind === 'booking' && (
          <Field label="预约时间">
            <View className="row">
              <Picker id="apply-date-picker" mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
                <View className="input input-picker input-picker-first" id="apply-date">
                  {date}
                </View>
              </Picker>
              <Picker id="apply-time-picker" mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
                <View className="input input-picker" id="apply-time">
                  {time}
                </View>
              </Picker>
            </View>
            <View className="muted">可预约60天内每天 8:00—18:00 的时间，法律顾问会确认或另约时间。</View>
            {counsel?.map((c) => (
              <View key={c.id} className="muted" id={`apply-hours-${c.id}`}>
                {c.name}驻村时间：{c.onSiteHours}
              </View>
            ))}
          </Field>
        )}
        {kind === 'complaint' && (
          <Field label="投诉或建议什么">
            <View className="row wrap">
              {ABOUTS.map((a) => (
                <View key={a} className="gap-right">
                  <Button small light={about !== a} id={`apply-about-${a}`} onClick={() => setAbout(a)}>
                    {COMPLAINT_ABOUT_LABELS[a]}
                  </Button>
                </View>
              ))}
            </View>
            {about === 'counsel' && (
              <View id="apply-counsel">
                {counsel && counsel.length === 0 && <View className="muted">本村暂未指派法律顾问</View>}
                {counsel?.map((c) => (
                  <Button
                    key={c.id}
                    small
                    light={counselId !== c.id}
                    id={`apply-counsel-${c.id}`}
                    onClick={() => setCounselId(c.id)}
                  >
                    {c.name}（{c.organization}）
                  </Button>
                ))}
              </View>
            )}
            <View className="muted mt-s" id="apply-complaint-note">
              由县司法局受理并限时答复；被投诉的法律顾问和乡镇看不到您的投诉。
            </View>
          </Field>
        )}
        <Field label={accountLabel}>
          <Textarea
            id="apply-account"
            className="input textarea textarea-h160"
            value={account}
            maxlength={inputMaxLength(kind === 'booking' ? 500 : 2000)}
            placeholder={kind === 'mediation' ? '什么时候、和谁、因为什么事起了纠纷' : '请写清楚，方便工作人员了解'}
            onInput={(e) => setAccount(e.detail.value)}
          />
        </Field>
        {kind === 'mediation' && (
          <View>
            <Field label="对方姓名">
              <Input
                id="apply-other-name"
                className="input"
                value={otherName}
                maxlength={20}
                placeholder="纠纷另一方的姓名"
                onInput={(e) => setOtherName(e.detail.value)}
              />
            </Field>
            <Field label="对方手机号（可不填）">
              <Input
                id="apply-other-phone"
                className="input"
                type="number"
                value={otherPhone}
                maxlength={11}
                placeholder="方便调解员联系对方"
                onInput={(e) => setOtherPhone(e.detail.value)}
              />
              <View className="muted" id="apply-phone-note">
                只有负责调解的人能看到对方手机号。
              </View>
            </Field>
          </View>
        )}
        <Field label="照片（可选，最多4张）">
          <DocPhotoPicker id="apply-photos" value={photos} onChange={setPhotos} />
        </Field>
        <Button id="apply-submit" loading={action.busy} onClick={submit}>
          提交
        </Button>
      </View>
    </Screen>
  );
}
