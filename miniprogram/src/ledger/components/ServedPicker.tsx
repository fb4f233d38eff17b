import { useEffect, useState } from 'react';
import { Picker, View } from '@tarojs/components';
import type { Resident } from '@vc/types';
import { call } from '../../shared/api';
import { useTranslation } from 'react-i18next';

/**
 * The villager a service was for (issue 16 item 5): picked from the village's residents (phones
 * masked), so they can rate it once. Optional: a lecture or a duty session names nobody.
 */
export function ServedPicker({
  villageCode,
  value,
  onChange,
}: {
  villageCode: string;
  value: string | null;
  onChange: (userId: string | null) => void;
}) {
  const { t } = useTranslation('ledger');
  const [residents, setResidents] = useState<Resident[]>([]);
  useEffect(() => {
    setResidents([]);
    if (!villageCode) return;
    call('listResidents', { params: { villageCode }, query: { status: 'confirmed' } })
      .then((r) => setResidents(r.items))
      // without the list the entry is still recorded, naming nobody
      .catch(() => setResidents([]));
  }, [villageCode]);
  const options = [t('served.none'), ...residents.map((r) => (r.phoneMasked ? `${r.name}（${r.phoneMasked}）` : r.name))];
  const index = Math.max(0, residents.findIndex((r) => r.userId === value) + 1);
  return (
    <Picker
      mode="selector"
      range={options}
      value={index}
      onChange={(e) => {
        const picked = residents[Number(e.detail.value) - 1];
        onChange(picked ? picked.userId : null);
      }}
    >
      <View className="input input-picker" id="entry-served">
        {options[index]}
      </View>
    </Picker>
  );
}
