import type { QueueFilter } from '#lib/server/repairs/queries.ts';
import type { RepairState } from '#lib/server/repairs/machine.ts';
import { parseCaseAge, type CaseAge } from '#lib/case-age.ts';

export const queueStates: readonly RepairState[] = [
	'received',
	'assigned',
	'scheduled',
	'in_progress',
	'awaiting_signoff',
	'done',
	'cancelled'
];

/** What the queue's query string asks for; unknown values are dropped rather than refused. */
export interface QueueParams {
	estate: string;
	/** 'open' (the default), 'all' or one state. */
	state: 'open' | 'all' | RepairState;
	kind: string;
	mine: boolean;
	overdue: boolean;
	/** Only orders nobody has taken up yet (the desk's new requests on the staff home). */
	unowned: boolean;
	/** Only orders with a quote waiting for a supervisor. */
	quotes: boolean;
	/** Only requests from the public widget waiting to be matched to their sender. */
	unverified: boolean;
	/** Only visits whose proposed time (after a missed one) the resident has not confirmed. */
	unconfirmed: boolean;
	/** Only orders of this age band (the dashboard's figures link here with it). */
	age: CaseAge | null;
	q: string;
	/** Keyset cursor "<createdAt ISO>~<id>" of the last row of the previous page. */
	after: string;
}

export function queueParams(params: URLSearchParams): QueueParams {
	const state = params.get('state') ?? 'open';
	return {
		estate: (params.get('estate') ?? '').slice(0, 40),
		state: state === 'all' || queueStates.includes(state as RepairState) ? (state as QueueParams['state']) : 'open',
		kind: (params.get('kind') ?? '').slice(0, 40),
		mine: params.get('mine') === '1',
		overdue: params.get('overdue') === '1',
		unowned: params.get('unowned') === '1',
		quotes: params.get('quotes') === '1',
		unverified: params.get('unverified') === '1',
		unconfirmed: params.get('unconfirmed') === '1',
		age: parseCaseAge(params.get('age')),
		q: (params.get('q') ?? '').trim().slice(0, 20),
		after: (params.get('after') ?? '').slice(0, 80)
	};
}

export function toQueueFilter(p: QueueParams): QueueFilter {
	const [createdAt = '', id = ''] = p.after.split('~');
	return {
		estateId: p.estate || undefined,
		state: p.state === 'all' ? '' : p.state,
		kindId: p.kind || undefined,
		mine: p.mine,
		overdue: p.overdue,
		unowned: p.unowned,
		quotePending: p.quotes,
		unverified: p.unverified,
		timeUnconfirmed: p.unconfirmed,
		age: p.age,
		reference: p.q || undefined,
		after: p.after ? { createdAt, id } : null
	};
}

/** The query string for these filters and an optional cursor (the "next page" link). */
export function queueSearch(p: QueueParams, after: string | null): string {
	const params = new URLSearchParams();
	if (p.estate) params.set('estate', p.estate);
	if (p.state !== 'open') params.set('state', p.state);
	if (p.kind) params.set('kind', p.kind);
	if (p.mine) params.set('mine', '1');
	if (p.overdue) params.set('overdue', '1');
	if (p.unowned) params.set('unowned', '1');
	if (p.quotes) params.set('quotes', '1');
	if (p.unverified) params.set('unverified', '1');
	if (p.unconfirmed) params.set('unconfirmed', '1');
	if (p.age) params.set('age', p.age);
	if (p.q) params.set('q', p.q);
	if (after) params.set('after', after);
	const query = params.toString();
	return query ? `?${query}` : '?';
}
