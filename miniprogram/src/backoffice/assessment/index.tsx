import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import type { AssessmentFigures, AssessmentReply, CallbackCoverageReply } from '@vc/types';
import { call } from '../../shared/api';
import { Figure } from '../../shared/components/Figure';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useLoad } from '../../shared/hooks/useLoad';
import { useStaffPlace, type StaffPlace } from '../../shared/hooks/useStaffPlace';
import { beijingDate, beijingMonth } from '../../shared/time';
import { percent } from '../components/labels';

interface Figures {
  assessment: AssessmentReply;
  coverage: CallbackCoverageReply;
}

/** One row of figures as label–value lines (a small table that reads well in large type). */
function FigureLines({ id, f }: { id: string; f: AssessmentFigures }) {
  const lines: [string, string, string][] = [
    ['consultations', '法律咨询（受理/办结）', `${f.consultations.asked} / ${f.consultations.closed}`],
    ['legal-aid', '法律援助（受理/转交/批准）', `${f.legalAid.received} / ${f.legalAid.forwarded} / ${f.legalAid.granted}`],
    ['mediation', '人民调解（受理/调解成功）', `${f.mediation.received} / ${f.mediation.settled}`],
    ['lectures', '法治讲座（次）', String(f.lectures)],
    ['bookings', '预约服务履约（次）', String(f.bookingsKept)],
    ['ratings', '评价（件）/满意率', `${f.ratings.count} / ${percent(f.ratings.satisfaction)}`],
    ['callbacks', '回访（已回访/满意）', `${f.callbacks.called} / ${f.callbacks.satisfied}`],
  ];
  return (
    <View>
      {lines.map(([key, label, value]) => (
        <View key={key} className="row">
          <View className="grow muted">{label}</View>
          <View className="bold" id={`${id}-${key}`}>
            {value}
          </View>
        </View>
      ))}
    </View>
  );
}

/** One township or counsel: the main counts in a line; tapped, every figure. */
function Row(props: { id: string; name: string; f: AssessmentFigures; open: string | null; toggle: (id: string) => void }) {
  const { id, name, f, open, toggle } = props;
  const shown = open === id;
  return (
    <View className="list-item" id={id} hoverClass="btn-hover" onClick={() => toggle(id)}>
      <View className="row">
        <View className="grow bold">{name}</View>
        <View className="muted">{shown ? '收起 ▴' : '详情 ▾'}</View>
      </View>
      {!shown && (
        <View className="muted" id={`${id}-line`}>
          咨询 {f.consultations.asked} · 法援 {f.legalAid.received} · 调解 {f.mediation.received} · 讲座 {f.lectures} · 满意率{' '}
          {percent(f.ratings.satisfaction)}
        </View>
      )}
      {shown && <FigureLines id={id} f={f} />}
    </View>
  );
}

/**
 * 考核统计 (R13, issue 16 item 7): for a period of months, per township and per counsel — the
 * services counted, satisfaction and call-backs — and the end month's call-back coverage.
 */
export default function Assessment() {
  const [place, setPlace] = useState<StaffPlace | null>(null);
  const [from, setFrom] = useState(() => beijingMonth());
  const [to, setTo] = useState(() => beijingMonth());
  const figures = useLoad<Figures>();
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (id: string) => setOpen((o) => (o === id ? null : id));
  const { data, error } = figures;

  const fetch = (code: string, f: string, t: string) =>
    figures.load(() =>
      Promise.all([
        call('assessment', { params: { countyCode: code }, query: { from: f, to: t } }),
        call('callbackCoverage', { params: { countyCode: code }, query: { month: t } }),
      ]).then(([assessment, coverage]) => ({ assessment, coverage })),
    );

  useStaffPlace(
    'county_staff',
    (found) => {
      setPlace(found);
      fetch(found.code, from, to);
    },
    figures.fail,
  );

  function pick(which: 'from' | 'to', value: string) {
    const m = value.slice(0, 7);
    // the period stays in order: moving one end past the other moves both
    const f = which === 'from' ? m : m < from ? m : from;
    const t = which === 'to' ? m : m > to ? m : to;
    setFrom(f);
    setTo(t);
    if (place) fetch(place.code, f, t);
  }

  const a = data?.assessment;
  const c = data?.coverage;
  return (
    <Screen>
      <View className="card">
        <View className="title">考核统计</View>
        <View className="subtitle">{place?.name ?? ''}各乡镇、各法律顾问的服务数量、满意度与回访情况</View>
        <Picker
          mode="date"
          fields="month"
          value={from}
          end={beijingDate()}
          onChange={(e) => pick('from', String(e.detail.value))}
        >
          <View className="input input-line mt-s" id="assessment-from">
            起始月份：{from}
          </View>
        </Picker>
        <Picker mode="date" fields="month" value={to} end={beijingDate()} onChange={(e) => pick('to', String(e.detail.value))}>
          <View className="input input-line mt-s" id="assessment-to">
            结束月份：{to}
          </View>
        </Picker>
        <View className="muted">统计期间最长12个月</View>
      </View>
      <PageError message={error} />
      {!data && !error && <View className="muted">正在加载…</View>}
      {a && (
        <View className="card" id="assessment-summary">
          <View className="section-title">全县合计</View>
          <View className="row wrap">
            <Figure id="summary-consultations" label="咨询受理" value={String(a.summary.consultations.asked)} />
            <Figure id="summary-satisfaction" label="评价满意率" value={percent(a.summary.ratings.satisfaction)} />
          </View>
          <FigureLines id="summary" f={a.summary} />
        </View>
      )}
      {a && (
        <View className="card" id="assessment-townships">
          <View className="section-title">各乡镇</View>
          <View className="muted">点乡镇查看全部数字</View>
          {a.byTownship.length === 0 && <View className="muted">暂无乡镇</View>}
          {a.byTownship.map((t) => (
            <Row key={t.code} id={`township-${t.code}`} name={t.name} f={t} open={open} toggle={toggle} />
          ))}
        </View>
      )}
      {a && (
        <View className="card" id="assessment-counsel">
          <View className="section-title">各法律顾问</View>
          <View className="muted">点姓名查看全部数字</View>
          {a.byCounsel.length === 0 && <View className="muted">本县暂无法律顾问</View>}
          {a.byCounsel.map((p) => (
            <Row key={p.counselId} id={`counsel-${p.counselId}`} name={p.name} f={p} open={open} toggle={toggle} />
          ))}
        </View>
      )}
      {c && (
        <View className="card" id="coverage">
          <View className="section-title">{c.month} 回访覆盖</View>
          <View className="muted">回访率 = 已回访 ÷ 抽取；满意率 = 满意 ÷ 接通</View>
          {c.byTownship.map((t) => (
            <View key={t.code} className="row" id={`coverage-${t.code}`}>
              <View className="grow">{t.name}</View>
              <View>
                抽取 {t.sampled} · 回访 {percent(t.coverage)} · 满意 {percent(t.satisfaction)}
              </View>
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
