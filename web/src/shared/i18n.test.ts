// The console's label helpers: dictionary keys, contracts' enum labels and units in Chinese and English.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_LABELS, ROLES } from '@hearth/contracts/auth';
import { ENGLISH_LABELS } from '@hearth/contracts/labels-en';
import { FUEL_LABELS, HEAT_SOURCE_TYPE_LABELS, HEAT_SOURCE_TYPES } from '@hearth/contracts/registry';
import { enumLabel, pick, translate, unitIn } from './i18n.ts';

const HAN = /[\u3400-\u9fff]/;

describe('console labels', () => {
  it('translates dictionary keys with placeholders', () => {
    assert.equal(translate('zh', 'common.total', { n: 5 }), '共 5 条');
    assert.equal(translate('en', 'common.total', { n: 5 }), '5 in total');
  });

  it('gives role labels in Chinese by default and in English on request', () => {
    assert.equal(enumLabel('zh', ROLE_LABELS, 'supervisor'), '供热主管部门');
    assert.equal(enumLabel('en', ROLE_LABELS, 'supervisor'), 'Heating authority');
    for (const role of ROLES) assert.doesNotMatch(enumLabel('en', ROLE_LABELS, role), HAN, role);
  });

  it('has an English twin for every value of every contracts label map', () => {
    for (const [zh, en] of ENGLISH_LABELS) {
      for (const key of Object.keys(zh)) {
        const label = en[key];
        assert.ok(label, key);
        assert.doesNotMatch(label, HAN, key);
      }
    }
    for (const t of HEAT_SOURCE_TYPES) assert.notEqual(enumLabel('en', HEAT_SOURCE_TYPE_LABELS, t), t);
    assert.equal(enumLabel('en', HEAT_SOURCE_TYPE_LABELS, 'chp'), 'Combined heat and power');
    assert.equal(enumLabel('en', FUEL_LABELS, 'gas'), 'Natural gas');
  });

  it('falls back to an explicit English map, then the Chinese label, then the raw value', () => {
    const local = { gate: '闸阀' };
    assert.equal(enumLabel('en', local, 'gate', { gate: 'Gate valve' }), 'Gate valve');
    assert.equal(enumLabel('en', local, 'gate'), '闸阀');
    assert.equal(enumLabel('en', local, 'other'), 'other');
    assert.equal(enumLabel('zh', undefined, 'x'), 'x');
  });

  it('words units and bilingual labels in the chosen language', () => {
    assert.equal(unitIn('en', 't/h 或 m³/h'), 't/h or m³/h');
    assert.equal(unitIn('zh', 't/h 或 m³/h'), 't/h 或 m³/h');
    assert.equal(unitIn('en', '℃'), '℃');
    assert.equal(pick('en', '热源', 'Heat source'), 'Heat source');
    assert.equal(pick('en', '热源', undefined), '热源');
  });
});
