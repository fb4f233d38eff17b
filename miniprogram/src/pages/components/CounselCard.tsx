import { Image, Text, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('board');
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
              {t('card.certificate', { number: counsel.certificateNumber })}
            </View>
          )}
        </View>
      </View>
      {counsel.specialties.length > 0 && (
        <View id={`counsel-specialties-${counsel.id}`} className="mt-m">
          <Text className="muted">{t('card.specialties')}</Text>
          {counsel.specialties.map((s) => (
            <Text key={s} className="tag">
              {s}
            </Text>
          ))}
        </View>
      )}
      {counsel.duties.length > 0 && (
        <View className="mt-m">
          <View className="muted">{t('card.duties')}</View>
          {counsel.duties.map((d, i) => (
            <View key={i}>· {d}</View>
          ))}
        </View>
      )}
      <View className="mt-m">
        <Text className="muted">{t('card.hours')}</Text>
        <Text id={`counsel-hours-${counsel.id}`}>{counsel.onSiteHours}</Text>
      </View>
      <View className="row mt-m">
        <View className="grow">
          <Text className="muted">{t('card.phone')}</Text>
          <Text id={`counsel-phone-${counsel.id}`} className="phone">
            {counsel.phoneMasked}
          </Text>
        </View>
        <Button id={`call-${counsel.id}`} small onClick={() => onCall(counsel)}>
          {t('card.call')}
        </Button>
      </View>
    </View>
  );
}
