import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Inspection, InspectionCoverageReply, InspectionListReply, RecordInspectionBody } from '@vc/types';
import { call } from '../shared/api';
import { Button } from '../shared/components/Button';
import { Feedback } from '../shared/components/Feedback';
import { Screen } from '../shared/components/Screen';
import { useAction } from '../shared/hooks/useAction';
import { replaceWith } from '../shared/nav';
import { getSession } from '../shared/session';
import { beijingMonth, formatBeijing } from '../shared/time';
import { RecordForm } from './RecordForm';

/** The month before `month` (YYYY-MM). */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function Facts({ item }: { item: Inspection }) {
  const { t } = useTranslation('inspections');
  const f = item.facts;
  return (
    <View className="muted" id={`inspection-facts-${item.groupCode}`}>
      {t('facts', {
        posts: f.posts,
        removed: f.removedPosts,
        private: f.privatePosts,
        held: f.heldPosts,
        rejected: f.rejectedPosts,
        reports: f.reports,
      })}
    </View>
  );
}

function Recorded({ item }: { item: Inspection }) {
  const { t } = useTranslation('inspections');
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  const r = item.record!;
  return (
    <View id={`inspection-record-${item.groupCode}`} className="my-xs">
      <View className="bold">{r.privateDataFound || r.improperContentFound ? t('recordedWithProblems') : t('recorded')}</View>
      <View>
        {t('recordedFacts', {
          active: yesNo(r.active),
          privateData: yesNo(r.privateDataFound),
          improper: yesNo(r.improperContentFound),
        })}
      </View>
      {r.actionTaken && <View>{t('actionTaken', { text: r.actionTaken })}</View>}
      {r.notes && <View>{t('notes', { text: r.notes })}</View>}
      <View className="muted">
        {r.byRole} {r.byName} · {formatBeijing(r.at, 'full')}
      </View>
    </View>
  );
}

function Coverage({ of }: { of: InspectionCoverageReply }) {
  const { t } = useTranslation('inspections');
  const total = of.total;
  return (
    <View className="card" id="inspection-coverage">
      <View className="section-title">{t('coverage.title')}</View>
      <View id="coverage-total" className="bold">
        {t('coverage.total', {
          drawn: total.drawn,
          inspected: total.inspected,
          active: total.active,
          problems: total.withProblems,
        })}
      </View>
      {of.townships.map((w) => (
        <View key={w.townshipCode} id={`coverage-${w.townshipCode}`} className="row my-xs">
          <View className="grow">{w.townshipName}</View>
          <View>
            {t('coverage.township', { inspected: w.inspected, drawn: w.drawn, active: w.active, problems: w.withProblems })}
          </View>
        </View>
      ))}
    </View>
  );
}

/**
 * 工作群抽查 (issue 16 item 6): the month's drawn village groups with what happened in them, a
 * record for each (once, never changed), and for the county's staff the coverage per township.
 * A township's staff see their township's part of the county's draw.
 */
export default function InspectionsPage() {
  const { t } = useTranslation('inspections');
  const router = useRouter();
  const [session] = useState(() => getSession());
  const roles = session?.user.roles ?? [];
  const township =
    router.params.townshipCode ||
    (router.params.countyCode ? '' : roles.find((g) => g.role === 'township_staff')?.placeCode) ||
    '';
  const county = township
    ? ''
    : router.params.countyCode || roles.find((g) => g.role === 'county_staff' || g.role === 'admin')?.placeCode.slice(0, 6) || '';
  const [month, setMonth] = useState(() => beijingMonth());
  const [list, setList] = useState<InspectionListReply | null>(null);
  const [cover, setCover] = useState<InspectionCoverageReply | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();

  function load(m: string) {
    setList(null);
    setCover(null);
    const query = { month: m };
    (township
      ? call('townshipInspections', { params: { townshipCode: township }, query })
      : call('countyInspections', { params: { countyCode: county }, query })
    )
      .then(setList)
      .catch(action.fail);
    if (county)
      call('inspectionCoverage', { params: { countyCode: county }, query })
        .then(setCover)
        .catch(action.fail);
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    load(month);
  });

  function show(m: string) {
    action.clear();
    setOpen(null);
    setMonth(m);
    load(m);
  }

  function record(item: Inspection, body: RecordInspectionBody) {
    void action.run(
      async () => {
        const saved = await call('recordInspection', { params: { inspectionId: item.id }, body });
        setList((l) => l && { ...l, items: l.items.map((i) => (i.id === saved.id ? saved : i)) });
        setOpen(null);
        if (county)
          await call('inspectionCoverage', { params: { countyCode: county }, query: { month } })
            .then(setCover)
            .catch(() => undefined);
      },
      {
        ok: t('saved'),
        onError: () => load(month),
        confirm: { title: t('confirmTitle'), content: t('confirmContent'), confirmText: t('confirmSubmit') },
      },
    );
  }

  const current = beijingMonth();
  const months: [string, 'this' | 'last'][] = [
    [current, 'this'],
    [previousMonth(current), 'last'],
  ];
  const inspected = list?.items.filter((i) => i.record).length ?? 0;
  return (
    <Screen id="inspections" title={t('title')}>
      <View className="card">
        <View className="title">{t('title')}</View>
        <View className="subtitle">{t('intro')}</View>
        <View>
          {months.map(([m, which]) => (
            <View
              key={m}
              id={`inspection-month-${which}`}
              className={m === month ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(m)}
            >
              {t('month.choice', { label: t(`month.${which}`), month: m })}
            </View>
          ))}
        </View>
        {list && (
          <View className="muted mt-m" id="inspection-summary">
            {township
              ? t('summaryTownship', {
                  month: list.month,
                  groups: list.villageGroups,
                  share: list.sharePercent,
                  drawn: list.drawn,
                  mine: list.items.length,
                  inspected,
                })
              : t('summary', {
                  month: list.month,
                  groups: list.villageGroups,
                  share: list.sharePercent,
                  drawn: list.drawn,
                  inspected,
                })}
          </View>
        )}
      </View>
      <Feedback of={action} />
      {cover && <Coverage of={cover} />}
      {!list && !action.error && <View className="muted">{t('loading')}</View>}
      {list && list.items.length === 0 && (
        <View className="muted" id="inspections-empty">
          {township ? t('emptyTownship') : t('empty')}
        </View>
      )}
      {list?.items.map((item) => (
        <View className="list-item" key={item.id} id={`inspection-${item.groupCode}`}>
          <View className="bold">{item.groupName}</View>
          <View className="muted">{item.townshipName}</View>
          <Facts item={item} />
          {item.record ? (
            <Recorded item={item} />
          ) : open === item.id ? (
            <RecordForm
              busy={action.busy}
              onSubmit={(body) => record(item, body)}
              onCancel={() => setOpen(null)}
              onProblem={action.fail}
            />
          ) : (
            <Button
              id={`inspect-${item.groupCode}`}
              small
              onClick={() => {
                action.clear();
                setOpen(item.id);
              }}
            >
              {t('record')}
            </Button>
          )}
        </View>
      ))}
    </Screen>
  );
}
