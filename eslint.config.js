import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/']},
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly', fetch: 'readonly'}},
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', {null: 'ignore'}],
      'prefer-const': 'error',
      'no-process-exit': 'off',
    },
  },
  {
    // process.exit belongs to the entry point only; everywhere else errors propagate to one renderer.
    files: ['src/**/*.ts'],
    rules: {'no-restricted-properties': ['error', {object: 'process', property: 'exit', message: 'Throw a MetricsError; the base command renders it and sets the exit code.'}]},
  },
)
