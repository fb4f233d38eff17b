import { useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import {
  TEXT_SIZE_CHOICES,
  setTextSizeChoice,
  systemWantsLargeText,
  textSizeChoice,
  useLargeText,
  type TextSizeChoice,
} from '../../shared/textSize';

/**
 * 字体大小 in 我的: 跟随系统 (the default), 标准 or 大字; the choice is kept on the phone and every
 * page redraws at once (shared/textSize.ts).
 */
export function TextSizeCard() {
  const large = useLargeText();
  const [choice, setChoice] = useState<TextSizeChoice>(textSizeChoice);
  const [refused, setRefused] = useState(false);
  const { t } = useTranslation(['me', 'common']);

  function choose(c: TextSizeChoice) {
    setRefused(!setTextSizeChoice(c));
    setChoice(c);
  }

  const now = large ? t('common:textSize.large') : t('common:textSize.standard');
  return (
    <View className="card" id="text-size">
      <View className="section-title">{t('textSize.title')}</View>
      <View className="choice-row" role="radiogroup" aria-label={t('textSize.title')}>
        {TEXT_SIZE_CHOICES.map((c) => (
          <View
            key={c}
            id={`text-size-${c}`}
            role="radio"
            aria-checked={c === choice}
            className={c === choice ? 'choice choice-on' : 'choice'}
            onClick={() => choose(c)}
          >
            {t(`common:textSize.${c}`)}
          </View>
        ))}
      </View>
      <View className="subtitle" id="text-size-now">
        {choice === 'system'
          ? t('textSize.nowSystem', {
              now,
              system: systemWantsLargeText() ? t('common:textSize.large') : t('textSize.standardSize'),
            })
          : t('textSize.now', { now })}
      </View>
      {refused && <View className="error">{t('textSize.notKept')}</View>}
    </View>
  );
}
