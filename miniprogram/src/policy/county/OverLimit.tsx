import { View } from '@tarojs/components';
import type { CounselListItem, OverLimitCounsel } from '@vc/types';
import { Button } from '../../shared/components/Button';

/** What a lowered limit means for counsel over it (docs/domain.md R1), said the same way before and after saving. */
export const OVER_LIMIT_PLAN = '超出上限，保留现有指派，不再新增';

/** The counsel a new limit would leave over it, from the county's counsel list, most villages first. */
export function overLimitOf(counsel: readonly CounselListItem[], limit: number): OverLimitCounsel[] {
  return counsel
    .filter((c) => c.villages.length > limit)
    .map((c) => ({ counselId: c.id, name: c.name, villagesServed: c.villages.length, limit }))
    .sort((a, b) => b.villagesServed - a.villagesServed);
}

/**
 * Before saving a lowered limit that leaves counsel over it: who, what happens to them, and an
 * explicit confirmation (the server refuses the change without it, 409 COUNSEL_OVER_NEW_LIMIT).
 */
export function OverLimitWarning(props: {
  limit: number;
  counsel: readonly OverLimitCounsel[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { limit, counsel, busy, onConfirm, onCancel } = props;
  return (
    <View id="over-limit-warning" className="mt-l">
      <View className="error">
        将每名顾问最多服务村数改为 {limit} 个后，以下 {counsel.length} 名法律顾问现在服务的村（社区）超出上限。
      </View>
      {counsel.map((c) => (
        <View key={c.counselId} id={`over-warning-${c.counselId}`} className="list-item row">
          <View className="grow">{c.name}</View>
          <View className="tag">
            已服务 {c.villagesServed}/{limit} 个村
          </View>
        </View>
      ))}
      <View className="muted my-m">
        确认修改后：他们现有的指派全部保留，不会自动解除；在服务村数降到 {limit}{' '}
        个以内之前，不能再为他们新增指派。可在“法律顾问指派”中逐一调整。
      </View>
      <Button id="policy-confirm-over-limit" disabled={busy} onClick={onConfirm}>
        {busy ? '正在保存…' : '确认修改'}
      </Button>
      <Button light id="policy-cancel-over-limit" disabled={busy} onClick={onCancel}>
        取消，不修改上限
      </Button>
    </View>
  );
}

/** After saving (and whenever the page opens): the counsel over the limit in force, so staff can act. */
export function OverLimitList(props: { counsel: readonly OverLimitCounsel[]; onAssign: () => void }) {
  const { counsel, onAssign } = props;
  if (!counsel.length) return null;
  return (
    <View className="card" id="over-limit-list">
      <View className="section-title">超出服务村数上限的法律顾问（{counsel.length} 名）</View>
      {counsel.map((c) => (
        <View key={c.counselId} id={`over-limit-${c.counselId}`} className="list-item">
          <View className="row">
            <View className="grow">{c.name}</View>
            <View className="tag">
              已服务 {c.villagesServed}/{c.limit} 个村
            </View>
          </View>
          <View className="muted">{OVER_LIMIT_PLAN}</View>
        </View>
      ))}
      <Button light id="over-limit-assign" onClick={onAssign}>
        去调整指派
      </Button>
    </View>
  );
}
