// A list to read: the page works as it is sent, and a phone loads no JavaScript for it.
export const csr = false;
