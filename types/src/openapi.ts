import { OpenAPIRegistry, OpenApiGeneratorV3, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { sample } from 'openapi-sampler';
import { SIGNATURE_HEADERS } from './signing-headers';
import { ErrorDetail } from './common';
import { ERRORS, type ErrorCode } from './errors';
import { z } from './zod';
import { CAPABILITIES } from './routes';
import type { RouteContract } from './route';
import { routeErrorsByStatus, routeSuccessStatuses } from './route-errors';

/** Koa `:param` → OpenAPI `{param}` */
const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const REQUEST_ID_HEADER = {
  'X-Request-Id': {
    description: '本次请求的编号（请求中带来的合法编号或新生成的 UUID），与服务器日志对应',
    schema: { type: 'string' as const },
  },
};
const RETRY_AFTER_HEADER = {
  'Retry-After': { description: '建议多少秒后重试', schema: { type: 'integer' as const, minimum: 1 } },
};

/** One error status of one route: the reply shape with exactly the codes this route can give with it. */
function errorResponse(status: number, codes: ErrorCode[]): ResponseConfig {
  const [first] = codes as [ErrorCode, ...ErrorCode[]];
  const schema = z.object({
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
      /** on 5xx replies: the request's id (also its X-Request-Id header) */
      requestId: z.string().optional(),
    }),
  });
  return {
    description: `错误。可能的错误码：\n\n${codes.map((code) => `- \`${code}\`：${ERRORS[code][1]}`).join('\n')}`,
    headers: status === 429 || status === 503 ? { ...REQUEST_ID_HEADER, ...RETRY_AFTER_HEADER } : REQUEST_ID_HEADER,
    content: {
      'application/json': {
        schema,
        example: {
          error: {
            code: first,
            message: ERRORS[first][1],
            ...(status >= 500 ? { requestId: '3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a3b' } : {}),
          },
        },
      },
    },
  };
}

function successResponse(route: RouteContract, status: number): ResponseConfig {
  const description =
    status === (route.status ?? 200)
      ? '成功'
      : status === 200
        ? '成功（重复提交：返回此前已创建的同一条记录，不再新建）'
        : status === 202
          ? '已收到，待审核后公开'
          : '成功';
  if (route.replyContentType) {
    return {
      description,
      headers: REQUEST_ID_HEADER,
      content: { [route.replyContentType]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return { description, headers: REQUEST_ID_HEADER, content: { 'application/json': { schema: route.reply } } };
}

/** The request body of a route: JSON by its schema, or a multipart form with one file. */
function requestBody(route: RouteContract) {
  if (route.upload) {
    const { field, maxBytes, types } = route.upload;
    return {
      required: true,
      description: `multipart/form-data，文件字段 ${field}（${types.join('、')}，不超过 ${maxBytes / 1024 / 1024}MB）`,
      content: {
        'multipart/form-data': {
          schema: z.object({ [field]: z.string().openapi({ type: 'string', format: 'binary' }) }),
          encoding: { [field]: { contentType: types.join(', ') } },
        },
      },
    };
  }
  if (!route.body) return undefined;
  // an absent body is read as {} (shared/http.ts): a body is required when {} is not acceptable
  return { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: route.body } } };
}

/** Builds the OpenAPI 3 document from the route table, so the spec cannot drift from the code. */
export function buildOpenApiDocument(serverUrl = '/'): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'session', {
    type: 'http',
    scheme: 'bearer',
    description: '个人登录会话：小程序登录、网页登录或扫码登录后得到的令牌，以 Authorization: Bearer <令牌> 发送。',
  });
  const machine = registry.registerComponent('securitySchemes', 'machineCredential', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'vcm_<43 个字符>',
    description:
      '机器凭证（省级平台、12348 平台等系统只读调用）：由县级司法局工作人员或省级、全国管理员按省或县签发和吊销，' +
      '以 Authorization: Bearer vcm_… 发送；只能调用标明此安全方案的只读接口（报表、统计、台账导出），' +
      '只限凭证所属地区及其下级地区；每凭证限速，每次调用留痕。',
  });
  const signed = registry.registerComponent('securitySchemes', 'signedCall', {
    type: 'apiKey',
    in: 'header',
    name: SIGNATURE_HEADERS.signature,
    description:
      '本系统云函数对服务器的调用：HMAC-SHA256(共享密钥, 时间戳 + "\\n" + 随机串 + "\\n" + 原始请求体) 的十六进制值，' +
      `放在 ${SIGNATURE_HEADERS.signature}；时间戳（毫秒）与随机串分别放在 ${SIGNATURE_HEADERS.timestamp}、` +
      `${SIGNATURE_HEADERS.nonce}。时间戳须在 5 分钟内，随机串不得重复使用。`,
  });
  const wechatPush = registry.registerComponent('securitySchemes', 'wechatPush', {
    type: 'apiKey',
    in: 'query',
    name: 'signature',
    description:
      '微信消息推送（明文 JSON 模式）：signature 为 SHA1(将 Token、timestamp、nonce 按字典序排序后拼接) 的十六进制值，' +
      'Token 为微信公众平台「消息推送」中填写的令牌（WECHAT_PUSH_TOKEN）；签名不符的请求一律拒绝。',
  });
  const signedHeaders = z.object({
    [SIGNATURE_HEADERS.timestamp]: z
      .string()
      .regex(/^\d{10,16}$/)
      .openapi({ description: '毫秒时间戳', example: '1764633600000' }),
    [SIGNATURE_HEADERS.nonce]: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .openapi({ description: '一次性随机串（16 至 64 位字母、数字、-、_）', example: 'a3f9c2d17b5e4f08a3f9c2d17b5e4f08' }),
  });

  for (const { tag, routes } of CAPABILITIES) {
    for (const route of Object.values(routes) as RouteContract[]) {
      const { access } = route;
      const responses: Record<number, ResponseConfig> = {};
      for (const status of routeSuccessStatuses(route)) responses[status] = successResponse(route, status);
      for (const [status, codes] of routeErrorsByStatus(route)) responses[status] = errorResponse(status, codes);
      registry.registerPath({
        method: route.method,
        path: toOpenApiPath(route.path),
        operationId: route.id,
        summary: route.summary,
        tags: [tag],
        // alternatives: a person's session, or (routes marked `machine`) a machine credential
        security:
          access.kind === 'public'
            ? []
            : access.kind === 'signed'
              ? [{ [signed.name]: [] }]
              : access.kind === 'wechat'
                ? [{ [wechatPush.name]: [] }]
                : access.kind === 'role' && access.machine
                  ? [{ [bearer.name]: [] }, { [machine.name]: [] }]
                  : [{ [bearer.name]: [] }],
        request: {
          params: route.params as never,
          query: route.query as never,
          headers: access.kind === 'signed' ? signedHeaders : undefined,
          body: requestBody(route),
        },
        responses,
      });
    }
  }
  const document = new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'village-counsel API（一村一法律顾问）',
      version: '0.2.0',
      description:
        '一村（居）一法律顾问服务平台的接口。所有错误以 {"error":{"code","message"}} 返回，code 为稳定的错误码，' +
        'message 为中文说明；每个接口列出它可能返回的全部状态码与错误码。文本长度按 Unicode 码点（字符）计算。',
    },
    servers: [{ url: serverUrl }],
    tags: CAPABILITIES.map(({ tag, description }) => ({ name: tag, description })),
  });
  normaliseNullableRefs(document);
  addReplyExamples(document);
  return document;
}

/**
 * zod-to-openapi writes a nullable reference as `allOf: [{$ref}, {nullable: true}]`, which no null
 * matches (the reference alone refuses it); OpenAPI 3.0's form is `allOf: [{$ref}], nullable: true`.
 */
function normaliseNullableRefs(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const schema = node as { allOf?: unknown[]; nullable?: boolean };
  const [first, second, ...rest] = schema.allOf ?? [];
  if (first && rest.length === 0 && JSON.stringify(second) === '{"nullable":true}') {
    schema.allOf = [first];
    schema.nullable = true;
  }
  for (const child of Object.values(node)) normaliseNullableRefs(child);
}

/**
 * Every JSON success reply gets an example, sampled from its schema (openapi-sampler, which uses
 * the examples the schemas carry, e.g. place codes and names, and each format's usual form).
 */
function addReplyExamples(document: ReturnType<OpenApiGeneratorV3['generateDocument']>): void {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of [item.get, item.post, item.put, item.delete]) {
      for (const response of Object.values(operation?.responses ?? {})) {
        const media = (response as { content?: Record<string, { schema?: unknown; example?: unknown }> }).content?.[
          'application/json'
        ];
        if (media?.schema && media.example === undefined) {
          media.example = sample(media.schema, { skipReadOnly: true, quiet: true }, document);
        }
      }
    }
  }
}
