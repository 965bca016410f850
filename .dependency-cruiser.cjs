// Import rules of the tree (issue 9), checked by `npm run lint` (depcruise): no cycles — type-only imports
// included —, modules meet through services and types, web features through their public files.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle (type-only imports count): the two sides cannot be understood or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-private-files',
      severity: 'error',
      comment:
        'Another module is reached through its service, routes, rules or types — never its repository, tables or ' +
        'migrations (only its own folder, db/ and the composition root touch those).',
      // a worker thread's entry file is a composition root of its own
      from: { path: '^server/src/modules/([^/]+)/', pathNot: '[.]worker[.]ts$' },
      to: {
        path: '^server/src/modules/[^/]+/.+[.](repository|tables|migration)[.]ts$',
        pathNot: '^server/src/modules/$1/',
      },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'contracts/ is shared by server, web and devices: it imports none of them.',
      from: { path: '^contracts/' },
      to: { path: '^(server|web|bench)/' },
    },
    {
      name: 'server-not-from-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
  ],
  options: {
    includeOnly: '^(server|contracts|web|bench|e2e)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
    },
    doNotFollow: { path: 'node_modules' },
  },
};
