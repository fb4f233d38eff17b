import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS, chooseCasePhotos } from '../services/hall';

/**
 * Local photos of documents chosen for an application or a supply: thumbnails with ×, and
 * + 照片 up to the limit (compressed on the phone by shared/photos.ts, as consult's picker).
 */
export function DocPhotoPicker({ id, value, onChange }: { id: string; value: string[]; onChange: (paths: string[]) => void }) {
  const { t } = useTranslation('hall');
  const [refused, setRefused] = useState(false);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  async function add() {
    const picked = await chooseCasePhotos(MAX_PHOTOS - value.length);
    setRefused(picked.refused);
    setTooLarge(picked.tooLarge);
    const paths = picked.photos.map((p) => p.path);
    if (paths.length) onChange([...value, ...paths].slice(0, MAX_PHOTOS));
  }
  return (
    <View>
      {refused && (
        <View id={`${id}-refused`} className="muted mt-s">
          {t('photos.refused')}
        </View>
      )}
      {tooLarge && (
        <View id={`${id}-too-large`} className="error" role="alert">
          {tooLarge}
        </View>
      )}
      <View id={id} className="row wrap mt-s">
        {value.map((path, i) => (
          <View key={path} className="relative">
            <Image
              id={`${id}-${i}`}
              src={path}
              mode="aspectFill"
              className="photo-tile"
              onClick={() => void Taro.previewImage({ urls: value, current: path })}
            />
            <View id={`${id}-remove-${i}`} onClick={() => onChange(value.filter((p) => p !== path))} className="photo-remove">
              ×
            </View>
          </View>
        ))}
        {value.length < MAX_PHOTOS && (
          <View id={`${id}-add`} className="photo-tile photo-add" onClick={() => void add()}>
            {t('photos.add')}
          </View>
        )}
      </View>
    </View>
  );
}
