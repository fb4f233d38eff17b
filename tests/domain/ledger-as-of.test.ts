/**
 * How the mini-program words up to when a compliance report counts (ComplianceReply.asOf,
 * docs/domain.md R2): a past month ends at 24:00 on its last day, the running one at the request.
 */
import { asOfText } from '../../miniprogram/src/ledger/services/format';

describe('up to when a report counts, in words', () => {
  it('shows the end of a past month as 24:00 on its last day, Beijing time', () => {
    expect(asOfText('2026-11-30T16:00:00.000Z')).toBe('统计截至 2026-11-30 24:00（北京时间）');
    expect(asOfText('2026-12-31T16:00:00.000Z')).toBe('统计截至 2026-12-31 24:00（北京时间）');
    expect(asOfText('2027-02-28T16:00:00.000Z')).toBe('统计截至 2027-02-28 24:00（北京时间）');
  });

  it('shows the moment of the request while the month runs', () => {
    expect(asOfText('2026-12-02T07:58:41.123Z')).toBe('统计截至 2026-12-02 15:58（北京时间，本月尚未结束）');
  });

  it('shows nothing without a cut-off', () => {
    expect(asOfText(undefined)).toBe('');
    expect(asOfText('not a date')).toBe('');
  });
});
