import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '@vc/types';
import { photoSource } from '../services/photos';

/**
 * The photos of a consultation, fetched with the session (only people who may see the consultation
 * get them). The asker also learns which of hers WeChat has not passed yet (审核中: nobody else sees
 * them) or has withdrawn.
 */
export function PhotoGallery({
  consultationId,
  photoIds,
  checks = [],
}: {
  consultationId: string;
  photoIds: string[];
  checks?: Consultation['photoChecks'];
}) {
  const { t } = useTranslation('consult');
  const [sources, setSources] = useState<(string | null)[]>([]);
  const [failed, setFailed] = useState(false);
  const key = photoIds.join(',');

  // keyed by the ids' text, not the array: a re-render with the same photos fetches nothing again
  useEffect(() => {
    let alive = true;
    const ids = key ? key.split(',') : [];
    // cannot reject: each photo's failure becomes null (shown as "部分照片加载失败")
    void Promise.all(ids.map((id) => photoSource(consultationId, id).catch(() => null))).then((list) => {
      if (!alive) return;
      setSources(list);
      setFailed(list.some((s) => s === null));
    });
    return () => {
      alive = false;
    };
  }, [consultationId, key]);

  if (photoIds.length === 0) return null;
  const shown = sources.filter((s): s is string => !!s);
  const pending = checks.filter((c) => c.check === 'pending').length;
  const withdrawn = checks.filter((c) => c.check === 'withdrawn').length;
  return (
    <View id="consult-photos" className="row wrap mt-s">
      {shown.map((src, i) => (
        <Image
          key={src}
          id={`consult-photo-${i}`}
          src={src}
          mode="aspectFill"
          className="photo-thumb"
          onClick={() => void Taro.previewImage({ urls: shown, current: src })}
        />
      ))}
      {pending > 0 && (
        <View className="muted full-width" id="consult-photos-pending">
          {t('gallery.pending', { n: pending })}
        </View>
      )}
      {withdrawn > 0 && (
        <View className="muted full-width warn-text" id="consult-photos-withdrawn">
          {t('gallery.withdrawn', { n: withdrawn })}
        </View>
      )}
      {failed && <View className="muted">{t('gallery.failed')}</View>}
      {sources.length === 0 && <View className="muted">{t('gallery.loading')}</View>}
    </View>
  );
}
