// The case page is read far more often than acted on, so it sends no JavaScript: its forms are
// plain posts the server answers. The tasks that need a script (drawing a signature, shrinking
// photos before upload) are pages of their own: sign-off/ and comment/.
export const csr = false;
