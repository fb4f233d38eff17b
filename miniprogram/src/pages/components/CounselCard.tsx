import { Image, Text, View } from '@tarojs/components';
import type { CounselCard as Counsel } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { apiBase } from '../../shared/http';

interface Props {
  counsel: Counsel;
  onCall: (counsel: Counsel) => void;
}

/** The server names a photo by a path on its own origin; an <Image> in the weapp needs the full URL. */
const photoSource = (url: string) => (url.charAt(0) === '/' ? apiBase() + url : url);

export function CounselCard({ counsel, onCall }: Props) {
  const surname = counsel.name.slice(0, 1);
  return (
    <View id={`counsel-${counsel.id}`} className="card">
      <View className="row">
        {counsel.photoUrl ? (
          <Image id={`counsel-photo-${counsel.id}`} className="avatar" src={photoSource(counsel.photoUrl)} mode="aspectFill" />
        ) : (
          <View className="avatar">{surname}</View>
        )}
        <View className="grow">
          <View id={`counsel-name-${counsel.id}`} className="title">
            {counsel.name}
          </View>
          <View className="subtitle">{counsel.title}</View>
          <View className="subtitle">{counsel.organization}</View>
          {counsel.certificateNumber && (
            <View id={`counsel-certificate-${counsel.id}`} className="subtitle">
              执业证号：{counsel.certificateNumber}
            </View>
          )}
        </View>
      </View>
      {counsel.specialties.length > 0 && (
        <View id={`counsel-specialties-${counsel.id}`} className="mt-m">
          <Text className="muted">擅长领域：</Text>
          {counsel.specialties.map((s) => (
            <Text key={s} className="tag">
              {s}
            </Text>
          ))}
        </View>
      )}
      {counsel.duties.length > 0 && (
        <View className="mt-m">
          <View className="muted">工作职责</View>
          {counsel.duties.map((d, i) => (
            <View key={i}>· {d}</View>
          ))}
        </View>
      )}
      <View className="mt-m">
        <Text className="muted">驻村时间：</Text>
        <Text id={`counsel-hours-${counsel.id}`}>{counsel.onSiteHours}</Text>
      </View>
      <View className="row mt-m">
        <View className="grow">
          <Text className="muted">联系电话：</Text>
          <Text id={`counsel-phone-${counsel.id}`} className="phone">
            {counsel.phoneMasked}
          </Text>
        </View>
        <Button id={`call-${counsel.id}`} small onClick={() => onCall(counsel)}>
          拨打
        </Button>
      </View>
    </View>
  );
}
