// The one place that turns thrown errors into `{ error: { code, message, details? } }` HTTP answers, in the
// caller's language (Accept-Language: Chinese by default, English on request), the code never in the sentence.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorDetail } from '@hearth/contracts/common';
import { DomainError, languageOf, messageIn, type MessageLang } from './domain-error.ts';

function body(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** The body with its message and the details' reasons in one language. */
function inLanguage(answer: ErrorBody, lang: MessageLang): ErrorBody {
  const { code, message, details } = answer.error;
  return body(
    code,
    messageIn(message, lang),
    details?.map((d) => ({ ...d, reason: messageIn(d.reason, lang) })),
  );
}

type Answer = { status: number; body: ErrorBody };

/** The status and (bilingual) body of a thrown error; 500s are logged. */
function answerOf(error: FastifyError, request: FastifyRequest): Answer {
  if (error instanceof DomainError) {
    return { status: error.status, body: body(error.code, error.message, error.details) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      reason: v.message ?? 'invalid',
    }));
    return {
      status: 400,
      body: body('request.invalid', '请求参数无效 / request validation failed', details),
    };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its contract');
    return { status: 500, body: body('internal', '服务器内部错误 / internal error') };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return {
      status: 415,
      body: body('request.unsupported_media_type', `不支持的内容类型 / ${error.message}`),
    };
  }
  if (
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return {
      status: 400,
      body: body('request.malformed', `请求体格式错误 / malformed body: ${error.message}`),
    };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: body('request.too_large', '请求体过大 / request body too large') };
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: body('request.invalid', error.message) };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, body: body('internal', '服务器内部错误 / internal error') };
}

/** `webDir`: when the console is served, unknown non-API GETs answer its index.html (client-side routes). */
export function installErrorHandler(app: FastifyInstance, webDir?: string): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = answerOf(error, request);
    return reply
      .status(answer.status)
      .send(inLanguage(answer.body, languageOf(request.headers['accept-language'])));
  });

  const spaIndex = webDir ? path.join(webDir, 'index.html') : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === 'GET' && !request.url.startsWith('/api') && fs.existsSync(spaIndex)) {
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(spaIndex));
    }
    const message = `接口不存在 / no route ${request.method} ${request.url.split('?')[0]}`;
    return reply
      .status(404)
      .send(inLanguage(body('route.not_found', message), languageOf(request.headers['accept-language'])));
  });
}
