import { useState } from 'react';
import { Picker, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('backoffice');
  const lines: [string, string, string][] = [
    ['consultations', t('assessment.consultations'), `${f.consultations.asked} / ${f.consultations.closed}`],
    ['legal-aid', t('assessment.legalAid'), `${f.legalAid.received} / ${f.legalAid.forwarded} / ${f.legalAid.granted}`],
    ['mediation', t('assessment.mediation'), `${f.mediation.received} / ${f.mediation.settled}`],
    ['lectures', t('assessment.lectures'), String(f.lectures)],
    ['bookings', t('assessment.bookings'), String(f.bookingsKept)],
    ['ratings', t('assessment.ratings'), `${f.ratings.count} / ${percent(f.ratings.satisfaction)}`],
    ['callbacks', t('assessment.callbacks'), `${f.callbacks.called} / ${f.callbacks.satisfied}`],
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
  const { t } = useTranslation('backoffice');
  const shown = open === id;
  return (
    <View className="list-item" id={id} hoverClass="btn-hover" onClick={() => toggle(id)}>
      <View className="row">
        <View className="grow bold">{name}</View>
        <View className="muted">{shown ? t('assessment.collapse') : t('assessment.expand')}</View>
      </View>
      {!shown && (
        <View className="muted" id={`${id}-line`}>
          {t('assessment.line', {
            consultations: f.consultations.asked,
            legalAid: f.legalAid.received,
            mediation: f.mediation.received,
            lectures: f.lectures,
            satisfaction: percent(f.ratings.satisfaction),
          })}
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
  const { t } = useTranslation('backoffice');
  const [place, setPlace] = useState<StaffPlace | null>(null);
  const [from, setFrom] = useState(() => beijingMonth());
  const [to, setTo] = useState(() => beijingMonth());
  const figures = useLoad<Figures>();
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (id: string) => setOpen((o) => (o === id ? null : id));
  const { data, error } = figures;

  const fetch = (code: string, f: string, end: string) =>
    figures.load(() =>
      Promise.all([
        call('assessment', { params: { countyCode: code }, query: { from: f, to: end } }),
        call('callbackCoverage', { params: { countyCode: code }, query: { month: end } }),
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
    const end = which === 'to' ? m : m > to ? m : to;
    setFrom(f);
    setTo(end);
    if (place) fetch(place.code, f, end);
  }

  const a = data?.assessment;
  const c = data?.coverage;
  return (
    <Screen title={t('assessment.title')}>
      <View className="card">
        <View className="title">{t('assessment.title')}</View>
        <View className="subtitle">{t('assessment.intro', { place: place?.name ?? '' })}</View>
        <Picker
          mode="date"
          fields="month"
          value={from}
          end={beijingDate()}
          onChange={(e) => pick('from', String(e.detail.value))}
        >
          <View className="input input-line mt-s" id="assessment-from">
            {t('assessment.from', { month: from })}
          </View>
        </Picker>
        <Picker mode="date" fields="month" value={to} end={beijingDate()} onChange={(e) => pick('to', String(e.detail.value))}>
          <View className="input input-line mt-s" id="assessment-to">
            {t('assessment.to', { month: to })}
          </View>
        </Picker>
        <View className="muted">{t('assessment.maxPeriod')}</View>
      </View>
      <PageError message={error} />
      {!data && !error && <View className="muted">{t('loading')}</View>}
      {a && (
        <View className="card" id="assessment-summary">
          <View className="section-title">{t('assessment.countyTotal')}</View>
          <View className="row wrap">
            <Figure
              id="summary-consultations"
              label={t('assessment.summaryConsultations')}
              value={String(a.summary.consultations.asked)}
            />
            <Figure
              id="summary-satisfaction"
              label={t('assessment.summarySatisfaction')}
              value={percent(a.summary.ratings.satisfaction)}
            />
          </View>
          <FigureLines id="summary" f={a.summary} />
        </View>
      )}
      {a && (
        <View className="card" id="assessment-townships">
          <View className="section-title">{t('assessment.townships')}</View>
          <View className="muted">{t('assessment.townshipsHint')}</View>
          {a.byTownship.length === 0 && <View className="muted">{t('assessment.noTownships')}</View>}
          {a.byTownship.map((tw) => (
            <Row key={tw.code} id={`township-${tw.code}`} name={tw.name} f={tw} open={open} toggle={toggle} />
          ))}
        </View>
      )}
      {a && (
        <View className="card" id="assessment-counsel">
          <View className="section-title">{t('assessment.counsel')}</View>
          <View className="muted">{t('assessment.counselHint')}</View>
          {a.byCounsel.length === 0 && <View className="muted">{t('assessment.noCounsel')}</View>}
          {a.byCounsel.map((p) => (
            <Row key={p.counselId} id={`counsel-${p.counselId}`} name={p.name} f={p} open={open} toggle={toggle} />
          ))}
        </View>
      )}
      {c && (
        <View className="card" id="coverage">
          <View className="section-title">{t('assessment.coverageTitle', { month: c.month })}</View>
          <View className="muted">{t('assessment.coverageHint')}</View>
          {c.byTownship.map((tw) => (
            <View key={tw.code} className="row" id={`coverage-${tw.code}`}>
              <View className="grow">{tw.name}</View>
              <View>
                {t('assessment.coverageLine', {
                  sampled: tw.sampled,
                  coverage: percent(tw.coverage),
                  satisfaction: percent(tw.satisfaction),
                })}
              </View>
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
