/**
 * What an archive entry can be (一戶一檔, rule 10). Each domain that files into the unit's file
 * adds its kinds here; components/archive-labels.ts names each in the reader's language, and the
 * compiler refuses a kind without a label.
 */
export const archiveKinds = [
	'move_in',
	'move_out',
	'document',
	'key',
	'meter_reading',
	'renovation',
	'letter',
	'notice',
	'bill',
	'payment',
	'deposit',
	'refund',
	'violation',
	'arrears',
	'repair',
	'complaint',
	'callback',
	'contact',
	'household',
	'service_application',
	'goods_release',
	'visit',
	'correction'
] as const;

export type ArchiveKind = (typeof archiveKinds)[number];

/**
 * Kinds kept for staff: a resident's view of their own part leaves them out. Callbacks (回訪) are
 * the office's check on its own work, with staff's notes.
 */
export const staffOnlyArchiveKinds: readonly ArchiveKind[] = ['callback'];
