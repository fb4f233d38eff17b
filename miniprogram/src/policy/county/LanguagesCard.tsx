import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CountyPolicy, CountyPolicyReply } from '@vc/types';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_AUTONYMS } from '@vc/types/src/i18n/languages';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';

type Translation = CountyPolicy['languagesOff'][number];
const TRANSLATIONS = LANGUAGES.filter((l): l is Translation => l !== DEFAULT_LANGUAGE);

/**
 * The county's languages (issue 17): each translation on or off, saved at once. Chinese is always
 * on. Switching one off takes it from the choices of everyone in the county; those who had chosen
 * it read Chinese (the server answers GET /api/me so).
 */
export function LanguagesCard({
  countyCode,
  languagesOff,
  onSaved,
}: {
  countyCode: string;
  languagesOff: readonly Translation[];
  onSaved: (policy: CountyPolicyReply) => void;
}) {
  const { t } = useTranslation('policy');
  const action = useAction();

  function toggle(language: Translation) {
    const off = languagesOff.includes(language) ? languagesOff.filter((l) => l !== language) : [...languagesOff, language];
    void action.run(
      async () => {
        const saved = await call('updateCountyPolicy', { params: { countyCode }, body: { languagesOff: off } });
        onSaved(saved);
      },
      { ok: () => t('languages.saved') },
    );
  }

  return (
    <View className="card" id="policy-languages">
      <View className="section-title">{t('languages.title')}</View>
      <View className="muted mb-m">{t('languages.hint')}</View>
      {TRANSLATIONS.map((l) => {
        const on = !languagesOff.includes(l);
        return (
          <View key={l} className="list-line" id={`policy-language-${l}`}>
            <View>
              <View className={`lang-${l}`}>{LANGUAGE_AUTONYMS[l]}</View>
              <View className="muted">
                {t(`languages.names.${l}`)} · {on ? t('languages.on') : t('languages.off')}
              </View>
            </View>
            <Button light id={`policy-language-${l}-toggle`} loading={action.busy} onClick={() => toggle(l)}>
              {on ? t('languages.turnOff') : t('languages.turnOn')}
            </Button>
          </View>
        );
      })}
      <Feedback of={action} />
    </View>
  );
}
