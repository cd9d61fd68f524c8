// @ts-check
// ESLint with type information (typescript-eslint's project service reads tsconfig.json, so run
// `npm run i18n && svelte-kit sync` first: `npm run lint` does). Formatting is Prettier's job:
// eslint-config-prettier switches off every rule that would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

export default defineConfig(
	// Generated or built: .gitignore lists them too, but ESLint does not read it.
	globalIgnores(['build/', 'build-*/', '.svelte-kit/', 'src/lib/paraglide/', 'data/', 'tmp/', 'test-results/', 'playwright-report/']),
	js.configs.recommended,
	ts.configs.recommendedTypeChecked,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['*.js'] },
				tsconfigRootDir: import.meta.dirname,
				// The same for TypeScript and Svelte files, or the project service reloads between them.
				extraFileExtensions: ['.svelte']
			}
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			// TypeScript already reports undefined names, and knows the globals better.
			'no-undef': 'off',
			// Off: the app has no `paths.base`, so a plain href is already right; wrapping 130 links
			// in resolve() would change nothing a person sees.
			'svelte/no-navigation-without-resolve': 'off',
			// Off: `async` on a function that implements a promise-returning interface is deliberate
			// (a throw becomes a rejection, like the real implementation's).
			'@typescript-eslint/require-await': 'off',
			// A promise nobody awaits loses its errors and its ordering; a promise handed to a place
			// that expects a plain function is never awaited.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// `_name` marks a parameter or binding that must exist but is not used.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					args: 'after-used',
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrors: 'all',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
					ignoreRestSiblings: true
				}
			]
		}
	},
	{
		// Vitest types its asymmetric matchers (expect.any(String), expect.stringMatching(…)) as `any`,
		// so every `{ id: expect.any(String) }` would count as an unsafe assignment. A test's own
		// `as any` is still reported by no-explicit-any.
		files: ['**/*.test.ts', 'tests/**'],
		rules: { '@typescript-eslint/no-unsafe-assignment': 'off' }
	},
	{
		// <script lang="ts"> in components, and runes in .svelte.ts modules.
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	}
);
