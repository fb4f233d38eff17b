import { View } from '@tarojs/components';

const STARS = [1, 2, 3, 4, 5];

/** One 1-5 star row (large tap targets); ids `${id}-1` … `${id}-5`. */
export function ConsultStars(props: { id: string; label: string; value: number; onChange?: (n: number) => void }) {
  const { id, label, value, onChange } = props;
  return (
    <View className="row" id={id} style={{ margin: '8px 0' }}>
      <View style={{ width: '72px' }}>{label}</View>
      <View className="grow row">
        {STARS.map((n) => (
          <View
            key={n}
            id={`${id}-${n}`}
            style={{
              fontSize: '24px',
              padding: '2px 4px',
              color: n <= value ? '#f5a623' : '#ccc',
            }}
            onClick={onChange ? () => onChange(n) : undefined}
          >
            ★
          </View>
        ))}
      </View>
      <View className="muted" id={`${id}-value`} style={{ width: '40px', textAlign: 'right' }}>
        {value ? `${value} 分` : ''}
      </View>
    </View>
  );
}
