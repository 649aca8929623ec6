import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine is a pure, deterministic simulation: it gets time from the simulated clock and
// randomness from the seeded RNG, and it never touches React, the DOM or Monaco.
const enginePurity = {
  files: ['src/engine/**/*.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'The engine must not depend on React or UI state: the store adapts it.' },
        { group: ['monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'monaco-yaml/*'], message: 'The engine must not depend on Monaco.' },
        { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The engine runs in the browser too: no Node built-ins.' },
        { group: ['**/ui/**', '**/store/**', '**/cli/**'], message: 'Data flows one way: the engine never imports the layers above it.' },
      ],
    }],
    'no-restricted-globals': ['error',
      { name: 'window', message: 'No DOM in the engine.' },
      { name: 'document', message: 'No DOM in the engine.' },
      { name: 'navigator', message: 'No DOM in the engine.' },
      { name: 'localStorage', message: 'No DOM in the engine.' },
      { name: 'setTimeout', message: 'Use the simulated clock (clock.after).' },
      { name: 'setInterval', message: 'Use the simulated clock (clock.every).' },
      { name: 'clearTimeout', message: 'Use the simulated clock.' },
      { name: 'clearInterval', message: 'Use the simulated clock.' },
      { name: 'requestAnimationFrame', message: 'Use the simulated clock.' },
      { name: 'queueMicrotask', message: 'The engine is synchronous and deterministic.' },
      { name: 'performance', message: 'Use the simulated clock.' },
      { name: 'process', message: 'No Node globals in the engine.' },
      { name: 'fetch', message: 'The engine never reaches the network.' },
    ],
    'no-restricted-properties': ['error',
      { object: 'Date', property: 'now', message: 'Use the simulated clock (clock.now).' },
      { object: 'Math', property: 'random', message: 'Use the seeded RNG (cluster.rng).' },
    ],
    'no-restricted-syntax': ['error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock: use the simulated clock.' },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'e2e-artifacts', 'src/schemas/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  enginePurity,
);
