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
import { useTranslation } from 'react-i18next';
import { t as translate } from '../../shared/i18n';

/** rows shown at a time: a county has ~130 counsel and ~400 villages, a phone shows about ten */
const PAGE = 10;

type Load = '' | 'free' | 'full' | 'over';
// functions: the labels are looked up when drawn, in the language of that moment
const loadChips = (): { value: Load; label: string }[] => [
  { value: '', label: translate('counsel:assign.all') },
  { value: 'free', label: translate('counsel:assign.free') },
  { value: 'full', label: translate('counsel:assign.full') },
  { value: 'over', label: translate('counsel:assign.over') },
];
type Served = '' | 'false' | 'true';
const servedChips = (): { value: Served; label: string }[] => [
  { value: '', label: translate('counsel:assign.all') },
  { value: 'false', label: translate('counsel:assign.noCounsel') },
  { value: 'true', label: translate('counsel:assign.hasCounsel') },
];

export default function CountyAssign() {
  const { t } = useTranslation('counsel');
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
      // outside React's render (an effect run once): the words of the moment
      fail(translate('counsel:assign.notCountyStaff'));
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
      action.fail(t('assign.pickBoth'));
      return;
    }
    const place = `${village.townshipName}${village.name}`;
    const names = others.map((c) => c.name).join(t('enumSeparator'));
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
        ok: (a) => t('assign.assigned', { counsel: a.counselName, township: village.townshipName, village: a.villageName }),
        // a counsel at the limit is refused by the server whatever is confirmed: nothing to ask then
        confirm:
          others.length > 0 && !selectedFull
            ? {
                title: t('assign.confirmTitle'),
                content: t('assign.confirmContent', { place, names, counsel: selected.name }),
                confirmText: t('assign.confirmText'),
              }
            : undefined,
      },
    );
  }

  function end(a: Assignment) {
    if (!countyCode) return;
    const why = reason.trim();
    if (countChars(why) < 2) {
      action.fail(t('assign.reasonMissing'));
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
        ok: (e) =>
          e.endReason
            ? t('assign.endedWithReason', { counsel: e.counselName, village: e.villageName, reason: e.endReason })
            : t('assign.ended', { counsel: e.counselName, village: e.villageName }),
        confirm: {
          title: t('assign.endTitle'),
          content: t('assign.endContent', { counsel: a.counselName, village: a.villageName, reason: why }),
          confirmText: t('assign.end'),
        },
      },
    );
  }

  const counselPage = counsel?.slice(0, counselShown) ?? [];
  const villagePage = villages?.slice(0, villagesShown) ?? [];

  return (
    <Screen title={t('assign.title')}>
      <View className="card">
        <View className="title">{t('assign.title')}</View>
        <View className="subtitle">{t('assign.subtitle', { max })}</View>
      </View>
      <Feedback of={action} />

      {!selected && (
        <View id="counsel-picker">
          <View className="section-title">{t('assign.pickCounsel')}</View>
          <SearchBox
            id="counsel-query"
            buttonId="counsel-search"
            value={counselQ}
            placeholder={t('assign.searchName')}
            onInput={setCounselQ}
            onSearch={() => filterCounsel({})}
          />
          <TownshipPicker
            id="counsel-township"
            townships={townships}
            value={counselTownship}
            onChange={(townshipCode) => filterCounsel({ townshipCode })}
          />
          <FilterChips id="counsel-load" chips={loadChips()} value={load} onChange={(l) => filterCounsel({ load: l })} />
          {!counsel && !action.error && <View className="muted">{t('loading')}</View>}
          {counsel && counsel.length === 0 && (
            <View className="muted" id="counsel-empty">
              {t('assign.noMatchingCounsel')}
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
                  {t('assign.selectedLine', {
                    organization: selected.organization,
                    count: selected.villageCount ?? selected.villages.length,
                    max,
                  })}
                </View>
              </View>
              <Button small light id="counsel-change" onClick={() => setSelected(null)}>
                {t('assign.repick')}
              </Button>
            </View>
            <View className="section-title mt-m">{t('assign.currentVillages')}</View>
            {active.length === 0 && (
              <View className="muted" id="assignments-empty">
                {t('assign.none')}
              </View>
            )}
            {active.map((a) => (
              <View key={a.id} id={`assignment-${a.id}`}>
                <View className="row row-tall">
                  <View className="grow">
                    {a.villageName}
                    <View className="muted">{t('assign.since', { date: beijingDate(new Date(a.startedAt)) })}</View>
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
                    {ending?.id === a.id ? t('assign.cancel') : t('assign.end')}
                  </Button>
                </View>
                {ending?.id === a.id && (
                  <View id="end-form">
                    <Input
                      id="end-reason"
                      className="input"
                      value={reason}
                      maxlength={inputMaxLength(200)}
                      placeholder={t('assign.endPlaceholder')}
                      onInput={(e) => setReason(e.detail.value)}
                    />
                    <Button id="end-confirm" disabled={action.busy} onClick={() => end(a)}>
                      {t('assign.endConfirm', { counsel: a.counselName, village: a.villageName })}
                    </Button>
                  </View>
                )}
              </View>
            ))}
          </View>

          <View className="section-title">{t('assign.pickVillage')}</View>
          <SearchBox
            id="village-query"
            buttonId="village-search"
            value={villageQ}
            placeholder={t('assign.villagePlaceholder')}
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
            chips={servedChips()}
            value={served}
            onChange={(hasCounsel) => searchVillages({ hasCounsel })}
          />
          {villages && villages.length === 0 && (
            <View className="muted" id="villages-empty">
              {t('assign.noMatchingVillage')}
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
              {t('assign.villageWarning', {
                place: `${village.townshipName}${village.name}`,
                list: others
                  .map((c) => t('assign.otherSince', { name: c.name, date: beijingDate(new Date(c.startedAt)) }))
                  .join(t('enumSeparator')),
              })}
            </View>
          )}
          {alreadyServes && (
            <View className="warning" id="village-served-by-selected">
              {t('assign.alreadyServes', { counsel: selected.name, village: village.name })}
            </View>
          )}
          <Button id="assign-button" disabled={action.busy || !village} onClick={assign}>
            {village
              ? t('assign.assignTo', { counsel: selected.name, place: `${village.townshipName}${village.name}` })
              : t('assign.assign')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
