/**
 * What the front desk typed, read once for every finder: a phone number (as its key), an email, a
 * unit, a reference or a name. The readings exclude each other where one is plain ("R000123" is a
 * reference, not a name), so each finder asks only what the text can mean.
 */
import { looksLikePhone, phoneKey } from '#lib/phone.ts';
import { unitTexts, type UnitText } from './unit-text.ts';

/** Longer input is cut here: nothing anyone quotes on the phone is longer. */
export const FIND_MAX_LENGTH = 100;
/** The least a search needs: two characters (a Chinese name may be two). */
const FIND_MIN_LENGTH = 2;
/** Latin-script names need three letters: fewer match half the registry and no index serves them. */
const LATIN_NAME_MIN_LENGTH = 3;

/** A record's reference as people quote it: the letter and the sequence number. */
export interface TypedReference {
	/** R: repair (R000123) or receipt (R-000123), B: bill. */
	letter: string;
	seq: number;
}

export interface FindQuery {
	text: string;
	/** phoneKey of the text, when it is a phone number. */
	phone: string | null;
	/** The text lower-cased, when it is (part of) an email address. */
	email: string | null;
	units: UnitText[];
	reference: TypedReference | null;
	/** The text to look for in names, when it can be one. */
	name: string | null;
}

export type FindProblem = 'empty' | 'too_short';

const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

function readReference(text: string): TypedReference | null {
	const match = /^([A-Z])[- ]?([0-9]{1,12})$/.exec(text.normalize('NFKC').toUpperCase().replace(/\s+/g, ''));
	if (!match) return null;
	const seq = Number(match[2]);
	return Number.isSafeInteger(seq) && seq > 0 ? { letter: match[1]!, seq } : null;
}

export function readFindQuery(raw: string | null | undefined): FindQuery | FindProblem {
	const text = (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, FIND_MAX_LENGTH).trim();
	if (!text) return 'empty';
	if ([...text].length < FIND_MIN_LENGTH) return 'too_short';
	const phone = looksLikePhone(text) ? phoneKey(text) : null;
	const email = text.includes('@') ? text.toLowerCase() : null;
	const reference = phone ? null : readReference(text);
	const units = phone || email || reference ? [] : unitTexts(text);
	const nameLike = !phone && !email && !reference && units.length === 0 && /\p{L}/u.test(text);
	const name = nameLike && (hasHan(text) || text.length >= LATIN_NAME_MIN_LENGTH) ? text : null;
	if (!phone && !email && !reference && units.length === 0 && !name) return 'too_short';
	return { text, phone, email, units, reference, name };
}
