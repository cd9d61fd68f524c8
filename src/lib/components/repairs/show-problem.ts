import { tick } from 'svelte';

/**
 * Where focus goes after a task page's post was refused: to the messages above the form when the
 * whole form was refused (TaskHeader's .top-messages), else to the first field with a message.
 */
export async function showProblem(formElement: HTMLFormElement): Promise<void> {
	await tick();
	const top = document.querySelector<HTMLElement>('.top-messages');
	const field = formElement.querySelector<HTMLElement>('[aria-invalid="true"]');
	if (field && !top?.querySelector('.alert')) field.focus();
	else top?.focus();
}
