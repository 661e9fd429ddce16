// Solves the waiting room's proof-of-work challenge in a Web Worker. Resolves null where the browser
// cannot (no Worker, no Web Crypto outside a secure context): the page then offers the paced wait.
export function supported() {
    return typeof Worker !== 'undefined' && !!(globalThis.crypto && crypto.subtle);
}

// The check under way, so that stop() can end it.
let running = null;

export function solve(challenge, difficulty) {
    if (!supported()) {
        return Promise.resolve(null);
    }
    return new Promise((resolve) => {
        const worker = new Worker(new URL('./proof-of-work-worker.js', import.meta.url));
        const finish = (result) => {
            worker.terminate();
            if (running === finish) {
                running = null;
            }
            resolve(result);
        };
        running = finish;
        worker.onmessage = (event) => finish(event.data);
        worker.onerror = () => finish(null);
        worker.postMessage({ challenge, difficulty });
    });
}

// The customer chose the paced wait: the worker stops using the phone's processor, and solve() answers null.
export function stop() {
    running?.(null);
}
