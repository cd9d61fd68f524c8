// Read far more than acted on, and its forms are plain posts: no JavaScript.
export const csr = false;
