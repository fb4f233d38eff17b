import { Picker, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import type { AssignmentVillage, CounselListItem } from '@vc/types';
import { useTranslation } from 'react-i18next';

/** The rows of the county assignment page (counsel/assign): a township picker, a counsel, a village. */

export interface Township {
  code: string;
  name: string;
}

/** A township picker: 全部乡镇 first; the value is a township code or ''. */
export function TownshipPicker(props: { id: string; townships: Township[]; value: string; onChange: (code: string) => void }) {
  const { id, townships, value, onChange } = props;
  const { t } = useTranslation('counsel');
  const names = [t('rows.allTownships'), ...townships.map((x) => x.name)];
  const index = Math.max(0, townships.findIndex((x) => x.code === value) + 1);
  return (
    <Picker
      mode="selector"
      range={names}
      value={index}
      onChange={(e) => onChange(townships[Number(e.detail.value) - 1]?.code ?? '')}
    >
      <View className="picker-line" id={id}>
        {t('rows.township', { name: names[index] })}
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
  const { t } = useTranslation('counsel');
  const count = item.villageCount ?? item.villages.length;
  const full = count >= max;
  // the county lowered its limit after they were assigned: nothing ends, nothing is added (county policy)
  const over = count > max;
  return (
    <View id={`counsel-item-${item.id}`} className="list-item" hoverClass="btn-hover" onClick={onPick}>
      <View className="row">
        <View className="grow item-title">{item.name}</View>
        <View id={`counsel-count-${item.id}`} className={full ? 'tag' : 'muted'}>
          {t('rows.served', { count, max })}
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
          {t('rows.correct')}
        </View>
      </View>
      {item.villages.length > 0 && (
        <View className="muted" id={`counsel-villages-${item.id}`}>
          {item.villages.map((v) => `${v.name}（${townshipName(v.townshipCode)}）`).join(t('enumSeparator'))}
        </View>
      )}
      {over && (
        <View id={`counsel-over-${item.id}`} className="error">
          {t('rows.over', { max })}
        </View>
      )}
    </View>
  );
}

export function VillageItem(props: { v: AssignmentVillage; active: boolean; onPick: () => void }) {
  const { v, active, onPick } = props;
  const { t } = useTranslation('counsel');
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
          {v.counsel.length ? t('rows.hasCounsel') : t('rows.noCounsel')}
        </Tag>
      </View>
      <View className="subtitle" id={`village-township-${v.code}`}>
        {v.townshipName} · {v.code}
      </View>
      <View className="muted" id={`village-counsel-${v.code}`}>
        {t('rows.counsel', {
          names: v.counsel.length ? v.counsel.map((c) => c.name).join(t('enumSeparator')) : t('rows.none'),
        })}
      </View>
    </View>
  );
}
