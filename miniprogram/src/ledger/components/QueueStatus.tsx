import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '../../shared/components/Button';
import { useAction } from '../../shared/hooks/useAction';
import { clearDropped, dropped, flush, onQueueChange, queued, type DroppedEntry } from '../services/queue';
import { useTranslation } from 'react-i18next';

/**
 * "待同步 n 条" with a 立即同步 button, and the entries the server refused (dropped from the queue
 * with its message). Renders nothing when both are empty.
 */
export function QueueStatus({ onSynced }: { onSynced?: () => void }) {
  const [count, setCount] = useState(() => queued().length);
  const [refused, setRefused] = useState<DroppedEntry[]>(() => dropped());
  const { t } = useTranslation('ledger');
  const sync = useAction();
  // how the last 立即同步 went (sent, or why it stopped)
  const note = sync.ok || sync.error;

  useEffect(() => {
    const update = () => {
      setCount(queued().length);
      setRefused(dropped());
    };
    update();
    return onQueueChange(update);
  }, []);

  function syncNow() {
    void sync.run(
      async () => {
        const r = await flush();
        if (r.sent.length > 0 && onSynced) onSynced();
        return r;
      },
      {
        ok: (r) =>
          r.stalled
            ? t('queue.stalled', { message: r.stalledMessage || t('queue.networkFailed') })
            : r.sent.length > 0
              ? t('queue.synced', { n: r.sent.length })
              : null,
      },
    );
  }

  if (count === 0 && refused.length === 0 && !note) return null;
  return (
    <View className="card" id="queue-status">
      {count > 0 && (
        <View className="row">
          <View className="grow" id="queue-count">
            {t('queue.count', { n: count })}
          </View>
          <Button small light id="queue-sync" disabled={sync.busy} onClick={syncNow}>
            {t('queue.syncNow')}
          </Button>
        </View>
      )}
      {note && (
        <View className="muted" id="queue-note">
          {note}
        </View>
      )}
      {refused.length > 0 && (
        <View id="queue-dropped">
          {refused.map((d) => (
            <View key={d.body.clientKey} className="error" id={`dropped-${d.body.clientKey}`}>
              {t('queue.refused', { label: d.label, message: d.message })}
            </View>
          ))}
          <Button small light id="queue-dropped-clear" onClick={clearDropped}>
            {t('queue.gotIt')}
          </Button>
        </View>
      )}
    </View>
  );
}
