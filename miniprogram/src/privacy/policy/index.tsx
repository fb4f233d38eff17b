import { useEffect } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { PrivacyPolicyReply } from '@vc/types';
import { call } from '../../shared/api';
import { PageError } from '../../shared/components/Message';
import { useLoad } from '../../shared/hooks/useLoad';
import { Screen } from '../../shared/components/Screen';

/**
 * The privacy policy in force, as the server gives it (its text lives once, in
 * types/src/privacy/policy.ts): open to anyone, from the login page and from 我的.
 */
export default function PrivacyPolicy() {
  const { t } = useTranslation('privacy');
  const policy = useLoad<PrivacyPolicyReply>();
  const { load } = policy;
  useEffect(() => load(() => call('privacyPolicy')), [load]);

  const p = policy.data;
  return (
    <Screen title={t('policy.title')}>
      <PageError message={policy.error} />
      {!p && !policy.error && <View className="muted">{t('loading')}</View>}
      {p && (
        <View>
          <View className="card">
            <View className="title" id="privacy-title">
              {p.title}
            </View>
            <View className="subtitle" id="privacy-version">
              {t('policy.version', { version: p.version })}
            </View>
          </View>
          {p.sections.map((section, i) => (
            <View className="card" key={section.title} id={`privacy-section-${i}`}>
              <View className="section-title">{section.title}</View>
              {section.paragraphs.map((text) => (
                <View key={text} className="list-line">
                  {text}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
