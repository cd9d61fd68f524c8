/**
 * The attributes that tie a form field to its message (FieldError renders it as `${id}-error`):
 * marked invalid and described by the message while there is one.
 */
export function fieldAria(error: string | undefined, id: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	return error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {};
}
