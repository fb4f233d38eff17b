import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { ErrorReply } from './common';
import { ROUTES } from './routes';
import type { RouteContract } from './route';

/** Koa `:param` → OpenAPI `{param}` */
const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

/** Builds the OpenAPI 3 document from the route table, so the spec cannot drift from the code. */
export function buildOpenApiDocument(serverUrl = '/'): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const machine = registry.registerComponent('securitySchemes', 'machineCredential', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'vcm_<43 个字符>',
    description:
      '机器凭证（省级平台、12348 平台等系统只读调用）：由县级司法局工作人员或省级、全国管理员按省或县签发和吊销，' +
      '以 Authorization: Bearer vcm_… 发送；只能调用标明此安全方案的只读接口（报表、统计、台账导出），' +
      '只限凭证所属地区及其下级地区；每凭证限速，每次调用留痕。',
  });
  const routes: RouteContract[] = Object.values(ROUTES);
  for (const route of routes) {
    const errors = { description: '错误', content: { 'application/json': { schema: ErrorReply } } };
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      operationId: route.id,
      summary: route.summary,
      // alternatives: a person's session, or (routes marked `machine`) a machine credential
      security:
        route.access.kind === 'public' || route.access.kind === 'signed'
          ? []
          : route.access.kind === 'role' && route.access.machine
            ? [{ [bearer.name]: [] }, { [machine.name]: [] }]
            : [{ [bearer.name]: [] }],
      request: {
        params: route.params as never,
        query: route.query as never,
        body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
      },
      responses: {
        [route.status ?? 200]: route.replyContentType
          ? { description: '成功', content: { [route.replyContentType]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: '成功', content: { 'application/json': { schema: route.reply } } },
        400: errors,
        401: errors,
        403: errors,
        404: errors,
        409: errors,
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'village-counsel API（一村一法律顾问）', version: '0.1.0' },
    servers: [{ url: serverUrl }],
  });
}
