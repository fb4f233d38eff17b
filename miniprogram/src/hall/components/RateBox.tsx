import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import type { Rating } from '@vc/types';
import { inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../../shared/components/Button';
import { ConsultStars } from '../../consult/components/ConsultStars';

type Scores = Record<'attitude' | 'efficiency' | 'competence', number>;
export const SCORE_ROWS: { key: keyof Scores; label: string }[] = [
  { key: 'attitude', label: '服务态度' },
  { key: 'efficiency', label: '办事效率' },
  { key: 'competence', label: '专业水平' },
];

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
  const [scores, setScores] = useState<Scores>({ attitude: 0, efficiency: 0, competence: 0 });
  const [comment, setComment] = useState('');
  function submit() {
    if (SCORE_ROWS.some((r) => !scores[r.key])) return onInvalid('请为服务态度、办事效率、专业水平分别打分');
    const body: Rating = { ...scores };
    if (comment.trim()) body.comment = comment.trim();
    onSubmit(body);
  }
  return (
    <View className="card" id={`${prefix}-box`}>
      <View className="section-title">评价本次服务</View>
      {SCORE_ROWS.map((r) => (
        <ConsultStars
          key={r.key}
          id={`${prefix}-${r.key}`}
          label={r.label}
          value={scores[r.key]}
          onChange={(n) => setScores((s) => ({ ...s, [r.key]: n }))}
        />
      ))}
      <Textarea
        id={`${prefix}-comment`}
        className="input textarea textarea-h100"
        value={comment}
        maxlength={inputMaxLength(500)}
        placeholder="意见或建议（可不填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      <Button id={`${prefix}-submit`} loading={busy} onClick={submit}>
        提交评价
      </Button>
    </View>
  );
}
