import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/api';

/** The village's legal-literate residents (法律明白人) on its notice board: names only, never phones (issue 17 item 3). */
export function LegalLiterateNames({ villageCode }: { villageCode: string }) {
  const { t } = useTranslation('roster');
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let alive = true;
    call('boardRoster', { params: { villageCode } })
      .then((reply) => alive && setNames(reply.names))
      .catch(() => alive && setNames(null));
    return () => {
      alive = false;
    };
  }, [villageCode]);
  if (!names) return null;
  return (
    <View className="card" id="legal-literate-names">
      <View className="section-title">{t('board.title')}</View>
      <View>{names.length ? names.join('、') : t('board.none')}</View>
    </View>
  );
}
