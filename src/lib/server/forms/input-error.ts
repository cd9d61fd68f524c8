/**
 * Input a person must fix: the route shows `message` at `field` ('' = above the form). Services
 * of every domain throw it (or a subclass); anything else they throw is a real failure.
 */
export class InputError extends Error {
	readonly field: string;
	constructor(field: string, message: string) {
		super(message);
		this.name = 'InputError';
		this.field = field;
	}
}
