import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { Assignment, AssignmentVillage, CounselListItem } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { FilterChips, MoreLine, SearchBox } from '../../shared/components/ListTools';
import { useAction } from '../../shared/hooks/useAction';
import { staffPlace } from '../../shared/hooks/useStaffPlace';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { beijingDate } from '../../shared/time';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';
import { CounselItem, TownshipPicker, VillageItem, type Township } from '../components/AssignRows';

/** rows shown at a time: a county has ~130 counsel and ~400 villages, a phone shows about ten */
const PAGE = 10;

type Load = '' | 'free' | 'full' | 'over';
const LOAD_CHIPS: { value: Load; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'free', label: '可新增' },
  { value: 'full', label: '已满' },
  { value: 'over', label: '超出上限' },
];
type Served = '' | 'false' | 'true';
const SERVED_CHIPS: { value: Served; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'false', label: '暂无顾问' },
  { value: 'true', label: '已有顾问' },
];

export default function CountyAssign() {
  const router = useRouter();
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [townships, setTownships] = useState<Township[]>([]);
  const action = useAction();
  const { fail } = action;

  // 1. the counsel: searched by name, filtered by township and load, a page at a time
  const [counselQ, setCounselQ] = useState('');
  const [counselTownship, setCounselTownship] = useState('');
  const [load, setLoad] = useState<Load>('');
  const [counsel, setCounsel] = useState<CounselListItem[] | null>(null);
  const [counselShown, setCounselShown] = useState(PAGE);
  const [max, setMax] = useState(5);
  const [selected, setSelected] = useState<CounselListItem | null>(null);
  const [active, setActive] = useState<Assignment[]>([]);

  // 2. ending one of the selected counsel's assignments
  const [ending, setEnding] = useState<Assignment | null>(null);
  const [reason, setReason] = useState('');

  // 3. the village: searched by name, filtered by township and whether it has counsel
  const [villageQ, setVillageQ] = useState('');
  const [villageTownship, setVillageTownship] = useState('');
  const [served, setServed] = useState<Served>('');
  const [villages, setVillages] = useState<AssignmentVillage[] | null>(null);
  const [villagesShown, setVillagesShown] = useState(PAGE);
  const [village, setVillage] = useState<AssignmentVillage | null>(null);

  // a filter changed twice quickly: only the latest request's answer is shown
  const counselRequest = useRef(0);
  const villageRequest = useRef(0);

  const townshipName = useCallback(
    (code: string | undefined) => townships.find((t) => t.code === code)?.name ?? code ?? '',
    [townships],
  );

  const loadCounsel = useCallback(
    async (code: string, filter: { q: string; townshipCode: string; load: Load }) => {
      try {
        const query = {
          ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
          ...(filter.townshipCode ? { townshipCode: filter.townshipCode } : {}),
          ...(filter.load ? { load: filter.load } : {}),
        };
        const mine = ++counselRequest.current;
        const r = await call('countyCounsel', { params: { countyCode: code }, query });
        if (mine !== counselRequest.current) return r.items;
        setCounsel(r.items);
        setMax(r.maxVillagesPerCounsel);
        return r.items;
      } catch (e) {
        fail(e);
        return [];
      }
    },
    [fail],
  );

  const loadAssignments = useCallback(
    async (code: string, counselId: string) => {
      try {
        const r = await call('listAssignments', { params: { countyCode: code }, query: { counselId } });
        setActive(r.items.filter((a) => !a.endedAt));
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  useEffect(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const code = staffPlace(session, 'county_staff', router.params.countyCode)?.code ?? null;
    if (!code) {
      fail('您没有县（区）司法局工作人员权限');
      return;
    }
    setCountyCode(code);
    void loadCounsel(code, { q: '', townshipCode: '', load: '' });
    call('placeChildren', { params: { code } })
      .then((r) => setTownships(r.children.map((t) => ({ code: t.code, name: t.name }))))
      .catch(fail);
  }, [fail, loadCounsel, router.params.countyCode]);

  function filterCounsel(change: Partial<{ q: string; townshipCode: string; load: Load }>) {
    if (!countyCode) return;
    const next = { q: counselQ, townshipCode: counselTownship, load, ...change };
    if (change.townshipCode !== undefined) setCounselTownship(change.townshipCode);
    if (change.load !== undefined) setLoad(change.load);
    setCounselShown(PAGE);
    void loadCounsel(countyCode, next);
  }

  function pick(item: CounselListItem) {
    setSelected(item);
    setEnding(null);
    setReason('');
    action.clear();
    if (countyCode) void loadAssignments(countyCode, item.id);
  }

  function searchVillages(change: Partial<{ townshipCode: string; hasCounsel: Served }> = {}) {
    if (!countyCode) return;
    const townshipCode = change.townshipCode ?? villageTownship;
    const hasCounsel = change.hasCounsel ?? served;
    if (change.townshipCode !== undefined) setVillageTownship(townshipCode);
    if (change.hasCounsel !== undefined) setServed(hasCounsel);
    const q = villageQ.trim();
    const mine = ++villageRequest.current;
    call('assignmentVillages', {
      params: { countyCode },
      query: { ...(q ? { q } : {}), ...(townshipCode ? { townshipCode } : {}), ...(hasCounsel ? { hasCounsel } : {}) },
    })
      .then((r) => {
        if (mine !== villageRequest.current) return;
        setVillages(r.items);
        setVillagesShown(PAGE);
        setVillage((v) => (v ? (r.items.find((x) => x.code === v.code) ?? null) : v));
      })
      .catch(action.fail);
  }

  async function refresh(counselId: string) {
    if (!countyCode) return;
    const items = await loadCounsel(countyCode, { q: counselQ, townshipCode: counselTownship, load });
    const again = items.find((c) => c.id === counselId);
    if (again) setSelected(again);
    await loadAssignments(countyCode, counselId);
    if (villages) searchVillages();
  }

  const others = village && selected ? village.counsel.filter((c) => c.id !== selected.id) : [];
  const alreadyServes = !!(village && selected && village.counsel.some((c) => c.id === selected.id));
  const selectedFull = !!selected && (selected.villageCount ?? selected.villages.length) >= max;

  function assign() {
    if (!countyCode || !selected || !village) {
      action.fail('请先选择法律顾问和村（社区）');
      return;
    }
    const place = `${village.townshipName}${village.name}`;
    const names = others.map((c) => c.name).join('、');
    void action.run(
      async () => {
        const a = await call('assignCounsel', {
          params: { countyCode },
          body: { counselId: selected.id, villageCode: village.code },
        });
        await refresh(selected.id);
        return a;
      },
      {
        ok: (a) => `已指派 ${a.counselName} 服务 ${village.townshipName}${a.villageName}`,
        // a counsel at the limit is refused by the server whatever is confirmed: nothing to ask then
        confirm:
          others.length > 0 && !selectedFull
            ? {
                title: '该村已有法律顾问',
                content: `${place}现由 ${names} 服务。指派后 ${selected.name} 与 ${names} 共同服务该村，原有指派不变；如需替换，请先解除原顾问的指派。`,
                confirmText: '仍然指派',
              }
            : undefined,
      },
    );
  }

  function end(a: Assignment) {
    if (!countyCode) return;
    const why = reason.trim();
    if (countChars(why) < 2) {
      action.fail('请填写解除原因（至少2个字）');
      return;
    }
    void action.run(
      async () => {
        const ended = await call('endAssignment', {
          params: { countyCode, assignmentId: a.id },
          body: { reason: why },
        });
        setReason('');
        setEnding(null);
        await refresh(a.counselId);
        return ended;
      },
      {
        ok: (e) => `已解除 ${e.counselName} 对 ${e.villageName} 的服务${e.endReason ? `，原因：${e.endReason}` : ''}`,
        confirm: {
          title: '解除指派',
          content: `解除后 ${a.counselName} 不再服务 ${a.villageName}，该村公示栏不再显示其联系方式，已登记的台账保留。原因：${why}`,
          confirmText: '解除',
        },
      },
    );
  }

  const counselPage = counsel?.slice(0, counselShown) ?? [];
  const villagePage = villages?.slice(0, villagesShown) ?? [];

  return (
    <Screen>
      <View className="card">
        <View className="title">法律顾问指派</View>
        <View className="subtitle">每名法律顾问最多服务 {max} 个村（社区）</View>
      </View>
      <Feedback of={action} />

      {!selected && (
        <View id="counsel-picker">
          <View className="section-title">1. 选择法律顾问</View>
          <SearchBox
            id="counsel-query"
            buttonId="counsel-search"
            value={counselQ}
            placeholder="按姓名搜索"
            onInput={setCounselQ}
            onSearch={() => filterCounsel({})}
          />
          <TownshipPicker
            id="counsel-township"
            townships={townships}
            value={counselTownship}
            onChange={(townshipCode) => filterCounsel({ townshipCode })}
          />
          <FilterChips id="counsel-load" chips={LOAD_CHIPS} value={load} onChange={(l) => filterCounsel({ load: l })} />
          {!counsel && !action.error && <View className="muted">正在加载…</View>}
          {counsel && counsel.length === 0 && (
            <View className="muted" id="counsel-empty">
              没有符合条件的法律顾问
            </View>
          )}
          {counselPage.map((c) => (
            <CounselItem
              key={c.id}
              item={c}
              max={max}
              townshipName={townshipName}
              onPick={() => pick(c)}
              onProfile={() => countyCode && goto('counselProfile', { countyCode, counselId: c.id })}
            />
          ))}
          {counsel && counsel.length > 0 && (
            <MoreLine
              id="counsel-more"
              shown={counselShown}
              total={counsel.length}
              onMore={() => setCounselShown((n) => n + PAGE)}
            />
          )}
        </View>
      )}

      {selected && (
        <View id="selected-counsel">
          <View className="card">
            <View className="row">
              <View className="grow">
                <View className="title item-title" id="selected-name">
                  {selected.name}
                </View>
                <View className="subtitle">
                  {selected.organization} · 已服务 {selected.villageCount ?? selected.villages.length}/{max} 个村
                </View>
              </View>
              <Button small light id="counsel-change" onClick={() => setSelected(null)}>
                重新选择
              </Button>
            </View>
            <View className="section-title mt-m">当前服务的村</View>
            {active.length === 0 && (
              <View className="muted" id="assignments-empty">
                暂无
              </View>
            )}
            {active.map((a) => (
              <View key={a.id} id={`assignment-${a.id}`}>
                <View className="row row-tall">
                  <View className="grow">
                    {a.villageName}
                    <View className="muted">自 {beijingDate(new Date(a.startedAt))} 起</View>
                  </View>
                  <Button
                    small
                    light
                    id={`end-${a.id}`}
                    disabled={action.busy}
                    onClick={() => {
                      setEnding(ending?.id === a.id ? null : a);
                      setReason('');
                    }}
                  >
                    {ending?.id === a.id ? '取消' : '解除'}
                  </Button>
                </View>
                {ending?.id === a.id && (
                  <View id="end-form">
                    <Input
                      id="end-reason"
                      className="input"
                      value={reason}
                      maxlength={inputMaxLength(200)}
                      placeholder="解除原因（必填），如：工作调动"
                      onInput={(e) => setReason(e.detail.value)}
                    />
                    <Button id="end-confirm" disabled={action.busy} onClick={() => end(a)}>
                      解除 {a.counselName} 对 {a.villageName} 的指派
                    </Button>
                  </View>
                )}
              </View>
            ))}
          </View>

          <View className="section-title">2. 选择要指派的村（社区）</View>
          <SearchBox
            id="village-query"
            buttonId="village-search"
            value={villageQ}
            placeholder="输入村（社区）名称"
            onInput={setVillageQ}
            onSearch={() => searchVillages()}
          />
          <TownshipPicker
            id="village-township"
            townships={townships}
            value={villageTownship}
            onChange={(townshipCode) => searchVillages({ townshipCode })}
          />
          <FilterChips
            id="village-served"
            chips={SERVED_CHIPS}
            value={served}
            onChange={(hasCounsel) => searchVillages({ hasCounsel })}
          />
          {villages && villages.length === 0 && (
            <View className="muted" id="villages-empty">
              没有符合条件的村（社区）
            </View>
          )}
          {villagePage.map((v) => (
            <VillageItem key={v.code} v={v} active={village?.code === v.code} onPick={() => setVillage(v)} />
          ))}
          {villages && villages.length > 0 && (
            <MoreLine
              id="village-more"
              shown={villagesShown}
              total={villages.length}
              onMore={() => setVillagesShown((n) => n + PAGE)}
            />
          )}

          {village && others.length > 0 && (
            <View className="warning" id="village-warning">
              {village.townshipName}
              {village.name}已有法律顾问：
              {others.map((c) => `${c.name}（自 ${beijingDate(new Date(c.startedAt))} 起）`).join('、')}
              。再指派将由多人共同服务该村。
            </View>
          )}
          {alreadyServes && (
            <View className="warning" id="village-served-by-selected">
              {selected.name} 已在服务{village.name}
            </View>
          )}
          <Button id="assign-button" disabled={action.busy || !village} onClick={assign}>
            {village ? `指派 ${selected.name} 服务 ${village.townshipName}${village.name}` : '指派'}
          </Button>
        </View>
      )}
    </Screen>
  );
}
