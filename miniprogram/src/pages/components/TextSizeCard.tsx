import { useState } from 'react';
import { View } from '@tarojs/components';
import {
  TEXT_SIZE_CHOICES,
  TEXT_SIZE_LABELS,
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

  function choose(c: TextSizeChoice) {
    setRefused(!setTextSizeChoice(c));
    setChoice(c);
  }

  const now = large ? '大字' : '标准';
  return (
    <View className="card" id="text-size">
      <View className="section-title">字体大小</View>
      <View className="choice-row" role="radiogroup" aria-label="字体大小">
        {TEXT_SIZE_CHOICES.map((c) => (
          <View
            key={c}
            id={`text-size-${c}`}
            role="radio"
            aria-checked={c === choice}
            className={c === choice ? 'choice choice-on' : 'choice'}
            onClick={() => choose(c)}
          >
            {TEXT_SIZE_LABELS[c]}
          </View>
        ))}
      </View>
      <View className="subtitle" id="text-size-now">
        现在显示：{now}
        {choice === 'system' ? `（手机设置为${systemWantsLargeText() ? '大字' : '标准字号'}）` : ''}
      </View>
      {refused && <View className="error">手机存储空间不足，这次设置在下次打开时不会保留</View>}
    </View>
  );
}
