import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, each allowed to import only from those below it: core knows nothing of the rest; app
 * builds on core and never on adapters, runtime or wiring; adapters and runtime never reach into wiring, the
 * composition that uses them. `forbidden` names the src/ folders a layer must not import from (`except` turns
 * it around: every folder but these). Imports are relative, so each depth below src/ gets its own pattern.
 */
const LAYERS = [
  {
    layer: 'core',
    except: ['core'],
    why: 'core imports nothing outside src/core: pass it in, or move it into core',
  },
  {
    layer: 'app',
    forbidden: ['adapters', 'runtime', 'wiring'],
    why: 'app imports no adapters, runtime or wiring: they build on app, not the other way round',
  },
  { layer: 'adapters', forbidden: ['wiring'], why: 'adapters import no wiring: wiring composes them' },
  {
    layer: 'runtime',
    forbidden: ['adapters', 'wiring'],
    why: 'runtime imports no adapters or wiring: adapters build on runtime, wiring composes both',
  },
];
const MAX_DEPTH = 4;

/** An import from a file `depth` folders below src/ that lands in a folder the layer must not import from. */
function crossing({ forbidden, except, why }, depth) {
  const toSrc = `^(\\.\\./){${depth}}`;
  const regex = except ? `${toSrc}(?!(${except.join('|')})/)` : `${toSrc}(${forbidden.join('|')})(/|\\.js$)`;
  return { regex, message: why };
}

const layerRules = LAYERS.flatMap((layer) =>
  Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((depth) => ({
    files: [`src/${layer.layer}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [crossing(layer, depth)] }] },
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Command-line fronts and benchmarks print to the terminal by design.
    files: ['src/cli/**', 'bench/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  ...layerRules,
);
