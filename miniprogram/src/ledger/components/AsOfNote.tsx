import { View } from '@tarojs/components';
import { asOfText } from '../services/format';

/**
 * Up to when a compliance report counts (docs/domain.md R2): service before the month's end (or
 * now, for the running month); the quarter and the year never count later months. Reviews and
 * late entries of the month still change it; a locked month's archive is its export.
 */
export function AsOfNote({ asOf }: { asOf: string | null | undefined }) {
  const text = asOfText(asOf);
  if (!text) return null;
  return (
    <View className="muted" id="report-as-of">
      {text}；本季度、本年度只计到该月末为止的服务。该月之后审核通过或补登的记录仍会计入；已锁定月份的归档以导出的台账为准。
    </View>
  );
}
