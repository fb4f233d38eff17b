import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { casePhotoSource } from '../services/hall';

/** Photos of a case (its own or a step's), fetched with the session: only who may see the case gets them. */
export function CasePhotos({ id, caseId, photoIds }: { id: string; caseId: string; photoIds: string[] }) {
  const { t } = useTranslation('hall');
  const [sources, setSources] = useState<(string | null)[]>([]);
  const key = photoIds.join(',');

  // keyed by the ids' text: a re-render with the same photos fetches nothing again
  useEffect(() => {
    let alive = true;
    const ids = key ? key.split(',') : [];
    void Promise.all(ids.map((p) => casePhotoSource(caseId, p).catch(() => null))).then((list) => {
      if (alive) setSources(list);
    });
    return () => {
      alive = false;
    };
  }, [caseId, key]);

  if (photoIds.length === 0) return null;
  const shown = sources.filter((s): s is string => !!s);
  return (
    <View id={id} className="row wrap mt-s">
      {shown.map((src, i) => (
        <Image
          key={src}
          id={`${id}-${i}`}
          src={src}
          mode="aspectFill"
          className="photo-thumb"
          onClick={() => void Taro.previewImage({ urls: shown, current: src })}
        />
      ))}
      {sources.length > 0 && shown.length < sources.length && <View className="muted">{t('photos.someFailed')}</View>}
      {sources.length === 0 && <View className="muted">{t('photos.loading')}</View>}
    </View>
  );
}
