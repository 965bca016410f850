// Security headers on every answer (console HTML, assets, API, docs) through @fastify/helmet.
import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The console's Content-Security-Policy. The built console (web/dist) loads only its own scripts and styles;
 * antd writes its CSS-in-JS into <style> elements and ECharts tooltips carry style attributes, hence
 * 'unsafe-inline' for styles (never for scripts); the favicon and antd's icons are data: images; charts draw on
 * canvas, which needs nothing. The Swagger UI at /api/docs works under the same policy.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

export const SECURITY_HEADERS: FastifyHelmetOptions = {
  global: true,
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  // Hearth itself speaks plain HTTP and cannot know whether a TLS proxy fronts it: HSTS is that proxy's header
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
};
