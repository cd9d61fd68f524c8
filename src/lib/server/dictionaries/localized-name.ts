/** Every dictionary entry carries its name in the three UI languages. */
export interface LocalizedNames {
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
}

export function localizedName(entry: LocalizedNames, locale: string): string {
	if (locale === 'zh-Hans') return entry.nameZhHans;
	if (locale === 'zh-Hant') return entry.nameZhHant;
	return entry.nameEn;
}
