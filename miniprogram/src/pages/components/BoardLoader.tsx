import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { NoticeBoard } from '@vc/types';
import { call } from '../../shared/api';
import { messageOf } from '../../shared/http';
import { ErrorMessage } from '../../shared/components/Message';
import { NoticeBoardView } from './NoticeBoardView';

/** Loads and shows the notice board of one village. */
export function BoardLoader({ villageCode }: { villageCode: string }) {
  const [board, setBoard] = useState<NoticeBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation('board');

  useEffect(() => {
    let alive = true;
    setBoard(null);
    setError(null);
    call('noticeBoard', { params: { villageCode } })
      .then((b) => alive && setBoard(b))
      .catch((e) => alive && setError(messageOf(e)));
    return () => {
      alive = false;
    };
  }, [villageCode]);

  if (error) return <ErrorMessage message={error} />;
  if (!board)
    return (
      <View className="muted" id="loading">
        {t('loading')}
      </View>
    );
  return <NoticeBoardView board={board} />;
}
