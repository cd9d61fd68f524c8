import fs from 'node:fs';

export const localeTags = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type LocaleTag = (typeof localeTags)[number];

/**
 * One domain's message texts in one language, read from the message files, so that journeys
 * follow a reworded label instead of breaking on it.
 */
export function messages(domain: string, locale: LocaleTag = 'en'): Record<string, string> {
	const all = JSON.parse(fs.readFileSync(`messages/${domain}/${locale}.json`, 'utf8')) as Record<string, unknown>;
	return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** A message with its {placeholders} filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
