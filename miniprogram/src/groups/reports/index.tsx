import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
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

const IMAGE_KIND_LABELS: Record<WithdrawnImage['kind'], string> = {
  consultation_photo: '咨询照片',
  case_photo: '申请材料照片',
  counsel_photo: '法律顾问照片',
  avatar: '头像',
  article_photo: t('feed:article.photoKind'),
};

/**
 * Reports (举报) and held consultation texts, for the township's staff to decide; reports from the
 * county's work group, for the county's staff (a county group has no township); and, for
 * everyone, the reports they made and what became of them.
 */
export default function ReportsPage() {
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

  function load(t: Tab) {
    setReports(null);
    setTexts(null);
    setImages(null);
    if (t === 'mine')
      call('myReports')
        .then((r) => setReports(r.items))
        .catch(action.fail);
    else if (t === 'reports')
      (township
        ? call('townshipReports', { params: { townshipCode: township }, query: { status: 'open' } })
        : call('countyReports', { params: { countyCode: county }, query: { status: 'open' } })
      )
        .then((r) => setReports(r.items))
        .catch(action.fail);
    else if (t === 'images')
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

  function show(t: Tab) {
    action.clear();
    setTab(t);
    load(t);
  }

  function decideReport(r: Report, decision: 'dismiss' | 'remove', reason: string) {
    if (countChars(reason) < 2) {
      action.fail('请填写处理原因（至少2个字）');
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
        ok: decision === 'remove' ? '已删除被举报的内容' : '已驳回该举报',
        onError: () => load(tab),
        confirm:
          decision === 'remove'
            ? {
                title: '删除被举报的内容？',
                content: '删除后其他人不再看到该内容，作者和举报人会看到处理结果，不能恢复。',
                confirmText: '删除',
              }
            : { title: '驳回举报？', content: '内容保持原样，举报人会看到驳回的原因。', confirmText: '驳回' },
      },
    );
  }

  function decideText(t: HeldConsultationText, decision: 'approve' | 'reject', reason: string) {
    if (decision === 'reject' && countChars(reason) < 2) {
      action.fail('不予通过时请填写原因（至少2个字）');
      return;
    }
    void action.run(
      async () => {
        await call('decideHeldConsultationText', {
          params: { townshipCode: township, reviewId: t.id },
          body: reason ? { decision, reason } : { decision },
        });
        setTexts((list) => list?.filter((x) => x.id !== t.id) ?? list);
      },
      {
        ok: decision === 'approve' ? '已通过，对方现在可以看到' : '已决定不予通过',
        onError: () => load(tab),
        confirm:
          decision === 'approve'
            ? { title: '通过这段文字？', content: '通过后对方立即可以看到，不能撤回。', confirmText: '通过' }
            : { title: '不予通过？', content: '对方看不到这段文字，作者会看到原因。', confirmText: '不予通过' },
      },
    );
  }

  const tabs: [Tab, string][] = township
    ? [
        ['reports', '待处理举报'],
        ['texts', '咨询待审核'],
        ['images', '撤下的图片'],
        ['mine', '我的举报'],
      ]
    : county
      ? [
          ['reports', '县级群举报'],
          ['mine', '我的举报'],
        ]
      : [['mine', '我的举报']];
  const empty = (reports && reports.length === 0) || (texts && texts.length === 0) || (images && images.length === 0);
  return (
    <Screen>
      <View className="card">
        <View className="title">举报与审核</View>
        {township && <View className="subtitle">{placeName}收到的举报和未通过内容安全检测的咨询内容，处理结果留痕</View>}
        {county && (
          <View className="subtitle" id="reports-county">
            {placeName}县级工作群收到的举报，处理结果留痕（村、乡镇群的举报由司法所处理）
          </View>
        )}
        <View>
          {tabs.map(([t, label]) => (
            <View
              key={t}
              id={`reports-tab-${t}`}
              className={t === tab ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(t)}
            >
              {label}
            </View>
          ))}
        </View>
      </View>
      <Feedback of={action} />
      {!reports && !texts && !images && !action.error && <View className="muted">正在加载…</View>}
      {empty && (
        <View className="muted" id="reports-empty">
          暂无记录
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
            {IMAGE_KIND_LABELS[i.kind]} · {i.ownerName || '（未知）'}
          </View>
          <View id={`withdrawn-reason-${i.id}`} className="my-xs">
            {i.reason}
          </View>
          <View className="muted">撤下时间：{formatBeijing(i.decidedAt, 'full')}（已自动撤下，其他人看不到）</View>
        </View>
      ))}
      {texts?.map((t) => (
        <HeldTextItem key={t.id} item={t} busy={action.busy} onDecide={(d, reason) => decideText(t, d, reason)} />
      ))}
    </Screen>
  );
}
