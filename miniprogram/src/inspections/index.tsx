import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
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

const yesNo = (v: boolean) => (v ? '是' : '否');

function Facts({ item }: { item: Inspection }) {
  const f = item.facts;
  return (
    <View className="muted" id={`inspection-facts-${item.groupCode}`}>
      本月发言 {f.posts} 条，删除 {f.removedPosts} 条，转为私下 {f.privatePosts} 条；内容检测拦截 {f.heldPosts} 条（不予发布{' '}
      {f.rejectedPosts} 条）；举报 {f.reports} 次
    </View>
  );
}

function Recorded({ item }: { item: Inspection }) {
  const r = item.record!;
  return (
    <View id={`inspection-record-${item.groupCode}`} className="my-xs">
      <View className="bold">已抽查{r.privateDataFound || r.improperContentFound ? '，发现问题' : ''}</View>
      <View>
        群活跃：{yesNo(r.active)}；发现个人隐私：{yesNo(r.privateDataFound)}；发现不当内容：{yesNo(r.improperContentFound)}
      </View>
      {r.actionTaken && <View>处理措施：{r.actionTaken}</View>}
      {r.notes && <View>备注：{r.notes}</View>}
      <View className="muted">
        {r.byRole} {r.byName} · {formatBeijing(r.at, 'full')}
      </View>
    </View>
  );
}

function Coverage({ of }: { of: InspectionCoverageReply }) {
  const t = of.total;
  return (
    <View className="card" id="inspection-coverage">
      <View className="section-title">抽查覆盖情况</View>
      <View id="coverage-total" className="bold">
        全县：抽取 {t.drawn} 个，已抽查 {t.inspected} 个，活跃 {t.active} 个，发现问题 {t.withProblems} 个
      </View>
      {of.townships.map((w) => (
        <View key={w.townshipCode} id={`coverage-${w.townshipCode}`} className="row my-xs">
          <View className="grow">{w.townshipName}</View>
          <View>
            已查 {w.inspected}/{w.drawn}，活跃 {w.active}，有问题 {w.withProblems}
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
        ok: '已记录抽查结果',
        onError: () => load(month),
        confirm: { title: '提交抽查记录？', content: '记录后不能修改。', confirmText: '提交' },
      },
    );
  }

  const current = beijingMonth();
  const months: [string, string][] = [
    [current, '本月'],
    [previousMonth(current), '上月'],
  ];
  const inspected = list?.items.filter((i) => i.record).length ?? 0;
  return (
    <Screen id="inspections">
      <View className="card">
        <View className="title">工作群抽查</View>
        <View className="subtitle">
          每月按县司法局设定的比例随机抽取村级工作群，核查群是否活跃、有无个人隐私或不当内容，并记录处理情况。
        </View>
        <View>
          {months.map(([m, label]) => (
            <View
              key={m}
              id={`inspection-month-${label === '本月' ? 'this' : 'last'}`}
              className={m === month ? 'tag tag-choice tag-on' : 'tag tag-choice'}
              onClick={() => show(m)}
            >
              {label}（{m}）
            </View>
          ))}
        </View>
        {list && (
          <View className="muted mt-m" id="inspection-summary">
            {list.month}：全县 {list.villageGroups} 个村级工作群，按 {list.sharePercent}% 抽取 {list.drawn} 个
            {township ? `，本乡镇 ${list.items.length} 个` : ''}；已抽查 {inspected} 个
          </View>
        )}
      </View>
      <Feedback of={action} />
      {cover && <Coverage of={cover} />}
      {!list && !action.error && <View className="muted">正在加载…</View>}
      {list && list.items.length === 0 && (
        <View className="muted" id="inspections-empty">
          本月没有抽到{township ? '本乡镇的' : ''}工作群
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
              记录抽查
            </Button>
          )}
        </View>
      ))}
    </Screen>
  );
}
