import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'web/static/**',
      '**/node_modules/**',
      '**/.data/**',
      '**/.tools/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/generated/**',
      '**/test-results/**',
      '**/*.scratch.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in env.ts only.' },
      ],
    },
  },
  {
    files: [
      '**/env.ts',
      'scripts/**',
      '**/*.spec.ts',
      '**/*.test.ts',
      '**/*.bench.ts',
      '**/vitest.config.ts',
      'e2e/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
