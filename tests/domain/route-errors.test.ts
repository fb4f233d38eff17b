import {
  buildOpenApiDocument,
  ERRORS,
  ROUTES,
  routeErrors,
  routeErrorsByStatus,
  routeSuccessStatuses,
  type RouteContract,
} from '@vc/types';
import { handlerErrors } from '../../tools/contracts/handler-errors';

type Operation = {
  responses: Record<
    string,
    { content?: { 'application/json'?: { schema: { properties: { error: { properties: { code: { enum: string[] } } } } } } } }
  >;
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  security?: Record<string, string[]>[];
  tags?: string[];
};

const routes = Object.values(ROUTES) as RouteContract[];
const document = buildOpenApiDocument();
const operationOf = (route: RouteContract) =>
  (document.paths as Record<string, Record<string, Operation>>)[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!;

describe('the codes a handler can throw are the codes its contract declares', () => {
  // reading server/src with the TypeScript compiler takes ~25 s
  const { byRoute, wide } = handlerErrors();

  it('finds every route handler', () => {
    expect([...byRoute.keys()].sort()).toEqual(routes.map((r) => r.id).sort());
  });

  it('every `new AppError(code)` names its codes in its type (never the whole catalogue)', () => {
    expect([...wide]).toEqual([]);
  });

  it.each(routes.map((route) => [route.id, route] as const))('%s declares every code its handler can throw', (_, route) => {
    const declared = new Set(routeErrors(route));
    const missing = [...(byRoute.get(route.id) ?? [])].filter((code) => !declared.has(code as never));
    expect(missing).toEqual([]);
  });
});

describe('the OpenAPI document says what the contracts say', () => {
  it.each(routes.map((route) => [route.id, route] as const))(
    '%s: exactly its statuses, each error status with exactly its codes',
    (_, route) => {
      const operation = operationOf(route);
      const byStatus = routeErrorsByStatus(route);
      const expected = [...routeSuccessStatuses(route), ...byStatus.keys()].map(String).sort();
      expect(Object.keys(operation.responses).sort()).toEqual(expected);
      for (const [status, codes] of byStatus) {
        const schema = operation.responses[String(status)]!.content!['application/json']!.schema;
        expect(schema.properties.error.properties.code.enum.sort()).toEqual([...codes].sort());
        for (const code of codes) expect(ERRORS[code][0]).toBe(status);
      }
    },
  );

  it('a read (GET) never documents 409 unless its own contract declares a conflict', () => {
    const reads = routes.filter((r) => r.method === 'get' && !(r.errors ?? []).some((code) => ERRORS[code][0] === 409));
    expect(reads.length).toBeGreaterThan(20);
    for (const route of reads) expect(Object.keys(operationOf(route).responses)).not.toContain('409');
  });

  it('an idempotent create documents the 200 of a repeat next to its 201', () => {
    for (const id of ['askConsultation', 'postGroupMessage'] as const) {
      expect(Object.keys(operationOf(ROUTES[id] as RouteContract).responses)).toEqual(expect.arrayContaining(['200', '201']));
    }
  });

  it('a request body is marked required exactly when an empty body is refused', () => {
    for (const route of routes.filter((r) => r.body)) {
      expect(operationOf(route).requestBody?.required).toBe(!route.body!.safeParse({}).success);
    }
    expect(operationOf(ROUTES.submitLedgerEntry as RouteContract).requestBody?.required).toBe(true);
  });

  it('every route that reads a file declares its upload', () => {
    const reading = routes.filter((r) => (r.errors ?? []).includes('PHOTO_REQUIRED'));
    expect(reading.map((r) => r.id).sort()).toEqual([
      'uploadArticlePhoto',
      'uploadAvatar',
      'uploadCasePhoto',
      'uploadConsultationPhoto',
      'uploadCounselPhoto',
      'uploadMyCounselPhoto',
    ]);
    for (const route of reading) expect(route.upload).toMatchObject({ field: 'file' });
  });

  it('no schema is an allOf of two closed objects, which nothing could match (the old Consultation.rating)', () => {
    const schemas = document.components?.schemas as Record<string, unknown>;
    const closed = (node: unknown): boolean => {
      const schema = node as { $ref?: string; additionalProperties?: unknown };
      if (schema.$ref) return closed(schemas[schema.$ref.replace('#/components/schemas/', '')]);
      return schema.additionalProperties === false;
    };
    const offenders: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      const { allOf } = node as { allOf?: unknown[] };
      if (allOf && allOf.filter(closed).length > 1) offenders.push(at);
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(document, '');
    expect(offenders).toEqual([]);
    const consultation = JSON.stringify(schemas.Consultation);
    expect(consultation).toContain('"rating":{"$ref":"#/components/schemas/ConsultationRating"}');
    expect(schemas.ConsultationRating).toMatchObject({ nullable: true });
  });

  it('a nullable reference accepts null in the document (allOf of the reference, nullable)', () => {
    const staff = (document.components?.schemas as Record<string, { properties: Record<string, unknown> }>).StaffMember!;
    expect(staff.properties.grantedBy).toEqual({ allOf: [{ $ref: '#/components/schemas/PersonRef' }], nullable: true });
  });

  it('uploads are documented as a multipart form with the file field', () => {
    const upload = operationOf(ROUTES.uploadConsultationPhoto).requestBody!;
    expect(upload.required).toBe(true);
    expect(upload.content['multipart/form-data']).toMatchObject({
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    });
  });

  it('signed routes require the signature scheme and declare the timestamp and nonce headers', () => {
    const signed = routes.filter((r) => r.access.kind === 'signed');
    expect(signed.map((r) => r.id).sort()).toEqual(['cloudLogin', 'runReminders'].sort());
    for (const route of signed) {
      const operation = operationOf(route) as Operation & { parameters: { in: string; name: string; required: boolean }[] };
      expect(operation.security).toEqual([{ signedCall: [] }]);
      const headers = operation.parameters.filter((p) => p.in === 'header').map((p) => [p.name, p.required]);
      expect(headers).toEqual(
        expect.arrayContaining([
          ['x-vc-timestamp', true],
          ['x-vc-nonce', true],
        ]),
      );
    }
    expect(document.components?.securitySchemes?.signedCall).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-vc-signature',
    });
  });

  it('public routes need nothing, person routes a session, machine-readable routes either', () => {
    for (const route of routes) {
      const { security } = operationOf(route);
      if (route.access.kind === 'public') expect(security).toEqual([]);
      else if (route.access.kind === 'role' && route.access.machine)
        expect(security).toEqual([{ session: [] }, { machineCredential: [] }]);
      else if (route.access.kind === 'wechat') expect(security).toEqual([{ wechatPush: [] }]);
      else if (route.access.kind !== 'signed') expect(security).toEqual([{ session: [] }]);
    }
  });

  it('every operation has a capability tag and every JSON reply an example', () => {
    for (const route of routes) {
      const operation = operationOf(route);
      expect(operation.tags).toHaveLength(1);
      for (const response of Object.values(operation.responses)) {
        const media = response.content?.['application/json'] as { example?: unknown } | undefined;
        if (media) expect(media.example).toBeDefined();
      }
    }
  });
});
