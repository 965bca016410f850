// Header binding and row input of the exchange sheets, table-driven: headers in Chinese (with or without unit) or
// API names, references by code/name/id with their priority, enum labels, network points from lon/lat.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY_RESOURCES } from '@hearth/contracts/registry';
import { objectShape } from '../../lib/zod-shape.ts';
import { bindHeader, headersByField, rowInput } from './sheet-binding.ts';

describe('bindHeader', () => {
  const cases: [string, string[], string[]][] = [
    ['Chinese with unit', ['编码', '名称', '容量 (MW)', '热源编码'], []],
    ['Chinese without unit', ['编码', '名称', '容量', '热源'], []],
    ['API names', ['code', 'name', 'capacityMw', 'heatSourceId', 'heatSourceCode'], []],
    ['export-only columns are accepted', ['ID', '编码', '创建时间', '所属企业名称', '热源名称'], []],
    ['unknown column', ['编码', '颜色'], ['颜色']],
    ['repeated column', ['编码', '编码'], ['编码']],
  ];
  for (const [name, header, bad] of cases)
    it(name, () => {
      const { problems } = bindHeader('stations', header, 1);
      assert.deepEqual(
        problems.map((p) => p.column),
        bad,
      );
    });
});

describe('rowInput', () => {
  const input = (resource: 'stations' | 'households' | 'valves', header: string[], fields: string[]) => {
    const { bindings } = bindHeader(resource, header, 1);
    return rowInput(resource, bindings, objectShape(REGISTRY_RESOURCES[resource].create), fields);
  };

  it('a code wins over an id from another database; a name is looked up when no code is given', () => {
    const { values, keys } = input(
      'stations',
      ['热源ID', '热源编码', '所属企业名称'],
      ['17', 'HS-1', '甲热力'],
    );
    assert.equal(values.heatSourceId, undefined, 'the stale id is dropped');
    assert.deepEqual(
      keys.map((k) => [k.field, k.by, k.value, k.column]),
      [
        ['heatSourceId', 'code', 'HS-1', '热源编码'],
        ['enterpriseId', 'name', '甲热力', '所属企业名称'],
      ],
    );
  });

  it('an id alone is the id; numbers are typed', () => {
    const { values, keys } = input('stations', ['热源ID', '容量 (MW)'], ['17', '12.50']);
    assert.deepEqual([values.heatSourceId, values.capacityMw, keys.length], [17, 12.5, 0]);
  });

  it('enum labels and codes, 是/否, empty cells absent', () => {
    const { values } = input(
      'households',
      ['编码', '计费方式', '本季已缴费', '困难类别', '户主'],
      ['H1', '按计量', '是', 'dibao', ''],
    );
    assert.deepEqual(values, { code: 'H1', billing: 'metered', paidThisSeason: true, vulnerable: 'dibao' });
  });

  it('a valve’s lon/lat become its GeoJSON point, named by the 经度 column', () => {
    const { bindings } = bindHeader('valves', ['编码', '经度', '纬度', '阀门类型'], 1);
    const { values } = rowInput('valves', bindings, objectShape(REGISTRY_RESOURCES.valves.create), [
      'V1',
      '117.2',
      '39.1',
      '蝶阀',
    ]);
    assert.deepEqual(values, {
      code: 'V1',
      kind: 'butterfly',
      geometry: { type: 'Point', coordinates: [117.2, 39.1] },
    });
    assert.equal(headersByField('valves', bindings).get('geometry'), '经度');
  });
});
