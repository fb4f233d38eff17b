import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Me } from '@vc/types';
import { DEFAULT_LANGUAGE, LANGUAGE_AUTONYMS, type Language } from '@vc/types/src/i18n/languages';
import { call } from '../../shared/api';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { switchLanguage } from '../../shared/i18n';
import { updateUser } from '../../shared/session';

/**
 * 语言 in 我的 (issue 17): the languages the person's county offers, each named in itself. The choice is
 * kept with the account (PUT /api/me) and on the phone, and every page redraws at once; the
 * translations' files are downloaded on the first choice (shared/i18n.ts).
 */
export function LanguageCard({ user }: { user: Me }) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const current = i18n.language as Language;

  function choose(language: Language) {
    if (language === current) return;
    void action.run(
      async () => {
        const me = await call('updateProfile', { body: { language } });
        await switchLanguage(language);
        updateUser(me);
      },
      { ok: () => t('language.saved') },
    );
  }

  return (
    <View className="card" id="language">
      <View className="section-title">{t('language.title')}</View>
      <View className="choice-row" role="radiogroup" aria-label={t('language.title')}>
        {(user.languages || [DEFAULT_LANGUAGE]).map((l) => (
          <View
            key={l}
            id={`language-${l}`}
            role="radio"
            aria-checked={l === current}
            className={`choice lang-${l}${l === current ? ' choice-on' : ''}`}
            onClick={() => choose(l)}
          >
            {LANGUAGE_AUTONYMS[l]}
          </View>
        ))}
      </View>
      <View className="subtitle">{t('language.hint')}</View>
      {current !== DEFAULT_LANGUAGE && <View className="subtitle muted">{t('language.draft')}</View>}
      <Feedback of={action} />
    </View>
  );
}
