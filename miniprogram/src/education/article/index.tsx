import { useEffect, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Image, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { fillPath } from '@vc/types/src/paths';
import type { Article } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { newClientKey } from '../../shared/clientKey';
import { photoSourceAt } from '../../shared/photo-transfer';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { formatBeijing } from '../../shared/time';

/** The article's pictures, fetched with the session (an <Image src> cannot send it). */
function Photos({ article }: { article: Article }) {
  const { t } = useTranslation('feed');
  const [sources, setSources] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const photo of article.photos)
      photoSourceAt(fillPath(VC_ROUTES.articlePhoto.path, { articleId: article.id, photoId: photo.id }))
        .then((src) => setSources((s) => ({ ...s, [photo.id]: src })))
        .catch(() => undefined);
  }, [article.id, article.photos]);
  return (
    <View>
      {article.photos.map((p) => (
        <View key={p.id} className="my-xs">
          {sources[p.id] && <Image src={sources[p.id]!} mode="widthFix" style={{ width: '100%' }} />}
          {p.check !== 'pass' && <View className="muted">{t('article.photoPending')}</View>}
        </View>
      ))}
    </View>
  );
}

/**
 * 普法文章 (issue 17 item 2): the text, opened by anyone whose feed holds it (each person's first
 * open is counted by the server). The publisher and the staff above see how many people read it
 * and may withdraw it; a legal-literate resident of the village may share it to the village group.
 */
export default function ArticlePage() {
  const { t } = useTranslation('feed');
  const { t: label } = useTranslation('labels');
  const router = useRouter();
  const articleId = router.params.articleId ?? '';
  const [article, setArticle] = useState<Article | null>(null);
  const [reason, setReason] = useState('');
  const [shareKey] = useState(() => newClientKey('share'));
  const action = useAction();

  useDidShow(() => {
    if (!getSession()) {
      replaceWith('login');
      return;
    }
    call('article', { params: { articleId } }).then(setArticle).catch(action.fail);
  });

  function share() {
    void action.run(() => call('shareArticle', { params: { articleId }, body: { clientKey: shareKey } }), {
      ok: t('article.shared'),
    });
  }

  function withdraw() {
    if (Array.from(reason.trim()).length < 2) {
      action.fail(t('article.reasonMissing'));
      return;
    }
    void action.run(
      async () => setArticle(await call('withdrawArticle', { params: { articleId }, body: { reason: reason.trim() } })),
      {
        ok: t('article.withdrawn'),
        confirm: {
          title: t('article.withdrawConfirmTitle'),
          content: t('article.withdrawConfirm'),
          confirmText: t('article.withdraw'),
        },
      },
    );
  }

  return (
    <Screen id="education-article" title={article?.title ?? t('article.title')}>
      <Feedback of={action} />
      {article && (
        <View className="card">
          <View className="title" id="article-title">
            {article.title}
          </View>
          <View>
            <View className="tag">{label(`articleCategory.${article.category}`)}</View>
            <View className="tag">{article.scope.name}</View>
            {article.status === 'withdrawn' && <View className="tag">{t('item.withdrawn')}</View>}
          </View>
          <View className="muted">
            {t('item.by', { name: article.publisherName, when: formatBeijing(article.publishedAt, 'full') })}
          </View>
          {article.reads !== null && (
            <View className="bold mt-m" id="article-reads">
              {t('article.reads', { n: article.reads })}
            </View>
          )}
          <View className="mt-m article-text" id="article-text" style={{ whiteSpace: 'pre-wrap' }}>
            {article.text}
          </View>
          <Photos article={article} />
          {article.withdrawnAt && (
            <View className="muted" id="article-withdrawn">
              {t('article.withdrawnNote', {
                when: formatBeijing(article.withdrawnAt, 'full'),
                reason: article.withdrawReason ?? '',
              })}
            </View>
          )}
          {article.shareVillageCode && (
            <Button id="share-article" loading={action.busy} onClick={share}>
              {t('article.share')}
            </Button>
          )}
          {article.canWithdraw && (
            <View className="mt-m">
              <Textarea
                id="withdraw-reason"
                className="input textarea textarea-h100"
                value={reason}
                placeholder={t('article.withdrawReason')}
                maxlength={400}
                onInput={(e) => setReason(e.detail.value)}
              />
              <Button id="withdraw-article" light loading={action.busy} onClick={withdraw}>
                {t('article.withdraw')}
              </Button>
            </View>
          )}
        </View>
      )}
    </Screen>
  );
}
