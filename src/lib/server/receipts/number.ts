/** A receipt's printed number from its sequence: 123 → "R-000123" (more digits once past a million). */
export function receiptNumber(seq: number): string {
	return `R-${String(seq).padStart(6, '0')}`;
}

/** Where a receipt's PDF is served (src/routes/files/receipt/[id]). */
export function receiptHref(receiptId: string): string {
	return `/files/receipt/${receiptId}`;
}

/** The download name of a receipt's PDF. */
export function receiptFilename(seq: number): string {
	return `receipt-${receiptNumber(seq)}.pdf`;
}
