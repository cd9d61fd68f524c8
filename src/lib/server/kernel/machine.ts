/**
 * The one shape of a life cycle (repairs, quotes, callbacks, rectifications, refunds, payments,
 * bills…): states, actions, who may take each (capacities the domain works out for an actor on a
 * case), and what each requires. Services call take() before writing — in the transaction that
 * writes the new state and its event — and pages ask open() which actions to offer, so both read
 * the same table.
 */
import { error } from '@sveltejs/kit';
import { StaleStateError } from './input-error.ts';

export interface Transition<S extends string, C extends string> {
	/** States the action may be taken in. */
	from: readonly S[];
	/** The state it leads to; 'same' keeps it (the event still records what happened). */
	to: S | 'same';
	/** Capacities of which any one allows it. */
	by: readonly C[];
	/** What the action must carry (a reason, a slot, a signature…), checked by its service. */
	needs?: readonly string[];
}

export interface Machine<S extends string, C extends string, A extends string> {
	readonly states: readonly S[];
	readonly transitions: Readonly<Record<A, Transition<S, C>>>;
	readonly actions: readonly A[];
	/** Whether these capacities may take the action in this state. */
	can(state: S, action: A, capacities: ReadonlySet<C>): boolean;
	/** The state the action leads to, or null when it is not open. */
	next(state: S, action: A, capacities: ReadonlySet<C>): S | null;
	/** The actions open in this state to these capacities, in the table's order. */
	open(state: S, capacities: ReadonlySet<C>): A[];
	/**
	 * The next state, or a refusal: 403 when these capacities may never take the action, a
	 * StaleStateError (a message the person can act on) when the case has moved on.
	 */
	take(state: S, action: A, capacities: ReadonlySet<C>, staleMessage?: string): S;
}

export function defineMachine<S extends string, C extends string, A extends string>(
	states: readonly S[],
	transitions: Record<A, Transition<S, C>>
): Machine<S, C, A> {
	const actions = Object.keys(transitions) as A[];
	const can = (state: S, action: A, capacities: ReadonlySet<C>) => {
		const t = transitions[action];
		return t.from.includes(state) && t.by.some((c) => capacities.has(c));
	};
	const next = (state: S, action: A, capacities: ReadonlySet<C>): S | null => {
		if (!can(state, action, capacities)) return null;
		const to = transitions[action].to;
		return to === 'same' ? state : to;
	};
	return {
		states,
		transitions,
		actions,
		can,
		next,
		open: (state, capacities) => actions.filter((action) => can(state, action, capacities)),
		take(state, action, capacities, staleMessage) {
			const to = next(state, action, capacities);
			if (to !== null) return to;
			if (!transitions[action].by.some((c) => capacities.has(c))) error(403, 'Forbidden');
			throw new StaleStateError(staleMessage);
		}
	};
}
