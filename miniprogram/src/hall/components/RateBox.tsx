import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Rating } from '@vc/types';
import { inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { ConsultStars } from '../../consult/components/ConsultStars';

type Scores = Record<'attitude' | 'efficiency' | 'competence', number>;
/** The three scores, in the order shown; each one's name is hall.json's rate.<key>. */
export const SCORE_KEYS: (keyof Scores)[] = ['attitude', 'efficiency', 'competence'];

/**
 * 评价本次服务 (服务一次、评价一次): three scores and a comment, for a finished case or a service
 * the counsel recorded with the villager named. `prefix` keeps ids apart when several are shown.
 */
export function RateBox({
  prefix = 'rate',
  busy,
  onSubmit,
  onInvalid,
}: {
  prefix?: string;
  busy: boolean;
  onSubmit: (body: Rating) => void;
  onInvalid: (message: string) => void;
}) {
  const { t } = useTranslation('hall');
  const [scores, setScores] = useState<Scores>({ attitude: 0, efficiency: 0, competence: 0 });
  const [comment, setComment] = useState('');
  function submit() {
    if (SCORE_KEYS.some((k) => !scores[k])) return onInvalid(t('rate.invalid'));
    const body: Rating = { ...scores };
    if (comment.trim()) body.comment = comment.trim();
    onSubmit(body);
  }
  return (
    <View className="card" id={`${prefix}-box`}>
      <View className="section-title">{t('rate.title')}</View>
      {SCORE_KEYS.map((k) => (
        <ConsultStars
          key={k}
          id={`${prefix}-${k}`}
          label={t(`rate.${k}`)}
          value={scores[k]}
          onChange={(n) => setScores((s) => ({ ...s, [k]: n }))}
        />
      ))}
      <Textarea
        id={`${prefix}-comment`}
        className="input textarea textarea-h100"
        value={comment}
        maxlength={inputMaxLength(500)}
        placeholder={t('rate.commentPlaceholder')}
        onInput={(e) => setComment(e.detail.value)}
      />
      <Button id={`${prefix}-submit`} loading={busy} onClick={submit}>
        {t('rate.submit')}
      </Button>
    </View>
  );
}
