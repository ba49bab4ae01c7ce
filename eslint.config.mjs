import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.test-out/**', 'data/**', 'bench/results/**', 'miniapp/.swc/**', '**/*.d.ts.map'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    // Only repositories touch TypeORM: services and controllers ask a repository (or the transaction runner's
    // UnitOfWork, passed through) so queries have one home per feature.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/**/*.repository.ts',
      'server/src/**/*.entity.ts',
      'server/src/**/*.module.ts',
      'server/src/database/**',
      'server/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'Only repositories, entities and src/database use TypeORM; ask a repository (pass a UnitOfWork for a transaction).' },
            { name: '@nestjs/typeorm', message: 'Only repositories, entities and src/database use TypeORM; ask a repository.' },
          ],
          patterns: [{ group: ['typeorm/*', '@nestjs/typeorm/*'], message: 'Only repositories, entities and src/database use TypeORM.' }],
        },
      ],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Test harnesses read untyped HTTP bodies.
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.spec.tsx', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
