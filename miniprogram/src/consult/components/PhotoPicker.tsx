import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS, chooseQuestionPhotos } from '../services/photos';

/** Local photos chosen for a question: thumbnails with 删除, and 添加照片 up to the limit. */
export function PhotoPicker({ value, onChange }: { value: string[]; onChange: (paths: string[]) => void }) {
  const { t } = useTranslation('consult');
  const [refused, setRefused] = useState(false);
  // photos left out as too large, named as soon as they are chosen (not after 提交)
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  async function add() {
    const picked = await chooseQuestionPhotos(MAX_PHOTOS - value.length);
    setRefused(picked.refused);
    setTooLarge(picked.tooLarge);
    const paths = picked.photos.map((p) => p.path);
    if (paths.length) onChange([...value, ...paths].slice(0, MAX_PHOTOS));
  }
  return (
    <View>
      {refused && (
        <View id="photo-refused" className="muted mt-s">
          {t('photoPicker.refused')}
        </View>
      )}
      {tooLarge && (
        <View id="photo-too-large" className="error" role="alert">
          {tooLarge}
        </View>
      )}
      <View id="photo-picker" className="row wrap mt-s">
        {value.map((path, i) => (
          <View key={path} className="relative">
            <Image
              id={`photo-${i}`}
              src={path}
              mode="aspectFill"
              className="photo-tile"
              onClick={() => void Taro.previewImage({ urls: value, current: path })}
            />
            <View id={`photo-remove-${i}`} onClick={() => onChange(value.filter((p) => p !== path))} className="photo-remove">
              ×
            </View>
          </View>
        ))}
        {value.length < MAX_PHOTOS && (
          <View id="photo-add" className="photo-tile photo-add" onClick={() => void add()}>
            {t('photoPicker.add')}
          </View>
        )}
      </View>
    </View>
  );
}
