import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import {
  ARTICLE_CATEGORIES,
  ARTICLE_TEXT_LENGTH,
  ARTICLE_TITLE_LENGTH,
  countChars,
  inputMaxLength,
} from '@vc/types/src/constants';
import type { Place } from '@vc/types';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { newClientKey } from '../../shared/clientKey';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';

type Category = (typeof ARTICLE_CATEGORIES)[number];
interface ScopeChoice {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
}

/**
 * Where the person may publish (the server checks again): a counsel's villages (their grants are
 * the villages they serve now), a township office's township and its villages, a county office's
 * county and its townships.
 */
async function scopesOf(roles: readonly { role: string; placeCode: string; placeName: string }[]): Promise<ScopeChoice[]> {
  const found: ScopeChoice[] = [];
  const levelOf = (code: string): ScopeChoice['level'] =>
    code.length === 6 ? 'county' : code.length === 9 ? 'township' : 'village';
  for (const g of roles) {
    if (g.role === 'counsel' && g.placeCode.length === 12) found.push({ code: g.placeCode, name: g.placeName, level: 'village' });
    if ((g.role === 'township_staff' || g.role === 'county_staff') && g.placeCode.length >= 6) {
      found.push({ code: g.placeCode, name: g.placeName, level: levelOf(g.placeCode) });
      const reply = await call('placeChildren', { params: { code: g.placeCode } });
      found.push(...reply.children.map((c: Place) => ({ code: c.code, name: c.name, level: levelOf(c.code) })));
    }
  }
  return found.filter((s, i) => found.findIndex((o) => o.code === s.code) === i);
}

/** 发布普法文章 (issue 17 item 2): title, text, category and where it goes; the text passes WeChat's check on the server. */
export default function PublishPage() {
  const { t } = useTranslation('feed');
  const { t: label } = useTranslation('labels');
  const [scopes, setScopes] = useState<ScopeChoice[] | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [category, setCategory] = useState<Category>('other');
  const [scope, setScope] = useState<string | null>(null);
  const [clientKey, setClientKey] = useState(() => newClientKey('article'));
  const action = useAction();

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!scopes) scopesOf(session.user.roles).then(setScopes).catch(action.fail);
  });

  function publish() {
    if (countChars(title.trim()) < ARTICLE_TITLE_LENGTH.min)
      return action.fail(t('publish.titleShort', { n: ARTICLE_TITLE_LENGTH.min }));
    if (countChars(text.trim()) < ARTICLE_TEXT_LENGTH.min)
      return action.fail(t('publish.textShort', { n: ARTICLE_TEXT_LENGTH.min }));
    if (!scope) return action.fail(t('publish.noScope'));
    void action.run(
      async () => {
        const article = await call('publishArticle', {
          body: { clientKey, title: title.trim(), text: text.trim(), category, scopeCode: scope },
        });
        replaceWith('educationArticle', { articleId: article.id });
        // a next article gets its own key
        setClientKey(newClientKey('article'));
      },
      { toast: t('publish.done') },
    );
  }

  const scopeLabel = (s: ScopeChoice) => t(`publish.${s.level}`, { name: s.name });
  return (
    <Screen id="education-publish" title={t('publish.title')}>
      <View className="card">
        <View className="section-title">{t('publish.heading')}</View>
        <Input
          id="publish-title"
          className="input"
          value={title}
          maxlength={inputMaxLength(ARTICLE_TITLE_LENGTH.max)}
          placeholder={t('publish.headingPlaceholder')}
          onInput={(e) => setTitle(e.detail.value)}
        />
        <View className="section-title">{t('publish.text')}</View>
        <Textarea
          id="publish-text"
          className="input textarea textarea-h220"
          value={text}
          maxlength={inputMaxLength(ARTICLE_TEXT_LENGTH.max)}
          placeholder={t('publish.textPlaceholder', { min: ARTICLE_TEXT_LENGTH.min, max: ARTICLE_TEXT_LENGTH.max })}
          onInput={(e) => setText(e.detail.value)}
        />
        <View className="muted">{t('publish.count', { n: countChars(text.trim()), max: ARTICLE_TEXT_LENGTH.max })}</View>
        <View className="section-title">{t('publish.category')}</View>
        <View className="choice-row" role="radiogroup" aria-label={t('publish.category')}>
          {ARTICLE_CATEGORIES.map((c) => (
            <View
              key={c}
              id={`category-${c}`}
              role="radio"
              aria-checked={c === category}
              className={`choice${c === category ? ' choice-on' : ''}`}
              onClick={() => setCategory(c)}
            >
              {label(`articleCategory.${c}`)}
            </View>
          ))}
        </View>
        <View className="section-title">{t('publish.scope')}</View>
        <View className="subtitle">{t('publish.scopeHint')}</View>
        {scopes && scopes.length === 0 && <View className="muted">{t('publish.noScopes')}</View>}
        <View className="choice-row" role="radiogroup" aria-label={t('publish.scope')}>
          {scopes?.map((s) => (
            <View
              key={s.code}
              id={`scope-${s.code}`}
              role="radio"
              aria-checked={s.code === scope}
              className={`choice${s.code === scope ? ' choice-on' : ''}`}
              onClick={() => setScope(s.code)}
            >
              {scopeLabel(s)}
            </View>
          ))}
        </View>
        <Button id="publish-article" loading={action.busy} onClick={publish}>
          {t('publish.submit')}
        </Button>
      </View>
      <Feedback of={action} />
    </Screen>
  );
}
