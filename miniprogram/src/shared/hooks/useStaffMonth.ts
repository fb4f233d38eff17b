import { useState } from 'react';
import { beijingMonth } from '../time';
import { useLoad, type Load } from './useLoad';
import { useStaffPlace, type StaffPlace } from './useStaffPlace';

export interface StaffMonth<T> extends Load<T> {
  /** the place the page works on, once known */
  place: StaffPlace | null;
  /** YYYY-MM, this Beijing month at first */
  month: string;
  /** takes the picker's value (YYYY-MM or YYYY-MM-DD) and loads that month */
  pickMonth: (value: string) => void;
}

/**
 * A staff page that shows one place's figures for a month (a township's progress, a county's
 * compliance): the place from the session or the page query, a month picker, and the figures
 * loaded for both each time either changes.
 */
export function useStaffMonth<T>(
  role: 'county_staff' | 'township_staff',
  fetch: (code: string, month: string) => Promise<T>,
): StaffMonth<T> {
  const [place, setPlace] = useState<StaffPlace | null>(null);
  const [month, setMonth] = useState(() => beijingMonth());
  const figures = useLoad<T>();

  useStaffPlace(
    role,
    (found) => {
      setPlace(found);
      figures.load(() => fetch(found.code, month));
    },
    figures.fail,
  );

  function pickMonth(value: string) {
    const m = value.slice(0, 7);
    setMonth(m);
    if (place) figures.load(() => fetch(place.code, m));
  }

  return { ...figures, place, month, pickMonth };
}
