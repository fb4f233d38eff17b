import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import './list-tools.css';

/**
 * Small pieces for lists at county scale (issue 14 item 5): a search box with its button, a row of
 * filter chips and a "more" line, so a page shows a page of results rather than every row at once.
 */
export function SearchBox(props: {
  id: string;
  buttonId: string;
  value: string;
  placeholder: string;
  onInput: (value: string) => void;
  onSearch: () => void;
}) {
  const { id, buttonId, value, placeholder, onInput, onSearch } = props;
  const { t } = useTranslation();
  return (
    <View className="search-box">
      <Input
        id={id}
        className="input search-box-input"
        value={value}
        maxlength={30}
        placeholder={placeholder}
        confirmType="search"
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={onSearch}
      />
      <View id={buttonId} className="btn btn-small search-box-button" hoverClass="btn-hover" onClick={onSearch}>
        {t('list.search')}
      </View>
    </View>
  );
}

export interface Chip<T extends string> {
  value: T;
  label: string;
}

/** One choice among a few: the chosen chip is filled; ids are `${id}-${value}`. */
export function FilterChips<T extends string>(props: { id: string; chips: Chip<T>[]; value: T; onChange: (value: T) => void }) {
  const { id, chips, value, onChange } = props;
  return (
    <View className="chips" id={id}>
      {chips.map((c) => (
        <View
          key={c.value}
          id={`${id}-${c.value || 'all'}`}
          className={`chip${c.value === value ? ' chip-on' : ''}`}
          hoverClass="btn-hover"
          onClick={() => onChange(c.value)}
        >
          {c.label}
        </View>
      ))}
    </View>
  );
}

/** How many of the matching rows are shown, and a button for the next page while there is one. */
export function MoreLine(props: { id: string; shown: number; total: number; onMore: () => void; busy?: boolean }) {
  const { id, shown, total, onMore, busy } = props;
  const { t } = useTranslation();
  return (
    <View className="more-line">
      <View className="muted" id={`${id}-count`}>
        {t('list.count', { shown: Math.min(shown, total), total })}
      </View>
      {shown < total && (
        <View
          id={id}
          className={busy ? 'btn btn-light btn-small btn-busy' : 'btn btn-light btn-small'}
          hoverClass="btn-hover"
          onClick={() => {
            if (!busy) onMore();
          }}
        >
          {t('list.more')}
        </View>
      )}
    </View>
  );
}
