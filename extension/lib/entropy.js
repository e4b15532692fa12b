// Shannon entropy in bits per character, the same figure as companion/entropy.py.

export function shannonEntropy(value) {
  if (!value) return 0;
  const counts = new Map();
  let total = 0;
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) || 0) + 1);
    total += 1;
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Length in characters (code points), as Python's len() counts them. */
export function charLength(value) {
  let n = 0;
  for (const _ of value || "") n += 1;
  return n;
}
