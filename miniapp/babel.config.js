// Taro's preset for builds; plain presets under jest, where Taro's webpack-specific plugins do not apply.
module.exports = (api) => {
  if (api.env('test')) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        ['@babel/preset-typescript', { allowDeclareFields: true }],
      ],
    };
  }
  // H5 runs in today's phone browsers and WeChat's built-in one (Chromium 86+ / iOS WebKit 13+): compiling down to
  // ES5 for "Android 4.1" made the first load a quarter bigger. The mini-program keeps package.json's browserslist.
  const h5Targets = process.env.TARO_ENV === 'h5' ? { targets: 'chrome >= 80, safari >= 13, ios >= 13, android >= 80, firefox >= 78' } : {};
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...h5Targets }]],
  };
};
