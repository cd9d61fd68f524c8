/**
 * The filters every staff log (the audit log, the unit files' read log) understands alike: one of
 * the reader's estates (another answers like a missing one), a person, and a span of days read
 * in the chosen estate's zone. Each log adds its own (a group, what was read).
 */
import { error } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { estates } from '../db/schema/index.ts';
import type { Actor } from './actor.ts';
import { inActorEstates } from './guards.ts';
import { isUuid } from '../kernel/ids.ts';
import { DEFAULT_TIME_ZONE, parseDate } from '#lib/time/index.ts';

export interface LogEstate {
	id: string;
	code: string;
	name: string;
	timeZone: string;
}

export interface LogFilterQuery {
	estate?: string | null;
	person?: string | null;
	from?: string | null;
	to?: string | null;
}

/** The estates the reader may filter by, by code. */
export function logEstates(actor: Actor, executor: Executor): Promise<LogEstate[]> {
	return executor
		.select({ id: estates.id, code: estates.code, name: estates.name, timeZone: estates.timeZone })
		.from(estates)
		.where(inActorEstates(actor, estates.id))
		.orderBy(asc(estates.code));
}

/** The shared filters as understood: unknown values dropped, a backward span turned round. */
export function logFilters(readerEstates: readonly LogEstate[], query: LogFilterQuery) {
	const estate = query.estate?.trim() ?? '';
	const chosen = estate ? readerEstates.find((e) => e.id === estate) : undefined;
	// An estate not the reader's answers like a missing one.
	if (estate && !chosen) error(404, 'Not found');
	const person = query.person?.trim() ?? '';
	let from = parseDate(query.from?.trim()) ?? '';
	let to = parseDate(query.to?.trim()) ?? '';
	if (from && to && from > to) [from, to] = [to, from];
	return {
		filters: { estate: chosen?.id ?? '', person: isUuid(person) ? person : '', from, to },
		timeZone: chosen?.timeZone ?? DEFAULT_TIME_ZONE
	};
}
