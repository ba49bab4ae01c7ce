import { join } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { BundleStatsPlugin, PrecompressPlugin } from './webpack-plugins';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xjy-miniapp',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One output folder per platform so weapp and h5 builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of the
        // component wrappers (~80 KB each). Splitting async chunks too shares them once.
        const splitChunks = chain.optimization.get('splitChunks');
        // Taro's minSize 0 also cut dozens of 1–2 KB chunks, each a round trip (and ~1 KB of headers) on a slow
        // network: below 10 KB a shared module is copied into its pages instead.
        if (splitChunks) {
          chain.optimization.splitChunks({
            ...splitChunks,
            chunks: 'all',
            minSize: 10_000,
            // The map library in its own named chunk, fetched only when a map is shown (station-map/index.h5.tsx).
            cacheGroups: { ...splitChunks.cacheGroups, leaflet: { test: /[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?leaflet[\\/]/, name: 'leaflet', chunks: 'async', priority: 200, enforce: true } },
          });
        }
        // Taro's request API imports fetch/AbortController polyfills and a JSONP client on every page (~27 KB):
        // the browsers we support have both, and the app never asks for JSONP.
        chain.resolve.alias.set('whatwg-fetch$', join(__dirname, 'stubs/empty.js'));
        chain.resolve.alias.set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', join(__dirname, 'stubs/empty.js'));
        chain.resolve.alias.set('jsonp-retry$', join(__dirname, 'stubs/jsonp.js'));
        // One module per Taro component wrapper, so a page downloads only the components it renders (see the loader).
        chain.module
          .rule('split-taro-components')
          .test(/\.[jt]sx?$/)
          .include.add(join(__dirname, '../src'))
          .end()
          .enforce('post')
          .use('split-components')
          .loader(join(__dirname, 'split-components-loader.js'));
        // Taro's component stylesheet inlines its icon font (for <Icon>, checkbox and radio glyphs) as a data: URL, and
        // css-loader put it in the app's entry script: ~3 KB brotli on every first load, for glyphs most pages never draw.
        // As a file, the browser fetches it only when a glyph in that font is drawn.
        chain.module
          .rule('taro-icon-font')
          .set('scheme', 'data')
          .set('mimetype', 'application/octet-stream')
          .set('type', 'asset/resource')
          .set('generator', { filename: 'static/fonts/taro-icons.[contenthash:8].ttf' });
        // Brotli and gzip copies of every text asset, served by the server's static handler as they are.
        if (process.env.NODE_ENV !== 'development') chain.plugin('precompress').use(PrecompressPlugin);
        if (process.env.XJY_BUNDLE_STATS) chain.plugin('bundle-stats').use(BundleStatsPlugin, [process.env.XJY_BUNDLE_STATS]);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
