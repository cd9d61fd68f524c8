export type FileInputErrorCode = 'empty' | 'too_large' | 'not_image' | 'heic' | 'too_many_pixels' | 'corrupt' | 'too_many';

/**
 * An upload the user has to fix. The message is already in the request's language, so a route
 * shows it at the field as it is (e.g. `setError(form, 'photos', e.message)`); anything else
 * thrown while reading a file is our bug, not theirs.
 */
export class FileInputError extends Error {
	readonly code: FileInputErrorCode;

	constructor(code: FileInputErrorCode, message: string) {
		super(message);
		this.name = 'FileInputError';
		this.code = code;
	}
}
