// Finds a nonce such that SHA-256("challenge:nonce") starts with `difficulty` zero bits; the server
// checks the same rule (ProofOfWorkRules.IsSolution). Runs off the page's thread so the page stays responsive.
// Digests are asked for in batches: crypto.subtle answers asynchronously, and waiting for each alone is slow.
const encoder = new TextEncoder();
const batchSize = 512;

function leadingZeroBits(bytes) {
    let bits = 0;
    for (const b of bytes) {
        if (b !== 0) {
            return bits + Math.clz32(b) - 24;
        }
        bits += 8;
    }
    return bits;
}

self.onmessage = async (event) => {
    const { challenge, difficulty } = event.data;
    const started = performance.now();
    for (let start = 0; ; start += batchSize) {
        const nonces = Array.from({ length: batchSize }, (_, i) => start + i);
        const digests = await Promise.all(nonces.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${n}`))));
        const found = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= difficulty);
        if (found >= 0) {
            self.postMessage({ nonce: String(nonces[found]), hashes: start + found + 1, milliseconds: performance.now() - started });
            return;
        }
    }
};
