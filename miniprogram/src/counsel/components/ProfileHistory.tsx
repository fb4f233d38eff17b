import { View } from '@tarojs/components';
import type { CounselProfileChange } from '@vc/types';
import { formatBeijing } from '../../shared/time';

const VIA: Record<CounselProfileChange['via'], string> = { edit: '修改资料', photo: '更换照片', wechat_phone: '微信验证手机号' };

/** Every recorded change of a profile, newest first: who, when, each field before → after. */
export function ProfileHistory({ items }: { items: CounselProfileChange[] }) {
  if (items.length === 0) return <View className="muted">暂无修改记录</View>;
  return (
    <View id="profile-history">
      {items.map((c, i) => (
        <View key={`${c.at}-${i}`} id={`profile-change-${i}`} className="list-item">
          <View className="row">
            <View className="grow">
              {c.byName}
              {c.by === 'county' ? '（县司法局）' : '（本人）'} · {VIA[c.via]}
            </View>
            <View className="muted">{formatBeijing(c.at, 'full')}</View>
          </View>
          {c.changes.map((f) => (
            <View key={f.field} className="subtitle">
              {f.label}：{f.before} → {f.after}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
