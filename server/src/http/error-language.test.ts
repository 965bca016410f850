// Error answers speak one language at a time: Chinese by default, English on Accept-Language: en; the code apart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { languageOf, messageIn } from './domain-error.ts';

type Err = { error: { code: string; message: string; details?: { path?: string; reason: string }[] } };
const HAN = /[\u3400-\u9fff]/;

describe('error message language', () => {
  it('reads the preferred language from Accept-Language', () => {
    const cases: [string | undefined, 'zh' | 'en'][] = [
      [undefined, 'zh'],
      ['', 'zh'],
      ['fr-FR', 'zh'],
      ['en', 'en'],
      ['en-US,en;q=0.9', 'en'],
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
      ['en;q=0.5,zh-CN;q=0.9', 'zh'],
      ['zh;q=0.2, en-GB;q=0.7', 'en'],
      ['en;q=0', 'zh'],
    ];
    for (const [header, lang] of cases) assert.equal(languageOf(header), lang, String(header));
  });

  it('splits a bilingual message on its first " / ", and leaves other messages alone', () => {
    assert.equal(messageIn('换热站不存在 / station 5 not found', 'zh'), '换热站不存在');
    assert.equal(messageIn('换热站不存在 / station 5 not found', 'en'), 'station 5 not found');
    assert.equal(messageIn('格式错误 / bad a / b value', 'en'), 'bad a / b value');
    assert.equal(messageIn('plain / english', 'zh'), 'plain / english');
    assert.equal(messageIn('只有中文', 'en'), '只有中文');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    let sup: string;
    before(async () => {
      t = await createTestApp();
      sup = await t.tokenFor('supervisor');
    });
    after(() => t.close());

    const get = async (url: string, headers?: Record<string, string>) => {
      const r = await t.request('GET', url, sup, undefined, headers);
      return { status: r.status, body: r.json() as Err };
    };

    it('answers a domain error in Chinese by default, with the code only in error.code', async () => {
      const r = await get('/api/stations/999999');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'station.not_found');
      assert.match(r.body.error.message, HAN);
      assert.ok(!r.body.error.message.includes(' / '), r.body.error.message);
      assert.ok(!/[a-z]{3}/.test(r.body.error.message), r.body.error.message);
    });

    it('answers in English when the caller asks for it', async () => {
      const r = await get('/api/stations/999999', { 'accept-language': 'en-US,en;q=0.9' });
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'station.not_found');
      assert.doesNotMatch(r.body.error.message, HAN);
      assert.match(r.body.error.message, /not found/);
    });

    it('words validation errors and unknown routes in one language too', async () => {
      const zh = await get('/api/audit?from=yesterday');
      assert.equal(zh.status, 400);
      assert.equal(zh.body.error.message, '请求参数无效');
      assert.ok(zh.body.error.details?.some((d) => d.path?.includes('from')));
      const en = await get('/api/audit?from=yesterday', { 'accept-language': 'en' });
      assert.equal(en.body.error.message, 'request validation failed');
      const route = await get('/api/no-such-thing', { 'accept-language': 'en' });
      assert.equal(route.status, 404);
      assert.equal(route.body.error.code, 'route.not_found');
      assert.equal(route.body.error.message, 'no route GET /api/no-such-thing');
      const routeZh = await get('/api/no-such-thing');
      assert.equal(routeZh.body.error.message, '接口不存在');
    });
  });
});
