// The own-lines rule: a function's nested functions count one line each in it; its own code counts fully.
import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import rule from './own-function-lines.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const lines = (n: number, indent = '  ') =>
  Array.from({ length: n }, (_, i) => `${indent}const v${i} = ${i};`).join('\n');
const tester = new RuleTester();

tester.run('own-function-lines', rule, {
  valid: [
    // two lines and a 6-line method: the factory counts 5 (signature, two lines, the method's first line, end)
    {
      code: `function f() {\n${lines(2)}\n  function m() {\n${lines(4, '    ')}\n  }\n}`,
      options: [{ max: 6 }],
    },
    // blank and comment lines do not count
    { code: `function f() {\n\n  // why\n${lines(2)}\n}`, options: [{ max: 4 }] },
  ],
  invalid: [
    { code: `function f() {\n${lines(6)}\n}`, options: [{ max: 6 }], errors: [{ messageId: 'tooLong' }] },
    {
      // a long method is reported itself, not its factory
      code: `const make = () => ({\n  m() {\n${lines(8, '    ')}\n  },\n});`,
      options: [{ max: 6 }],
      errors: [{ messageId: 'tooLong', data: { name: 'm', lines: '10', max: '6' } }],
    },
  ],
});
