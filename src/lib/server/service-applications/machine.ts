/**
 * A service application's life cycle as data (kernel/machine.ts): the resident submits it; the
 * approving department (or a manager) approves or rejects it, and marks an approved one done; the
 * resident may withdraw it while it waits. Approval bills the fee (service.ts).
 */
import { defineMachine } from '../kernel/machine.ts';
import type { Audience } from '../events/kinds.ts';

export const serviceApplicationStates = ['submitted', 'approved', 'rejected', 'done', 'withdrawn'] as const;
export type ServiceApplicationState = (typeof serviceApplicationStates)[number];

/** applicant: the occupancy that filed it; approver: staff of its department in its estate, or a manager there. */
export type ServiceCapacity = 'applicant' | 'approver';
export type ServiceAction = 'approve' | 'reject' | 'complete' | 'withdraw';

export const serviceApplicationMachine = defineMachine<ServiceApplicationState, ServiceCapacity, ServiceAction>(serviceApplicationStates, {
	approve: { from: ['submitted'], to: 'approved', by: ['approver'] },
	reject: { from: ['submitted'], to: 'rejected', by: ['approver'], needs: ['note'] },
	complete: { from: ['approved'], to: 'done', by: ['approver'] },
	withdraw: { from: ['submitted'], to: 'withdrawn', by: ['applicant'] }
});

/** What an application's timeline says; the resident reads all of it. */
export const serviceEventKinds = {
	submitted: 'all',
	approve: 'all',
	reject: 'all',
	complete: 'all',
	withdraw: 'all'
} as const satisfies Record<string, Audience>;
export type ServiceEventKind = keyof typeof serviceEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		service_application: ServiceEventKind;
	}
}
