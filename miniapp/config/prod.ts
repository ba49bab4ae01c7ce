import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {
    // WXML whitespace is collapsed in the output; JS and WXSS are minified by terser and csso in production.
    minifyXML: { collapseWhitespace: true },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
