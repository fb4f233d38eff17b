import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { goto } from '../nav';
import { Button } from './Button';

/**
 * A visible error line inside a page (#error-message), for what the page could not load when the
 * rest of the page still stands (a panel of the home page). Failures of an action are a dialog
 * (Feedback.tsx); a page that has nothing to show without its data uses PageError.
 */
export function ErrorMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <View id="error-message" className="error">
      {message}
    </View>
  );
}

/** Back where the person came from; an address opened directly has no page behind it: home. */
function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => goto('index'));
  else goto('index');
}

/**
 * A page that could not load what it exists to show (not found, no right to see it, offline) says
 * why and leads on, back or home, rather than leaving a dead end (issue 14 item 1).
 */
export function PageError({ message }: { message: string | null }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <View className="card" id="page-error">
      <View id="error-message" className="error">
        {message}
      </View>
      <View className="row">
        <View className="grow gap-right">
          <Button light id="page-error-back" onClick={back}>
            {t('pageError.back')}
          </Button>
        </View>
        <View className="grow">
          <Button id="page-error-home" onClick={() => goto('index')}>
            {t('pageError.home')}
          </Button>
        </View>
      </View>
    </View>
  );
}
