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

/** The domain folders under src/lib/server: the kernel imports none of them. */
const domains = ['accounts', 'appointments', 'archive', 'boot', 'callbacks', 'calendar', 'complaints', 'deadlines', 'dictionaries', 'fees']
	.concat(['files', 'frontdesk', 'goods-release', 'moves', 'notify', 'payments', 'property', 'receipts', 'renovations', 'repairs'])
	.concat(['reports', 'residents', 'seed', 'service-applications', 'staff-admin', 'staff-home', 'surveys', 'widget']);

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
				projectService: { allowDefaultProject: ['*.js', 'static/widget/*.js'] },
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
		// Dependencies point one way (README, Architecture): kernel ← domains ← routes. Server code
		// never reaches into UI components…
		files: ['src/lib/server/**/*.ts', 'src/lib/schemas/**/*.ts', 'src/lib/time/**/*.ts', 'src/lib/money/**/*.ts'],
		ignores: ['**/*.test.ts', '**/testing/**', '**/test-*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/components/*', '#lib/components/*'], message: 'Server code does not import UI components.' }] }
			]
		}
	},
	{
		// …and the kernel (time, money, errors, machines, events, config, the database) knows no domain.
		files: [
			'src/lib/server/kernel/**/*.ts',
			'src/lib/server/events/**/*.ts',
			'src/lib/server/db/**/*.ts',
			'src/lib/server/config.ts',
			'src/lib/time/**/*.ts',
			'src/lib/money/**/*.ts'
		],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/components/*', ...domains.flatMap((domain) => [`../${domain}/*`, `#lib/server/${domain}/*`])],
							message: 'The kernel imports no domain: a domain adds to it (e.g. event kinds by declaration merging).'
						}
					]
				}
			]
		}
	},
	{
		// <script lang="ts"> in components, and runes in .svelte.ts modules.
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	}
);
