// What a route answered when called directly: data (a load or an action's result), a Response
// (an endpoint), a thrown error or redirect, or an action's failure (fail(), superforms' setError).
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';

export type Outcome =
	| { kind: 'data'; status: 200; data: unknown }
	| { kind: 'response'; status: number; body: string }
	| { kind: 'error'; status: number; message: string }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'failure'; status: number; data: unknown };

export async function outcomeOf(run: () => unknown): Promise<Outcome> {
	try {
		const result = await run();
		if (result instanceof Response) {
			// The body is read (a file is streamed), so that nothing is left pending.
			const body = result.headers.get('content-type')?.startsWith('text/')
				? await result.text()
				: `${(await result.arrayBuffer()).byteLength} bytes`;
			return { kind: 'response', status: result.status, body };
		}
		if (isActionFailure(result)) return { kind: 'failure', status: result.status, data: result.data };
		return { kind: 'data', status: 200, data: result };
	} catch (err) {
		if (isRedirect(err)) return { kind: 'redirect', status: err.status, location: err.location };
		if (isHttpError(err)) return { kind: 'error', status: err.status, message: String(err.body?.message ?? '') };
		throw err;
	}
}

/** One line for a test's failure message. */
export function describeOutcome(outcome: Outcome): string {
	switch (outcome.kind) {
		case 'data':
			return `200 with ${JSON.stringify(outcome.data)?.slice(0, 300)}`;
		case 'response':
			return `${outcome.status} ${outcome.body.slice(0, 200)}`;
		case 'error':
			return `${outcome.status} ${outcome.message}`;
		case 'redirect':
			return `${outcome.status} → ${outcome.location}`;
		case 'failure':
			return `${outcome.status} failure ${JSON.stringify(outcome.data)?.slice(0, 600)}`;
	}
}
