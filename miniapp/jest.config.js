/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  // Platform files resolve like the h5 build: `./privacy-platform` → `privacy-platform.h5.ts`.
  moduleFileExtensions: ['h5.ts', 'h5.tsx', 'ts', 'tsx', 'js', 'jsx', 'json'],
  setupFiles: ['<rootDir>/test/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: { '^.+\\.(m?j|t)sx?$': 'babel-jest' },
  // pnpm keeps packages under node_modules/.pnpm/<name@version>/node_modules/<name>; Taro's are ESM and need babel.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@tarojs|@stencil|tslib|swiper|ssr-window|dom7)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@xjy/shared/(.*)$': '<rootDir>/../shared/src/$1',
    '^@xjy/shared$': '<rootDir>/../shared/src/index',
    '\\.(css|scss)$': '<rootDir>/test/style-mock.ts',
    '\\.(png|svg)$': '<rootDir>/test/style-mock.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  clearMocks: true,
};
