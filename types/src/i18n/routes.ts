import { defineRoutes } from '../route';
import { EmptyQuery } from '../common';
import { LanguageParams, LanguageResources } from './schemas';

/**
 * The languages (issue 17). Chinese is bundled with the app; the other languages' files are
 * downloaded when a person chooses one, so the mini-program's main package does not grow per
 * language. Public: the login page may already be in the person's language.
 */
export const i18nRoutes = defineRoutes({
  languageResources: {
    method: 'get',
    path: '/api/i18n/:language',
    summary: '某种语言的界面文字（各命名空间的资源文件；缺少的词条用简体中文）',
    access: { kind: 'public' },
    params: LanguageParams,
    query: EmptyQuery,
    reply: LanguageResources,
  },
});
