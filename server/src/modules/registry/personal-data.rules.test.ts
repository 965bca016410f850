// Masking of personal data, case by case, and who sees what.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES } from '@hearth/contracts/auth';
import { maskName, maskPhone, presentPersonal, type PersonalField } from './personal-data.rules.ts';

describe('maskName', () => {
  for (const [input, expected] of [
    ['张三', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    [' 赵六 ', '赵*'],
    ['John Smith', 'J*********'],
  ] as const)
    it(`${input} → ${expected}`, () => assert.equal(maskName(input), expected));
});

describe('maskPhone', () => {
  for (const [input, expected] of [
    ['13812345678', '138****5678'],
    ['022-23456789', '022*****6789'],
    ['12345678', '123*5678'],
    ['12345', '***45'],
    ['12', '**'],
  ] as const)
    it(`${input} → ${expected}`, () => assert.equal(maskPhone(input), expected));
});

describe('presentPersonal', () => {
  const fields: PersonalField[] = [
    { field: 'ownerName', kind: 'householdOwner', as: 'name' },
    { field: 'phone', kind: 'staffContact', as: 'phone' },
  ];
  const item = { id: 1, ownerName: '王小明', phone: '13812345678', note: null };
  const expected: Record<string, [string, string]> = {
    admin: ['王小明', '13812345678'],
    supervisor: ['王小明', '13812345678'],
    enterprise: ['王小明', '13812345678'],
    department: ['王**', '13812345678'],
    operator: ['王**', '13812345678'],
    viewer: ['王**', '138****5678'],
  };
  for (const role of ROLES) {
    it(role, () => {
      const shown = presentPersonal(item, fields, role);
      assert.deepEqual([shown.ownerName, shown.phone], expected[role]);
      assert.equal(item.ownerName, '王小明', 'the original is never changed');
    });
  }
  it('leaves empty values alone', () => {
    assert.deepEqual(presentPersonal({ ownerName: null, phone: '' }, fields, 'viewer'), {
      ownerName: null,
      phone: '',
    });
  });
});
