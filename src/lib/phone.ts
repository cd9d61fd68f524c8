/**
 * The one comparison key of a phone number, however it was typed or stored: "+852 5123 4567",
 * "5123-4567", "85251234567", "(852) 5123 4567" and "００８５２５１２３４５６７" all give "51234567"; a
 * mainland mobile "+86 138 0013 8000" gives "13800138000". Only digits count (a Chinese
 * keyboard's full-width digits too); an international "00" prefix is dropped, then Hong Kong's 852
 * before eight digits and the mainland's 86 before an eleven-digit mobile number. Other numbers
 * keep every digit.
 *
 * The same rule runs in SQL over stored numbers (server/kernel/phone-key-sql.ts, tested against
 * this one): change both together.
 */
export function phoneKey(text: string): string {
	return phoneDigits(text)
		.replace(/^00/, '')
		.replace(/^852([0-9]{8})$/, '$1')
		.replace(/^86(1[0-9]{10})$/, '$1');
}

/** Only the digits of what was typed, full-width ones as plain: "５１-23" gives "5123" (no prefix rules). */
export function phoneDigits(text: string): string {
	return text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[^0-9]/g, '');
}

/** The fewest digits a key needs before a search treats the text as a phone number. */
const PHONE_KEY_MIN_DIGITS = 6;

/**
 * Whether typed text is meant as a phone number: digits with the usual separators and an optional
 * leading +, and enough digits to be one.
 */
export function looksLikePhone(text: string): boolean {
	const plain = text.normalize('NFKC').trim();
	return /^\+?\(?[0-9][0-9 ()./-]*$/.test(plain) && phoneKey(plain).length >= PHONE_KEY_MIN_DIGITS;
}
