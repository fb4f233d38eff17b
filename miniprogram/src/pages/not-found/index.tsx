import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/components/Button';
import { goto } from '../../shared/nav';
import { Screen } from '../../shared/components/Screen';

/**
 * Where an address that does not exist lands (app.ts usePageNotFound: an old link, a mistyped
 * address on H5): it says so and leads home or to 办事, never a blank or the previous page.
 */
export default function NotFound() {
  const { t } = useTranslation('home');
  return (
    <Screen title={t('notFound.title')}>
      <View className="card" id="not-found">
        <View className="title">{t('notFound.title')}</View>
        <View>{t('notFound.text')}</View>
      </View>
      <Button id="not-found-home" onClick={() => goto('index')}>
        {t('notFound.home')}
      </Button>
      <Button light id="not-found-work" onClick={() => goto('work')}>
        {t('notFound.work')}
      </Button>
    </Screen>
  );
}
