import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { Place } from '@vc/types';
import { useTranslation } from 'react-i18next';

interface Props {
  /** the places to choose from (a county's townships, a township's villages) */
  places: readonly Place[];
  selected: string | null;
  onPick: (place: Place) => void;
}

/** A list of places to tap (#invite-place-<code>), narrowed by name once it is long. */
export function PlacePicker({ places, selected, onPick }: Props) {
  const { t } = useTranslation('staff');
  const [filter, setFilter] = useState('');
  const text = filter.trim();
  const shown = text ? places.filter((p) => p.name.includes(text)) : places;
  return (
    <View id="invite-place">
      {places.length > 8 && (
        <Input
          id="invite-place-filter"
          className="input"
          value={filter}
          placeholder={t('picker.filter')}
          onInput={(e) => setFilter(e.detail.value)}
        />
      )}
      {shown.length === 0 && <View className="muted">{t('picker.none')}</View>}
      {shown.map((p) => (
        <View
          key={p.code}
          id={`invite-place-${p.code}`}
          className={`list-item place-option${selected === p.code ? ' list-item-active' : ''}`}
          hoverClass="btn-hover"
          onClick={() => onPick(p)}
        >
          {p.name}
        </View>
      ))}
    </View>
  );
}
