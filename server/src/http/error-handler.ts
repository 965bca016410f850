// The one place that turns thrown errors into `{ error: { code, message, details? } }` HTTP answers.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorDetail } from '@hearth/contracts/common';
import { DomainError } from './domain-error.ts';

function body(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** `webDir`: when the console is served, unknown non-API GETs answer its index.html (client-side routes). */
export function installErrorHandler(app: FastifyInstance, webDir?: string): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(error.status).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        reason: v.message ?? 'invalid',
      }));
      return reply
        .status(400)
        .send(body('request.invalid', '请求参数无效 / request validation failed', details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its contract');
      return reply.status(500).send(body('internal', '服务器内部错误 / internal error'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send(body('request.unsupported_media_type', `不支持的内容类型 / ${error.message}`));
    }
    if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return reply
        .status(400)
        .send(body('request.malformed', `请求体格式错误 / malformed body: ${error.message}`));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(body('request.too_large', '请求体过大 / request body too large'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('request.invalid', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', '服务器内部错误 / internal error'));
  });

  const spaIndex = webDir ? path.join(webDir, 'index.html') : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === 'GET' && !request.url.startsWith('/api') && fs.existsSync(spaIndex)) {
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(spaIndex));
    }
    return reply
      .status(404)
      .send(body('route.not_found', `接口不存在 / no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
