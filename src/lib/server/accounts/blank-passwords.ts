/** Passwords never travel back into the page: a form returned with an error shows them empty. */
export function blankPasswords<T extends Record<string, unknown>>(data: T, ...fields: (keyof T)[]): void {
	for (const field of fields) (data as Record<keyof T, unknown>)[field] = '';
}
