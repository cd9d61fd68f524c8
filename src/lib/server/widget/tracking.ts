import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { phoneDigits, phoneKey } from '#lib/phone.ts';
import { widgetTrackSchema } from '#lib/schemas/widget.ts';
import { minutesLocked, recordFailure } from '../accounts/throttle.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { widgetRequests } from '../db/schema/index.ts';
import { complaintPublicStatus } from '../complaints/public-status.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { repairPublicStatus } from '../repairs/public-status.ts';
import type { PublicWidget } from './settings.ts';

/** Wrong guesses are counted per client address and per code: 20 and 5 in 15 minutes. */
const trackLimits = () => ({ ...config().login, windowMs: 15 * 60 * 1000 });

/** Whether what the visitor typed proves the case is theirs: the phone's last 4 digits, or the email. */
function proves(proof: string, request: { phone: string; email: string }): boolean {
	const typed = proof.trim();
	if (typed.includes('@')) return request.email !== '' && typed.toLowerCase() === request.email.toLowerCase();
	// The last four digits as typed: phoneKey would read a leading "00" as an international prefix
	// and drop it (a phone ending in 0042 could never be proved).
	const digits = phoneDigits(typed);
	return digits.length === 4 && request.phone !== '' && phoneKey(request.phone).endsWith(digits);
}

/**
 * A case by its tracking code and the proof that it is the visitor's. A wrong pair says only that
 * nothing matches (never whether the code exists) and counts against the address and the code.
 */
export async function trackWidgetCase(widget: PublicWidget, raw: unknown, { ip, now = new Date() }: { ip: string; now?: Date }) {
	const input = parseInput(widgetTrackSchema, raw);
	const keys = [
		{ key: `widget-track-ip:${ip}`, max: 20 },
		{ key: `widget-track-code:${input.trackingCode.slice(0, 12)}`, max: 5 }
	];
	const minutes = await minutesLocked(keys, now, trackLimits());
	if (minutes !== null) throw new InputError('', m.widget_slow_down({ minutes: String(minutes) }));
	const [request] = await db().select().from(widgetRequests).where(eq(widgetRequests.trackingCode, input.trackingCode));
	if (!request || request.estateId !== widget.estateId || !request.caseId || !proves(input.proof, request)) {
		await recordFailure(
			keys.map((k) => k.key),
			now,
			trackLimits()
		);
		throw new InputError('trackingCode', m.widget_track_no_match());
	}
	const status =
		request.caseType === 'repair' ? await repairPublicStatus(db(), request.caseId) : await complaintPublicStatus(db(), request.caseId);
	if (!status) throw new InputError('trackingCode', m.widget_track_no_match());
	return status;
}
