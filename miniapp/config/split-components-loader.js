// H5 build only: `import { Text, View } from '@tarojs/components'` becomes one import per component, each from Taro's
// React wrappers module under its own resource query, so that every component is a module of its own.
// webpack decides which exports of a module are used once for the whole app, not per page: with the single wrappers
// module, every page that showed a View also downloaded every component some page uses (picker, textarea, input…).
// Runs after Babel (enforce: 'post'), so type-only specifiers are already gone.
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])@tarojs\/components\2;?/g;
const WRAPPERS = '@tarojs/components/lib/react/components.js';

module.exports = function splitComponentsLoader(source) {
  return source.replace(IMPORT, (_, specifiers) =>
    specifiers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((spec) => `import { ${spec} } from '${WRAPPERS}?component=${spec.split(/\s+as\s+/)[0]}';`)
      .join('\n'),
  );
};
