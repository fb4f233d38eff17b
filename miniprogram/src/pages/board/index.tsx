import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/components/Button';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { BoardLoader } from '../components/BoardLoader';
import { Screen } from '../../shared/components/Screen';
import { LegalLiterateNames } from '../components/LegalLiterateNames';

/** The notice board of the village in `villageCode`, or of the user's own village. */
export default function Board() {
  const router = useRouter();
  const [code, setCode] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const { t } = useTranslation('board');

  useEffect(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const c = router.params.villageCode || session.user.village?.code || null;
    if (c) setCode(c);
    else setMissing(true);
  }, [router.params.villageCode]);

  return (
    <Screen title={t('title')}>
      {code && <BoardLoader villageCode={code} />}
      {code && <LegalLiterateNames villageCode={code} />}
      {missing && (
        <View className="card">
          <View>{t('notBound')}</View>
          <Button id="goto-bind" onClick={() => replaceWith('bind')}>
            {t('bind')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
