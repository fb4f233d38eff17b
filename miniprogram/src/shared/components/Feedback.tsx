import { View } from '@tarojs/components';
import { Dialog, Toast } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/toast/style/css';
import { useTranslation } from 'react-i18next';
import type { Action } from '../hooks/useAction';

/**
 * What a page's action (shared/hooks/useAction.ts) tells the person, where they are looking whatever
 * the page's length (issue 14: a line at the top of a long page went unseen when the button was
 * further down):
 * - a success is a toast in the middle of the screen for 2 s (#ok-message);
 * - a failure is a dialog that stays until 知道了 is tapped (#error-message), so a message such as
 *   "网络连接失败 … 您填写的内容还在本页" is read, not missed;
 * - an action that cannot be undone asks first (#confirm-message, with 确定/取消 or its own words).
 * NutUI React Taro's Toast and Dialog draw the same in weapp and H5. The tick is drawn in CSS (app.css): NutUI's
 * icon components draw <i> elements, which weapp renders only with @tarojs/plugin-html.
 */
export function Feedback({ of }: { of: Pick<Action, 'error' | 'ok' | 'clear' | 'clearOk' | 'asking' | 'answer'> }) {
  const { error, ok, clear, clearOk, asking, answer } = of;
  const { t } = useTranslation();
  return (
    <>
      <Toast
        id="ok-message"
        visible={!!ok}
        content={ok || ''}
        icon={<View className="toast-tick" />}
        duration={2}
        onClose={clearOk}
      />
      {/* mounted only while shown: a hidden NutUI Dialog keeps its buttons in the page */}
      {error && (
        <Dialog
          visible
          title={t('feedback.errorTitle')}
          content={<View id="error-message">{error}</View>}
          confirmText={t('feedback.gotIt')}
          hideCancelButton
          closeOnOverlayClick={false}
          onConfirm={clear}
          onClose={clear}
        />
      )}
      {asking && (
        <Dialog
          visible
          title={asking.title}
          content={<View id="confirm-message">{asking.content}</View>}
          confirmText={asking.confirmText || t('feedback.confirm')}
          cancelText={t('feedback.cancel')}
          closeOnOverlayClick={false}
          onConfirm={() => answer(true)}
          onCancel={() => answer(false)}
          onClose={() => undefined}
        />
      )}
    </>
  );
}
