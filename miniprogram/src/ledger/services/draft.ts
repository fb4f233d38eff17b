/**
 * The entry form's draft and the check-in/check-out timer, both kept in storage so they survive
 * closing the app. The draft carries the entry's clientKey once made, so every resend of the
 * same entry uses the same key.
 */
import Taro from '@tarojs/taro';
import type { LedgerEntry, LedgerKind, LedgerMode } from '@vc/types';
import { isPrivacyRefusal } from '../../shared/privacy';
import { readObject, writeStored } from '../../shared/storage';
import { beijingDate, beijingTime } from '../../shared/time';

export const DRAFT_KEY = 'vc.ledgerDraft';
export const TIMER_KEY = 'vc.ledgerTimer';
/** how long a check-in waits for its position (WeChat holds getLocation while the privacy pop-up is open) */
const LOCATION_WAIT_MS = 120000;

export interface Location {
  latitude: number;
  longitude: number;
  accuracy?: number;
}

export interface Draft {
  clientKey: string | null;
  villageCode: string;
  kind: LedgerKind;
  mode: LedgerMode;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  attendees: string;
  summary: string;
  lateReason: string;
  viaTimer: boolean;
  location: Location | null;
  correctsEntryId: string | null;
  /** the villager served (a resident of the village), who may then rate it; absent in drafts saved before */
  servedUserId?: string | null;
}

export interface Timer {
  villageCode: string;
  startAt: string;
  location: Location | null;
}

export function emptyDraft(villageCode = ''): Draft {
  const now = new Date();
  const start = new Date(now.getTime() - 2 * 60 * 60 * 1000);
  return {
    clientKey: null,
    villageCode,
    kind: 'on_site_duty',
    mode: 'on_site',
    startDate: beijingDate(start),
    startTime: beijingTime(start),
    endDate: beijingDate(now),
    endTime: beijingTime(now),
    attendees: '',
    summary: '',
    lateReason: '',
    viaTimer: false,
    location: null,
    correctsEntryId: null,
    servedUserId: null,
  };
}

export function loadDraft(): Draft | null {
  return readObject<Draft>(DRAFT_KEY);
}

/** Kept on every edit; storage full: the form still holds it until the page closes. */
export function saveDraft(d: Draft): void {
  writeStored(DRAFT_KEY, d);
}

export function clearDraft(): void {
  writeStored(DRAFT_KEY, null);
}

/** A new draft that corrects `e` (a new, linked entry: R4), prefilled with its fields. */
export function draftCorrecting(e: LedgerEntry): Draft {
  const s = new Date(e.startAt);
  const t = new Date(e.endAt);
  return {
    clientKey: null,
    villageCode: e.villageCode,
    kind: e.kind,
    mode: e.mode,
    startDate: beijingDate(s),
    startTime: beijingTime(s),
    endDate: beijingDate(t),
    endTime: beijingTime(t),
    attendees: e.attendees === null ? '' : String(e.attendees),
    summary: e.summary,
    lateReason: '',
    viaTimer: false,
    location: null,
    correctsEntryId: e.id,
  };
}

export function loadTimer(): Timer | null {
  const t = readObject<Timer>(TIMER_KEY);
  return t && t.startAt ? t : null;
}

export function saveTimer(t: Timer): void {
  writeStored(TIMER_KEY, t);
}

export function clearTimer(): void {
  writeStored(TIMER_KEY, null);
}

/**
 * The phone's position, or null (unavailable, or no answer in time), and whether the person
 * refused WeChat's privacy guide for it (then the pop-up asks again next time). The wait is long
 * because WeChat holds getLocation while our privacy pop-up is open, until the person decides.
 */
export function currentLocation(): Promise<{ location: Location | null; refused: boolean }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ location: null, refused: false }), LOCATION_WAIT_MS);
    const done = (location: Location | null, refused = false) => {
      clearTimeout(timer);
      resolve({ location, refused });
    };
    try {
      if (typeof Taro.getLocation !== 'function') {
        done(null);
        return;
      }
      Taro.getLocation({ type: 'gcj02' })
        .then((r) =>
          done({
            latitude: r.latitude,
            longitude: r.longitude,
            ...(typeof r.accuracy === 'number' && r.accuracy >= 0 ? { accuracy: Math.min(r.accuracy, 100000) } : {}),
          }),
        )
        .catch((e: unknown) => done(null, isPrivacyRefusal(e)));
    } catch {
      done(null);
    }
  });
}
