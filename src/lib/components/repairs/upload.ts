// Posts a form to its SvelteKit form action with XMLHttpRequest, because fetch cannot report
// upload progress. The action answers exactly as it does to use:enhance (an ActionResult), so the
// server's validation and messages are the same with and without JavaScript.
import { deserialize, type ActionResult } from '$app/forms';
import type { PreparedPhoto } from './photo-prep.ts';

class UploadFailedError extends Error {}

/** The form's fields as the browser would send them, with the prepared photos in place of the file input's. */
export function formBody(form: HTMLFormElement, field: string, photos: readonly PreparedPhoto[], submitter?: HTMLElement | null): FormData {
	const body = new FormData(form, submitter instanceof HTMLButtonElement ? submitter : undefined);
	body.delete(field);
	for (const photo of photos) body.append(field, photo.blob, photo.name);
	return body;
}

export function postAction(action: string, body: FormData, onProgress: (sent: number, total: number) => void): Promise<ActionResult> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', action);
		xhr.setRequestHeader('accept', 'application/json');
		xhr.setRequestHeader('x-sveltekit-action', 'true');
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress(event.loaded, event.total);
		};
		xhr.onload = () => {
			try {
				resolve(deserialize(xhr.responseText));
			} catch {
				reject(new UploadFailedError(`HTTP ${xhr.status}`));
			}
		};
		xhr.onerror = () => reject(new UploadFailedError('network'));
		xhr.onabort = () => reject(new UploadFailedError('aborted'));
		xhr.send(body);
	});
}
