/**
 * Input a person must fix on a finance desk form: the route shows `message` at `field`
 * ('' = above the form). Anything else a fees service throws is a real failure.
 */
export class FeesInputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'FeesInputError';
		this.field = field;
	}
}
