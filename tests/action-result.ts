import { isActionFailure, type ActionFailure } from '@sveltejs/kit';

/** The data of the fail(...) among an action's answers. */
type FailureData<R> = R extends ActionFailure<infer D> ? D : never;

/**
 * An action's answer that must be a fail(...): its status and data, typed as the action's own
 * failure data. For an action typed only by `Actions` (not `satisfies Actions`) the answer's type
 * says nothing, so the test names the data: `failure<{ form: SuperValidated<JoinInput> }>(answer)`.
 */
export function failure<D = never, R = unknown>(answer: R): { status: number; data: [D] extends [never] ? FailureData<R> : D } {
	if (!isActionFailure(answer)) throw new Error(`expected the action to fail, but it answered ${JSON.stringify(answer)}`);
	return { status: answer.status, data: answer.data as [D] extends [never] ? FailureData<R> : D };
}

/** An action's answer that must not be a fail(...): what it returned, without the failure types. */
export function success<R>(answer: R): Exclude<R, ActionFailure<unknown>> {
	if (isActionFailure(answer)) throw new Error(`expected the action to succeed, but it failed with ${answer.status}`);
	return answer as Exclude<R, ActionFailure<unknown>>;
}
