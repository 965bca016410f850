// ESLint rule `hearth/own-function-lines`: a function's own lines — its code without the functions nested in it
// (each of those counts one line, where it starts) — stay under a maximum. A factory (`createXService(deps)`) is
// judged by its own wiring and each method it returns by its own body; ESLint's max-lines-per-function would
// count every method into the factory. Blank lines and comment-only lines are not counted.

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'suggestion',
    schema: [
      { type: 'object', properties: { max: { type: 'integer', minimum: 1 } }, additionalProperties: false },
    ],
    messages: { tooLong: '{{name}} has {{lines}} lines of its own (at most {{max}}): split it.' },
  },
  create(context) {
    const max = context.options[0]?.max ?? 80;
    const source = context.sourceCode;
    /** code lines of a node: lines holding at least one token that is not a comment */
    const codeLines = (node) => {
      const lines = new Set();
      for (const token of source.getTokens(node)) lines.add(token.loc.start.line);
      return lines;
    };
    const stack = [];
    const enter = (node) => stack.push({ node, nested: [] });
    const exit = (node) => {
      const frame = stack.pop();
      if (stack.length > 0) stack.at(-1).nested.push(node);
      const own = codeLines(node);
      // a nested function counts one line here (where it starts); its parameters and body are its own
      for (const inner of frame.nested) {
        if (inner.body?.type !== 'BlockStatement') continue; // an expression-bodied arrow counts where it stands
        for (const line of codeLines(inner)) if (line !== inner.loc.start.line) own.delete(line);
      }
      if (own.size > max) {
        const parent = node.parent;
        const name =
          node.id?.name ??
          (parent?.type === 'VariableDeclarator' ? parent.id.name : undefined) ??
          (parent?.type === 'Property' || parent?.type === 'MethodDefinition'
            ? parent.key?.name
            : undefined) ??
          'function';
        context.report({
          node,
          messageId: 'tooLong',
          data: { name, lines: String(own.size), max: String(max) },
        });
      }
    };
    return {
      FunctionDeclaration: enter,
      FunctionExpression: enter,
      ArrowFunctionExpression: enter,
      'FunctionDeclaration:exit': exit,
      'FunctionExpression:exit': exit,
      'ArrowFunctionExpression:exit': exit,
    };
  },
};
