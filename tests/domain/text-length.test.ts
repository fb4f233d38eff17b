/**
 * Text length limits count Unicode code points, everywhere (issue 15, item 5): in the contracts,
 * in the OpenAPI document (JSON Schema's minLength/maxLength are code points) and where the server
 * and the mini-program count (countChars). 𠀀 (U+20000), a rare CJK character used in names, is one
 * code point and two UTF-16 units.
 */
import type { z } from 'zod';
import { countChars, inputMaxLength } from '../../types/src/constants';
import { AskBody, PostGroupMessageBody, ROUTES, UpdateProfileBody, WebLoginStartBody, type RouteContract } from '../../types/src';
import { text } from '../../types/src/text';
import { buildOpenApiDocument } from '../../types/src/openapi';

const ASTRAL = '𠀀';
const astral = (n: number) => ASTRAL.repeat(n);
const bmp = (n: number) => '王'.repeat(n);

describe('countChars', () => {
  it('counts code points: a character outside the BMP is one, though JavaScript counts two units', () => {
    expect(ASTRAL.length).toBe(2);
    expect(countChars(ASTRAL)).toBe(1);
    expect(countChars(`${astral(11)}abc王`)).toBe(15);
    expect(countChars('')).toBe(0);
  });

  it('counts code points, not grapheme clusters (what JSON Schema counts)', () => {
    // e + combining acute accent: one grapheme, two code points
    expect(countChars('e\u0301')).toBe(2);
    // a family emoji: one grapheme, five code points (three people, two joiners)
    expect(countChars('👨‍👩‍👧')).toBe(5);
  });

  it('an input box (which counts UTF-16 units) never cuts a text the limit allows', () => {
    expect(astral(20).length).toBeLessThanOrEqual(inputMaxLength(20));
  });
});

describe('a name of 11 astral characters within a 20-character limit (the profile name)', () => {
  const name = (value: string) => UpdateProfileBody.safeParse({ name: value });

  it('is accepted, and so is one of exactly 20', () => {
    expect(name(astral(11)).success).toBe(true);
    expect(name(astral(20)).success).toBe(true);
    expect(name(`  ${astral(20)}  `).success).toBe(true);
  });

  it('21 characters are refused in Chinese, astral or not', () => {
    for (const value of [bmp(21), astral(21)]) {
      const result = name(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['name'], code: 'too_big', message: '姓名过长' })]);
    }
  });

  it('an empty name (after trimming) is refused', () => {
    expect(name('   ').error!.issues[0]!.message).toBe('姓名不能为空');
  });
});

describe('other limits count the same way', () => {
  it('a question of the minimum length in astral characters is accepted; one fewer is refused', () => {
    expect(AskBody.safeParse({ clientKey: 'abcdefgh', question: astral(5) }).success).toBe(true);
    expect(AskBody.safeParse({ clientKey: 'abcdefgh', question: astral(4) }).error!.issues[0]!.message).toBe(
      '请把问题写清楚（至少5个字）',
    );
  });

  it('a group post of 1000 astral characters is accepted, 1001 refused', () => {
    expect(PostGroupMessageBody.safeParse({ clientKey: 'abcdefgh', text: astral(1000) }).success).toBe(true);
    expect(PostGroupMessageBody.safeParse({ clientKey: 'abcdefgh', text: astral(1001) }).success).toBe(false);
  });

  it('a limit without its own message refuses in Chinese', () => {
    const note = text({ min: 2, max: 5 });
    expect(note.safeParse(astral(6)).error!.issues[0]!.message).toBe('不能超过5个字');
    expect(note.safeParse(astral(1)).error!.issues[0]!.message).toBe('至少2个字');
  });

  it('a limited field keeps its other checks (the web login address)', () => {
    const uri = (redirectUri: string) => WebLoginStartBody.safeParse({ redirectUri });
    expect(uri('https://h5.example.cn/').success).toBe(true);
    expect(uri('ftp://h5.example.cn/').success).toBe(false);
    expect(uri(`https://h5.example.cn/${'a'.repeat(512)}`).error!.issues[0]!.message).toBe('回调地址过长');
  });
});

describe('the OpenAPI document states the same limits', () => {
  const doc = buildOpenApiDocument() as unknown as {
    components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    paths: Record<string, Record<string, { parameters?: { name: string; schema: Record<string, unknown> }[] }>>;
  };
  const property = (component: string, field: string) => doc.components.schemas[component]!.properties[field]!;

  it('maxLength and minLength equal the limits checked', () => {
    expect(property('UpdateProfileBody', 'name')).toMatchObject({ type: 'string', minLength: 1, maxLength: 20 });
    expect(property('AskBody', 'question')).toMatchObject({ minLength: 5, maxLength: 2000 });
    expect(property('PostGroupMessageBody', 'text')).toMatchObject({ minLength: 1, maxLength: 1000 });
    expect(property('WebLoginStartBody', 'redirectUri')).toMatchObject({ format: 'uri', maxLength: 512 });
    expect(property('CreateInvitationBody', 'note')).toEqual({ type: 'string', maxLength: 50 });
  });

  it('a query parameter too (village search)', () => {
    const q = doc.paths['/api/places/villages']!.get!.parameters!.find((p) => p.name === 'q')!;
    expect(q.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 30 });
  });
});

/** Every zod schema inside a schema (objects, arrays, unions, wrappers). */
function* schemasIn(schema: z.ZodTypeAny | undefined, seen = new Set<unknown>()): Generator<z.ZodTypeAny> {
  if (!schema || seen.has(schema)) return;
  seen.add(schema);
  yield schema;
  const def = (schema as unknown as { _def: Record<string, unknown> })._def;
  const children: unknown[] = [
    def.innerType,
    def.schema,
    def.type,
    def.valueType,
    def.left,
    def.right,
    def.in,
    def.out,
    ...(def.typeName === 'ZodObject' ? Object.values((schema as z.AnyZodObject).shape) : []),
    ...(def.options instanceof Map ? [...def.options.values()] : Array.isArray(def.options) ? def.options : []),
    ...(Array.isArray(def.items) ? def.items : []),
    ...(def.typeName === 'ZodLazy' ? [(def.getter as () => unknown)()] : []),
  ];
  for (const child of children)
    if (child && typeof child === 'object' && '_def' in child) yield* schemasIn(child as z.ZodTypeAny, seen);
}

describe('no length limit in the contracts counts UTF-16 units', () => {
  const routes = Object.entries(ROUTES) as [string, RouteContract][];
  const parts = (r: RouteContract) => [r.params, r.query, r.body, r.reply] as (z.ZodTypeAny | undefined)[];

  it.each(routes)('%s: no zod min/max/length on strings (text() counts code points instead)', (_id, route) => {
    const unitChecks: string[] = [];
    for (const part of parts(route))
      for (const s of schemasIn(part)) {
        const def = (s as unknown as { _def: { typeName: string; checks?: { kind: string; value?: number }[] } })._def;
        if (def.typeName !== 'ZodString') continue;
        for (const check of def.checks ?? [])
          if (['min', 'max', 'length'].includes(check.kind)) unitChecks.push(`${check.kind}(${check.value})`);
      }
    expect(unitChecks).toEqual([]);
  });

  it.each(routes)(
    '%s: string patterns count alike in code points and units (ASCII classes only, or the u flag)',
    (_id, route) => {
      const unsafe: string[] = [];
      for (const part of parts(route))
        for (const s of schemasIn(part)) {
          const def = (s as unknown as { _def: { typeName: string; checks?: { kind: string; regex?: RegExp }[] } })._def;
          if (def.typeName !== 'ZodString') continue;
          for (const { kind, regex } of def.checks ?? []) {
            if (kind !== 'regex' || !regex || regex.flags.includes('u')) continue;
            // without the u flag, `.`, negated classes, \S \W \D and non-ASCII match one UTF-16 unit, so
            // a quantifier over them would count an astral character twice
            if (/(^|[^\\])\.|\[\^|\\[SWD]|[^ -~]/.test(regex.source)) unsafe.push(regex.source);
          }
        }
      expect(unsafe).toEqual([]);
    },
  );
});
