import { Picker, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import type { AssignmentVillage, CounselListItem } from '@vc/types';

/** The rows of the county assignment page (counsel/assign): a township picker, a counsel, a village. */

export interface Township {
  code: string;
  name: string;
}

/** A township picker: 全部乡镇 first; the value is a township code or ''. */
export function TownshipPicker(props: { id: string; townships: Township[]; value: string; onChange: (code: string) => void }) {
  const { id, townships, value, onChange } = props;
  const names = ['全部乡镇（街道）', ...townships.map((t) => t.name)];
  const index = Math.max(0, townships.findIndex((t) => t.code === value) + 1);
  return (
    <Picker
      mode="selector"
      range={names}
      value={index}
      onChange={(e) => onChange(townships[Number(e.detail.value) - 1]?.code ?? '')}
    >
      <View className="picker-line" id={id}>
        乡镇：{names[index]} ▾
      </View>
    </Picker>
  );
}

export function CounselItem(props: {
  item: CounselListItem;
  max: number;
  townshipName: (code: string | undefined) => string;
  onPick: () => void;
  onProfile: () => void;
}) {
  const { item, max, townshipName, onPick, onProfile } = props;
  const count = item.villageCount ?? item.villages.length;
  const full = count >= max;
  // the county lowered its limit after they were assigned: nothing ends, nothing is added (county policy)
  const over = count > max;
  return (
    <View id={`counsel-item-${item.id}`} className="list-item" hoverClass="btn-hover" onClick={onPick}>
      <View className="row">
        <View className="grow item-title">{item.name}</View>
        <View id={`counsel-count-${item.id}`} className={full ? 'tag' : 'muted'}>
          已服务 {count}/{max} 个村
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
      {item.villages.length > 0 && (
        <View className="muted" id={`counsel-villages-${item.id}`}>
          {item.villages.map((v) => `${v.name}（${townshipName(v.townshipCode)}）`).join('、')}
        </View>
      )}
      {over && (
        <View id={`counsel-over-${item.id}`} className="error">
          超出上限（{max} 个村），保留现有指派，不再新增
        </View>
      )}
    </View>
  );
}

export function VillageItem(props: { v: AssignmentVillage; active: boolean; onPick: () => void }) {
  const { v, active, onPick } = props;
  return (
    <View
      id={`village-${v.code}`}
      className={`list-item${active ? ' list-item-active' : ''}`}
      hoverClass="btn-hover"
      onClick={onPick}
    >
      <View className="row">
        <View className="grow bold">{v.name}</View>
        <Tag className="village-tag" type={v.counsel.length ? 'warning' : 'success'} plain>
          {v.counsel.length ? '已有顾问' : '暂无顾问'}
        </Tag>
      </View>
      <View className="subtitle" id={`village-township-${v.code}`}>
        {v.townshipName} · {v.code}
      </View>
      <View className="muted" id={`village-counsel-${v.code}`}>
        法律顾问：{v.counsel.length ? v.counsel.map((c) => c.name).join('、') : '暂无'}
      </View>
    </View>
  );
}
