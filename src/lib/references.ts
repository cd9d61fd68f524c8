// How people quote a record on the phone, in reminders and on receipts: a letter and the
// record's sequence number, the same on every page and in every language.

/** B000042: a bill. */
export function billReference(seq: number): string {
	return `B${String(seq).padStart(6, '0')}`;
}

/** F000007: a refund. */
export function refundReference(seq: number): string {
	return `F${String(seq).padStart(6, '0')}`;
}

/** Z000003: a renovation application (裝修). */
export function renovationReference(seq: number): string {
	return `Z${String(seq).padStart(6, '0')}`;
}

/** P000012: a construction permit (施工許可證). */
export function permitReference(seq: number): string {
	return `P${String(seq).padStart(6, '0')}`;
}

/** W000031: a worker pass (出入證). */
export function passReference(seq: number): string {
	return `W${String(seq).padStart(6, '0')}`;
}

/** H000005: a hot-work permit (動火證). */
export function hotWorkReference(seq: number): string {
	return `H${String(seq).padStart(6, '0')}`;
}

/** S000004: a satisfaction survey. */
export function surveyReference(seq: number): string {
	return `S${String(seq).padStart(6, '0')}`;
}

/** K000009: a correction of a bill (void, credit, line adjustment, write-off). */
export function correctionReference(seq: number): string {
	return `K${String(seq).padStart(6, '0')}`;
}

/** CN000004: a credit note (貸項通知單). */
export function creditNoteReference(seq: number): string {
	return `CN${String(seq).padStart(6, '0')}`;
}

/** G000123: a goods release slip (放行單), typed by the guard at the gate. */
export function releaseReference(seq: number): string {
	return `G${String(seq).padStart(6, '0')}`;
}

/** A000123: a service application (服務申請): a door-lock change, after-hours air-conditioning… */
export function serviceApplicationReference(seq: number): string {
	return `A${String(seq).padStart(6, '0')}`;
}

/** V000123: a visit to a customer (拜訪客戶). */
export function visitReference(seq: number): string {
	return `V${String(seq).padStart(6, '0')}`;
}

/** A notice (通知 / 公告): N000001. */
export function noticeReference(seq: number): string {
	return `N${String(seq).padStart(6, '0')}`;
}
