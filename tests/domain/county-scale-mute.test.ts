/** Mutes with a duration (issue 14 item 5): the pure rule read at posting time, no timer job. */
import { canPost, muteEnd, mutedUntilShown, nameMatches, standingOf, statusAt } from '../../server/src/modules/groups/policy';

const now = new Date('2026-03-10T08:00:00Z');
const before = new Date(now.getTime() - 1);
const later = new Date(now.getTime() + 1);

describe('statusAt', () => {
  it('a mute whose end has passed reads as active, and its member may post', () => {
    expect(statusAt('muted', before, now)).toBe('active');
    expect(statusAt('muted', now, now)).toBe('active');
    expect(canPost(standingOf('automatic', statusAt('muted', before, now)))).toBe(true);
  });
  it('a mute still running, or without an end, holds', () => {
    expect(statusAt('muted', later, now)).toBe('muted');
    expect(statusAt('muted', null, now)).toBe('muted');
    expect(statusAt('muted', undefined, now)).toBe('muted');
    expect(canPost(standingOf('automatic', statusAt('muted', later, now)))).toBe(false);
  });
  it('leaves every other status as recorded, whatever end is stored', () => {
    for (const s of ['active', 'removed', 'pending', 'refused', 'left'] as const) expect(statusAt(s, before, now)).toBe(s);
    expect(statusAt(null, before, now)).toBeNull();
  });
});

describe('muteEnd and mutedUntilShown', () => {
  it('ends a mute whole days later; none without days', () => {
    expect(muteEnd(3, now)?.toISOString()).toBe('2026-03-13T08:00:00.000Z');
    expect(muteEnd(30, now)?.toISOString()).toBe('2026-04-09T08:00:00.000Z');
    expect(muteEnd(undefined, now)).toBeNull();
  });
  it('shows the end only while the mute holds', () => {
    expect(mutedUntilShown('muted', later, now)).toEqual(later);
    expect(mutedUntilShown('muted', before, now)).toBeNull();
    expect(mutedUntilShown('active', later, now)).toBeNull();
  });
});

describe('nameMatches', () => {
  it('matches a case-insensitive part of a name, literally', () => {
    expect(nameMatches('Anna Li', 'anna')).toBe(true);
    expect(nameMatches('王志强', '志')).toBe(true);
    expect(nameMatches('王志强', '.*')).toBe(false);
    expect(nameMatches('a.b', 'a.b')).toBe(true);
    expect(nameMatches('axb', 'a.b')).toBe(false);
    expect(nameMatches('任何人', undefined)).toBe(true);
  });
});
