import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { HeldConsultationText, Report, WithdrawnImage } from '@vc/types';
import { countChars } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { formatBeijing } from '../../shared/time';
import { HeldTextItem, ReportItem } from '../components/ReportItem';
import { Screen } from '../../shared/components/Screen';
import { t } from '../../shared/i18n';

type Tab = 'reports' | 'texts' | 'images' | 'mine';

/**
 * Reports (举报) and held consultation texts, for the township's staff to decide; reports from the
 * county's work group, for the county's staff (a county group has no township); and, for
 * everyone, the reports they made and what became of them.
 */
export default function ReportsPage() {
  const { t } = useTranslation('groups');
  const router = useRouter();
  const [session] = useState(() => getSession());
  const township = router.params.code || session?.user.roles.find((g) => g.role === 'township_staff')?.placeCode || '';
  const county = township
    ? ''
    : (session?.user.roles.find((g) => g.role === 'county_staff' || g.role === 'admin')?.placeCode.slice(0, 6) ?? '');
  const moderates = township || county;
  const placeName = session?.user.roles.find((g) => g.placeCode === moderates)?.placeName ?? '';
  const [tab, setTab] = useState<Tab>(moderates ? 'reports' : 'mine');
  const [reports, setReports] = useState<Report[] | null>(null);
  const [texts, setTexts] = useState<HeldConsultationText[] | null>(null);
  const [images, setImages] = useState<WithdrawnImage[] | null>(null);
  const action = useAction();

  function load(which: Tab) {
    setReports(null);
    setTexts(null);
    setImages(null);
    if (which === 'mine')
      call('myReports')
        .then((r) => setReports(r.items))
        .catch(action.fail);
    else if (which === 'reports')
      (township
        ? call('townshipReports', { params: { townshipCode: township }, query: { status: 'open' } })
        : call('countyReports', { params: { countyCode: county }, query: { status: 'open' } })
      )
        .then((r) => setReports(r.items))
        .catch(action.fail);
    else if (which === 'images')
      call('withdrawnImages', { params: { townshipCode: township } })
        .then((r) => setImages(r.items))
        .catch(action.fail);
    else
      call('heldConsultationTexts', { params: { townshipCode: township }, query: { status: 'held' } })
        .then((r) => setTexts(r.items))
        .catch(action.fail);
  }

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    load(tab);
  });

  function show(which: Tab) {
    action.clear();
    setTab(which);
    load(which);
  }

  function decideReport(r: Report, decision: 'dismiss' | 'remove', reason: string) {
    if (countChars(reason) < 2) {
      action.fail(t('reports.reasonShort'));
      return;
    }
    void action.run(
      async () => {
        if (township)
          await call('decideReport', { params: { townshipCode: township, reportId: r.id }, body: { decision, reason } });
        else await call('decideCountyReport', { params: { countyCode: county, reportId: r.id }, body: { decision, reason } });
        setReports((list) => list?.filter((x) => x.id !== r.id) ?? list);
      },
      {
        ok: decision === 'remove' ? t('reports.removedOk') : t('reports.dismissedOk'),
        onError: () => load(tab),
        confirm:
          decision === 'remove'
            ? {
                title: t('reports.removeConfirm.title'),
                content: t('reports.removeConfirm.content'),
                confirmText: t('reports.removeConfirm.confirmText'),
              }
            : {
                title: t('reports.dismissConfirm.title'),
                content: t('reports.dismissConfirm.content'),
                confirmText: t('reports.dismissConfirm.confirmText'),
              },
      },
    );
  }

  function decideText(h: HeldConsultationText, decision: 'approve' | 'reject', reason: string) {
    if (decision === 'reject' && countChars(reason) < 2) {
      action.fail(t('reports.rejectShort'));
      return;
    }
    void action.run(
      async () => {
        await call('decideHeldConsultationText', {
          params: { townshipCode: township, reviewId: h.id },
          body: reason ? { decision, reason } : { decision },
        });
        setTexts((list) => list?.filter((x) => x.id !== h.id) ?? list);
      },
      {
        ok: decision === 'approve' ? t('reports.approvedOk') : t('reports.rejectedOk'),
        onError: () => load(tab),
        confirm:
          decision === 'approve'
            ? {
                title: t('reports.approveConfirm.title'),
                content: t('reports.approveConfirm.content'),
                confirmText: t('reports.approveConfirm.confirmText'),
              }
            : {
                title: t('reports.rejectConfirm.title'),
                content: t('reports.rejectConfirm.content'),
                confirmText: t('reports.rejectConfirm.confirmText'),
              },
      },
    );
  }

  const tabs: [Tab, string][] = township
    ? [
        ['reports', t('reports.tab.reports')],
        ['texts', t('reports.tab.texts')],
        ['images', t('reports.tab.images')],
        ['mine', t('reports.tab.mine')],
      ]
    : county
      ? [
          ['reports', t('reports.tab.county')],
          ['mine', t('reports.tab.mine')],
        ]
      : [['mine', t('reports.tab.mine')]];
  const empty = (reports && reports.length === 0) || (texts && texts.length === 0) || (images && images.length === 0);
  return (
    <Screen title={t('reports.title')}>
      <View className="card">
        <View className="title">{t('reports.title')}</View>
        {township && <View className="subtitle">{t('reports.townshipSubtitle', { place: placeName })}</View>}
        {county && (
          <View className="subtitle" id="reports-county">
            {t('reports.countySubtitle', { place: placeName })}
          </View>
        )}
        <View>
          {tabs.map(([which, label]) => (
            <View
              key={which}
              id={`reports-tab-${which}`}
              className={which === tab ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(which)}
            >
              {label}
            </View>
          ))}
        </View>
      </View>
      <Feedback of={action} />
      {!reports && !texts && !images && !action.error && <View className="muted">{t('loading')}</View>}
      {empty && (
        <View className="muted" id="reports-empty">
          {t('noRecords')}
        </View>
      )}
      {reports?.map((r) => (
        <ReportItem
          key={r.id}
          report={r}
          busy={action.busy}
          onDecide={tab === 'reports' ? (d, reason) => decideReport(r, d, reason) : undefined}
        />
      ))}
      {images?.map((i) => (
        <View className="list-item" key={i.id} id={`withdrawn-${i.id}`}>
          <View className="bold">
            {t(`reports.imageKind.${i.kind}`)} · {i.ownerName || t('reports.unknownOwner')}
          </View>
          <View id={`withdrawn-reason-${i.id}`} className="my-xs">
            {i.reason}
          </View>
          <View className="muted">{t('reports.withdrawnAt', { at: formatBeijing(i.decidedAt, 'full') })}</View>
        </View>
      ))}
      {texts?.map((h) => (
        <HeldTextItem key={h.id} item={h} busy={action.busy} onDecide={(d, reason) => decideText(h, d, reason)} />
      ))}
    </Screen>
  );
}
