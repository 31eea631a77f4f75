/** Deterministic pseudo-random numbers, so a failing cut can be replayed. */
export function rng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** Cut `bytes` at random places into chunks of 1..maxChunk bytes, as a socket may deliver them. */
export function randomCuts(bytes: Buffer, rand: () => number, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * maxChunk);
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return chunks;
}
