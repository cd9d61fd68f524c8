import type { Locale } from '#lib/paraglide/runtime.js';
import type { RepairKind } from '../dictionaries/repair-kinds.ts';

/** A kind's name in each language, for messages rendered per recipient. */
export function kindNames(kind: Pick<RepairKind, 'nameEn' | 'nameZhHans' | 'nameZhHant'> | undefined): Record<Locale, string> {
	return { en: kind?.nameEn ?? '', 'zh-Hans': kind?.nameZhHans ?? '', 'zh-Hant': kind?.nameZhHant ?? '' };
}
