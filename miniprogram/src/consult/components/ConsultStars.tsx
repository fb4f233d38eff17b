import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';

const STARS = [1, 2, 3, 4, 5];

/** One 1-5 star row (large tap targets); ids `${id}-1` … `${id}-5`. */
export function ConsultStars(props: { id: string; label: string; value: number; onChange?: (n: number) => void }) {
  const { id, label, value, onChange } = props;
  const { t } = useTranslation('consult');
  return (
    <View className="row stars" id={id}>
      <View className="stars-label">{label}</View>
      <View className="grow row">
        {STARS.map((n) => (
          <View
            key={n}
            id={`${id}-${n}`}
            role={onChange ? 'radio' : undefined}
            aria-checked={onChange ? n === value : undefined}
            aria-label={t('stars.points', { n })}
            className={n <= value ? 'star star-on' : 'star'}
            onClick={onChange ? () => onChange(n) : undefined}
          >
            ★
          </View>
        ))}
      </View>
      <View className="muted stars-value" id={`${id}-value`}>
        {value ? t('stars.points', { n: value }) : ''}
      </View>
    </View>
  );
}
