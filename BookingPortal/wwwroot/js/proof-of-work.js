// Solves the waiting room's proof-of-work challenge in a Web Worker. Resolves null where the browser
// cannot (no Worker, no Web Crypto outside a secure context): the page then offers the paced wait.
export function supported() {
    return typeof Worker !== 'undefined' && !!(globalThis.crypto && crypto.subtle);
}

export function solve(challenge, difficulty) {
    if (!supported()) {
        return Promise.resolve(null);
    }
    return new Promise((resolve) => {
        const worker = new Worker(new URL('./proof-of-work-worker.js', import.meta.url));
        worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
        worker.onerror = () => { worker.terminate(); resolve(null); };
        worker.postMessage({ challenge, difficulty });
    });
}
