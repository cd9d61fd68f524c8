/**
 * A notice's text in the reader's language (pages and server). Staff may leave a language empty:
 * the reader then gets another one, and `fallback` says so, so the page can mark it rather than
 * pass one language off as another. Chinese readers get the other Chinese script before English.
 */
export type NoticeLocale = 'en' | 'zh-Hans' | 'zh-Hant';
export type NoticeTexts = Record<NoticeLocale, string>;

export const noticeLocales: readonly NoticeLocale[] = ['en', 'zh-Hant', 'zh-Hans'];

const order: Record<NoticeLocale, readonly NoticeLocale[]> = {
	en: ['en', 'zh-Hant', 'zh-Hans'],
	'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
	'zh-Hans': ['zh-Hans', 'zh-Hant', 'en']
};

export interface LocalizedText {
	text: string;
	/** The language the text is in. */
	locale: NoticeLocale;
	/** Whether it is not the reader's own language. */
	fallback: boolean;
}

export function noticeText(texts: NoticeTexts, reader: string): LocalizedText {
	const wanted: NoticeLocale = reader === 'zh-Hans' || reader === 'zh-Hant' ? reader : 'en';
	for (const locale of order[wanted]) {
		const text = texts[locale]?.trim() ?? '';
		if (text) return { text, locale, fallback: locale !== wanted };
	}
	return { text: '', locale: wanted, fallback: false };
}
