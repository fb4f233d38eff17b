/**
 * fast-check arbitraries for the hostile-input test (tests/server/resilience/hostile-input.test.ts):
 * values that fit a route's zod contract (read from the schema itself, so a new field or route is
 * covered without edits here), and hostile ones: wrong types, MongoDB operators and dotted keys,
 * deep nesting, strings near and over the 32 KB body limit, lone surrogates, invalid UTF-8, and
 * emoji / Mongolian / Tibetan text.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { countChars } from '../../types/src/constants';

/** Text a villager may really type: CJK, Mongolian (with its variation selectors and vowel
 * separator), Tibetan (with tsheg, shad and stacks), emoji with modifiers, ZWJ sequences and flags,
 * astral CJK, combining marks, right-to-left script. No ASCII digits (they would look like phone
 * numbers to the group privacy screen) and no whitespace at either end once joined. */
export const TEXT_PARTS = [
  '法律',
  '顾问',
  '村民',
  '土地承包',
  '𠀀𪚥',
  'ᠮᠣᠩᠭᠣᠯ',
  'ᠪᠢᠴᠢᠭ',
  'ᠠ\u180bᠡ',
  'ᠨᠠ\u180eᠠ',
  '᠂',
  '᠃',
  'བོད་ཡིག',
  'བསྒྲུབས',
  'ཀྲ',
  'ཧཱུྃ',
  '༄༅། ',
  '།',
  '😀',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🧑🏿‍⚖️',
  '🇨🇳',
  '❤️',
  '🏳️‍🌈',
  'e\u0301',
  'مرحبا',
  ' ',
  '\u202f',
  '，',
  '！',
];

/** valid text of at least `min` characters (code points) and at most `max` UTF-16 units, starting and ending with a Han character */
export function realText(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...TEXT_PARTS), { minLength: 1, maxLength: 60 })
    .map((parts) => {
      let text = '';
      for (const p of parts) {
        if (text.length + p.length + 2 > max) break;
        text += p;
      }
      return `法${text}律`;
    })
    .filter((t) => countChars(t) >= min && t.length <= max);
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** strings a client should never send, and some it might */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom(...TEXT_PARTS)), minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '$gt',
    '$where',
    '{"$ne":null}',
    'this.a == 1 || sleep(5000)',
    '.*',
    '^(a+)+$',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; DROP TABLE users; --",
    '\ufeff',
    '\u202e',
    'null',
    'undefined',
    '__proto__',
    '2026-02-30T25:61:00Z',
    '9'.repeat(400),
  ),
  fc.integer({ min: 2000, max: 6000 }).map((n) => '字'.repeat(n)),
);

const HOSTILE_KEYS = [
  '$gt',
  '$ne',
  '$where',
  '$regex',
  '$expr',
  'a.b',
  'roles.role',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
];

/** any JSON value, weighted towards the hostile */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileString, weight: 4 },
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, 1e308, -1, Number.MAX_SAFE_INTEGER + 2, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 3 }),
    fc.record({ $gt: fc.constant('') }),
    fc.record({ $where: fc.constant('sleep(1000)') }),
    fc.record({ $regex: fc.constant('.*'), $options: fc.constant('i') }),
  ),
})).value;

type Def = { typeName?: string; [k: string]: unknown };
const defOf = (schema: z.ZodTypeAny): Def => (schema as unknown as { _def: Def })._def;

/** Strips wrappers (optional, default, nullable, effects, branded, pipeline, lazy, readonly). */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  for (let s = schema, i = 0; i < 20; i += 1) {
    const def = defOf(s);
    switch (def.typeName) {
      case 'ZodOptional':
      case 'ZodNullable':
      case 'ZodDefault':
      case 'ZodReadonly':
      case 'ZodCatch':
        s = def.innerType as z.ZodTypeAny;
        break;
      case 'ZodEffects':
        s = def.schema as z.ZodTypeAny;
        break;
      case 'ZodBranded':
        s = def.type as z.ZodTypeAny;
        break;
      case 'ZodPipeline':
        s = def.in as z.ZodTypeAny;
        break;
      case 'ZodLazy':
        s = (def.getter as () => z.ZodTypeAny)();
        break;
      default:
        return s;
    }
  }
  return schema;
}

/**
 * The length limits a text field states in the document: text() (types/src/text.ts) counts code
 * points in a refinement, so they are not zod checks of the string itself.
 */
function documentedLength(schema: z.ZodTypeAny): { min?: number; max?: number } {
  for (let s: z.ZodTypeAny | undefined = schema, i = 0; s && i < 20; i += 1) {
    const def = defOf(s);
    const meta = (def.openapi as { metadata?: { minLength?: number; maxLength?: number } } | undefined)?.metadata;
    if (meta?.maxLength !== undefined) return { min: meta.minLength, max: meta.maxLength };
    s = (def.innerType ?? def.schema ?? def.in) as z.ZodTypeAny | undefined;
  }
  return {};
}

/** The field names of an object schema (of every option, for unions). */
export function fieldsOf(schema: z.ZodTypeAny | undefined): Map<string, z.ZodTypeAny> {
  const fields = new Map<string, z.ZodTypeAny>();
  if (!schema) return fields;
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.typeName === 'ZodObject') {
    for (const [k, v] of Object.entries((s as z.AnyZodObject).shape)) fields.set(k, v as z.ZodTypeAny);
  } else if (def.typeName === 'ZodUnion' || def.typeName === 'ZodDiscriminatedUnion') {
    const options = def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>;
    for (const option of options instanceof Map ? options.values() : options) {
      for (const [k, v] of fieldsOf(option)) fields.set(k, v);
    }
  }
  return fields;
}

const MINUTE = 60 * 1000;

/** values to prefer for fields of these names (e.g. a village the caller serves), so more bodies pass the handlers' checks */
export type Known = Record<string, fc.Arbitrary<unknown>>;

/** Values the schema accepts (as far as its checks can be read), for bodies that reach the handlers. */
export function validValue(schema: z.ZodTypeAny, depth = 0, known: Known = {}): fc.Arbitrary<unknown> {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.typeName) {
    case 'ZodString': {
      const checks = (def.checks as { kind: string; value?: number; regex?: RegExp }[]) ?? [];
      const regex = checks.find((c) => c.kind === 'regex')?.regex;
      if (regex) return fc.stringMatching(regex);
      if (checks.some((c) => c.kind === 'datetime')) {
        // a recent past moment, whole minutes: what a phone would send
        return fc
          .integer({ min: 2 * 60, max: 30 * 24 * 60 })
          .map((m) => new Date(Math.floor((Date.now() - m * MINUTE) / MINUTE) * MINUTE).toISOString());
      }
      const documented = documentedLength(schema);
      const min = documented.min ?? checks.find((c) => c.kind === 'min')?.value ?? 0;
      const max = Math.min(documented.max ?? checks.find((c) => c.kind === 'max')?.value ?? 200, 200);
      return realText(Math.max(min, 2), Math.max(max, 2));
    }
    case 'ZodNumber': {
      const checks = (def.checks as { kind: string; value?: number; inclusive?: boolean }[]) ?? [];
      const min = checks.find((c) => c.kind === 'min')?.value ?? 0;
      const max = checks.find((c) => c.kind === 'max')?.value ?? 1000;
      const n = fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(Math.min(max, 1e6))) });
      return def.coerce ? n.map(String) : n;
    }
    case 'ZodBoolean':
      return fc.boolean();
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as string[]));
    case 'ZodLiteral':
      return fc.constant(def.value);
    case 'ZodArray':
      return depth > 3 ? fc.constant([]) : fc.array(validValue(def.type as z.ZodTypeAny, depth + 1, known), { maxLength: 3 });
    case 'ZodObject': {
      const shape = (s as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const keys = Object.keys(shape);
      const field = (k: string) =>
        known[k]
          ? fc.oneof({ arbitrary: known[k], weight: 3 }, { arbitrary: validValue(shape[k]!, depth + 1, known), weight: 1 })
          : validValue(shape[k]!, depth + 1, known);
      return fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), {
        requiredKeys: keys.filter((k) => !shape[k]!.isOptional()),
      });
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>;
      return fc.oneof(...[...(options instanceof Map ? options.values() : options)].map((o) => validValue(o, depth + 1, known)));
    }
    default:
      return hostileValue;
  }
}

/** A request body as sent on the wire. */
export type WireBody = { label: string; text: string } | { label: string; bytes: Uint8Array };

const LIMIT = 32 * 1024;
/** a string of about `bytes` UTF-8 bytes, of 1-, 3- and 4-byte characters */
const sized = (bytes: number, unit: string) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

function nest(depth: number, asArray: boolean): string {
  return asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Bodies for a route with this body schema: mostly its own shape with hostile changes. */
export function hostileBody(schema: z.ZodTypeAny | undefined, known: Known = {}): fc.Arbitrary<WireBody> {
  const fields = [...fieldsOf(schema).keys()];
  const base = schema ? validValue(schema, 0, known) : fc.constant({});
  const asObject = (v: unknown): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
  const json = (label: string, value: unknown): WireBody => ({ label, text: JSON.stringify(value) ?? 'null' });
  const fieldOrAny = fields.length ? fc.constantFrom(...fields) : fc.constantFrom('code', 'text', 'reason');
  return fc.oneof(
    base.map((v) => json('valid shape', v)),
    fc.tuple(base, fieldOrAny, hostileValue).map(([v, k, h]) => json(`field ${k} hostile`, { ...asObject(v), [k]: h })),
    fc
      .tuple(base, fc.constantFrom(...HOSTILE_KEYS), hostileValue)
      .map(([v, k, h]) => json(`extra key ${JSON.stringify(k)}`, { ...asObject(v), [k]: h })),
    fc.tuple(base, fieldOrAny).map(([v, k]) => json(`field ${k} an operator`, { ...asObject(v), [k]: { $ne: null } })),
    fc
      .tuple(
        base,
        fieldOrAny,
        fc.constantFrom(LIMIT - 300, LIMIT - 40, LIMIT + 1, LIMIT + 200, 3 * LIMIT),
        fc.constantFrom('x', '字', '😀', 'ᠮ', 'བ'),
      )
      .map(([v, k, bytes, unit]) => json(`field ${k} of ~${bytes} bytes`, { ...asObject(v), [k]: sized(bytes, unit) })),
    fc
      .tuple(fc.integer({ min: 10, max: 400 }), fc.boolean())
      .map(([d, arr]) => ({ label: `nested ${d} deep`, text: nest(d, arr) })),
    fc.tuple(fieldOrAny, fc.integer({ min: 10, max: 200 })).map(([k, d]) => ({
      label: `field ${k} nested ${d} deep`,
      text: `{${JSON.stringify(k)}:${nest(d, false)}}`,
    })),
    hostileValue.map((v) => json('any JSON', v)),
    fc
      .constantFrom('', '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', 'NaN', '\u0000', '{"a":"\\ud800"}')
      .map((text) => ({
        label: 'malformed JSON',
        text,
      })),
    fc.tuple(fieldOrAny, fc.uint8Array({ minLength: 1, maxLength: 12 })).map(([k, junk]) => ({
      label: `field ${k} with invalid UTF-8 bytes`,
      bytes: Buffer.concat([
        Buffer.from(`{${JSON.stringify(k)}:"`),
        Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, ...junk]),
        Buffer.from('"}'),
      ]),
    })),
  );
}

/**
 * Query strings for a route with this query schema (already percent-encoded, under ~8 KB: Node
 * itself answers a longer request line with a bare 431). `emptyWeight` against 4 for a non-empty
 * one: the server judges the query before the body, so routes with a body mostly get none.
 */
export function hostileQuery(
  schema: z.ZodTypeAny | undefined,
  emptyWeight: number,
): fc.Arbitrary<{ label: string; search: string }> {
  const fields = [...fieldsOf(schema).entries()];
  const keys = fc.oneof(
    ...(fields.length ? [fc.constantFrom(...fields.map(([k]) => k))] : []),
    fc.constantFrom('$where', 'a.b', 'q[$gt]', 'q[$regex]', '__proto__', 'constructor', 'limit', 'after', 'month', 'status', 'q'),
    fc.string({ maxLength: 6 }),
  );
  const validPair = fields.length
    ? fc.constantFrom(...fields).chain(([k, s]) => validValue(s).map((v) => [k, String(v)] as [string, string]))
    : fc.constant(['q', '法律'] as [string, string]);
  const pair = fc.oneof(
    validPair,
    fc.tuple(
      keys,
      hostileString.map((v) => v.slice(0, 2000)),
    ),
  );
  const rawTail = fc.constantFrom('', '&%FF=%FE', '&q=%ED%A0%80', '&%00=%00', '&q=%', '&&&=', '&q=a&q=b', '&q[]=1&q[]=2');
  const query = fc.tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), rawTail).map(([pairs, tail]) => {
    const search = (new URLSearchParams(pairs).toString() + tail).slice(0, 8000);
    return { label: `?${search.slice(0, 120)}`, search };
  });
  return fc.oneof({ arbitrary: fc.constant({ label: '', search: '' }), weight: emptyWeight }, { arbitrary: query, weight: 4 });
}

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];
