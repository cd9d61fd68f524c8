// Plain forms: the application page works as it is sent, and a phone loads no JavaScript for it
// (adding documents, with its resumable upload, is a page of its own).
export const csr = false;
