import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import type { Assignment, CounselListItem, VillageSummary } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { staffPlace } from '../../shared/hooks/useStaffPlace';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { Screen } from '../../shared/components/Screen';

function CounselItem(props: { item: CounselListItem; max: number; active: boolean; onPick: () => void; onProfile: () => void }) {
  const { item, max, active, onPick, onProfile } = props;
  const full = item.villages.length >= max;
  // the county lowered its limit after they were assigned: nothing ends, nothing is added (county policy)
  const over = item.villages.length > max;
  return (
    <View
      id={`counsel-item-${item.id}`}
      className={`list-item${active ? ' list-item-active' : ''}`}
      hoverClass="btn-hover"
      onClick={onPick}
    >
      <View className="row">
        <View className="grow item-title">{item.name}</View>
        <View id={`counsel-count-${item.id}`} className={full ? 'tag' : 'muted'}>
          已服务 {item.villages.length}/{max} 个村
        </View>
      </View>
      <View className="row">
        <View className="grow subtitle">{item.organization}</View>
        <View
          id={`counsel-profile-${item.id}`}
          className="tag tag-choice"
          onClick={(e) => {
            e.stopPropagation(); // opens the profile, does not pick the counsel
            onProfile();
          }}
        >
          更正资料
        </View>
      </View>
      {item.villages.length > 0 && <View className="muted">{item.villages.map((v) => v.name).join('、')}</View>}
      {over && (
        <View id={`counsel-over-${item.id}`} className="error">
          超出上限（{max} 个村），保留现有指派，不再新增
        </View>
      )}
    </View>
  );
}

export default function CountyAssign() {
  const router = useRouter();
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [counsel, setCounsel] = useState<CounselListItem[]>([]);
  const [max, setMax] = useState(5);
  const [selected, setSelected] = useState<CounselListItem | null>(null);
  const [active, setActive] = useState<Assignment[]>([]);
  const [q, setQ] = useState('');
  const [villages, setVillages] = useState<VillageSummary[] | null>(null);
  const [village, setVillage] = useState<VillageSummary | null>(null);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { fail } = action;

  const load = useCallback(
    async (code: string) => {
      try {
        const r = await call('countyCounsel', { params: { countyCode: code } });
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
    void load(code);
  }, [fail, load, router.params.countyCode]);

  function pick(item: CounselListItem) {
    setSelected(item);
    action.clear();
    if (countyCode) void loadAssignments(countyCode, item.id);
  }

  function search() {
    const text = q.trim();
    if (!text) {
      action.fail('请输入村（社区）名称');
      return;
    }
    call('searchVillages', { query: { q: text, countyCode: countyCode ?? undefined } })
      .then((r) => setVillages(r.items))
      .catch(action.fail);
  }

  async function refresh(counselId: string) {
    if (!countyCode) return;
    const items = await load(countyCode);
    setSelected(items.find((c) => c.id === counselId) ?? null);
    await loadAssignments(countyCode, counselId);
  }

  function assign() {
    if (!countyCode || !selected || !village) {
      action.fail('请先选择法律顾问和村（社区）');
      return;
    }
    void action.run(
      async () => {
        const a = await call('assignCounsel', {
          params: { countyCode },
          body: { counselId: selected.id, villageCode: village.code },
        });
        await refresh(selected.id);
        return a;
      },
      { ok: (a) => `已指派 ${a.counselName} 服务 ${a.villageName}` },
    );
  }

  function end(a: Assignment) {
    if (!countyCode) return;
    if (countChars(reason.trim()) < 2) {
      action.fail('请填写解除原因');
      return;
    }
    void action.run(
      async () => {
        await call('endAssignment', {
          params: { countyCode, assignmentId: a.id },
          body: { reason: reason.trim() },
        });
        setReason('');
        await refresh(a.counselId);
      },
      { ok: `已解除 ${a.counselName} 对 ${a.villageName} 的服务` },
    );
  }

  return (
    <Screen>
      <View className="card">
        <View className="title">法律顾问指派</View>
        <View className="subtitle">每名法律顾问最多服务 {max} 个村（社区）</View>
      </View>
      <Feedback of={action} />

      <View className="section-title">1. 选择法律顾问</View>
      {counsel.map((c) => (
        <CounselItem
          key={c.id}
          item={c}
          max={max}
          active={selected?.id === c.id}
          onPick={() => pick(c)}
          onProfile={() => countyCode && goto('counselProfile', { countyCode, counselId: c.id })}
        />
      ))}

      {selected && (
        <View id="selected-counsel">
          <View className="section-title">{selected.name} 当前服务的村</View>
          {active.length === 0 && <View className="muted">暂无</View>}
          {active.map((a) => (
            <View key={a.id} className="list-item row" id={`assignment-${a.id}`}>
              <View className="grow">{a.villageName}</View>
              <Button small light id={`end-${a.id}`} disabled={action.busy} onClick={() => end(a)}>
                解除
              </Button>
            </View>
          ))}
          {active.length > 0 && (
            <Input
              id="end-reason"
              className="input"
              value={reason}
              maxlength={inputMaxLength(200)}
              placeholder="解除原因（必填），如：工作调动"
              onInput={(e) => setReason(e.detail.value)}
            />
          )}

          <View className="section-title">2. 选择要指派的村（社区）</View>
          <Input
            id="village-query"
            className="input"
            value={q}
            placeholder="输入村（社区）名称"
            confirmType="search"
            onInput={(e) => setQ(e.detail.value)}
            onConfirm={search}
          />
          <Button light id="village-search" onClick={search}>
            搜索
          </Button>
          {villages && villages.length === 0 && <View className="muted">没有找到名称相符的村（社区）</View>}
          {villages?.map((v) => (
            <View
              key={v.code}
              id={`village-${v.code}`}
              className={`list-item${village?.code === v.code ? ' list-item-active' : ''}`}
              onClick={() => setVillage(v)}
            >
              <View>{v.name}</View>
              <View className="subtitle">{v.townshipName}</View>
            </View>
          ))}

          <Button id="assign-button" disabled={action.busy || !village} onClick={assign}>
            {village ? `指派 ${selected.name} 服务 ${village.name}` : '指派'}
          </Button>
        </View>
      )}
    </Screen>
  );
}
