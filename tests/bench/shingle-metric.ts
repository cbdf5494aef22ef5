/**
 * The public article-extraction benchmark's metric, exactly: tokens are runs of Unicode word
 * characters, compared as multisets of 4-token shingles; per page TP/FP/FN are divided by their
 * sum so every page weighs the same; precision and recall are averaged over pages, F1 is taken
 * from the averages; accuracy is the share of pages whose token sequence matches exactly.
 */

/** Python's `\w` for str: letters, numbers (Nd, Nl, No) and the underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n).join(' ');
    if (shingle) counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** Normalized [tp, fp, fn] for one page (all zero when both texts are empty). */
export function shingleMatch(truth: string, prediction: string, n = 4): [number, number, number] {
  const t = shingles(truth, n);
  const p = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: number;
}

export function score(truth: Record<string, string>, predictions: Record<string, string>): Scores {
  const keys = Object.keys(truth);
  let precisionSum = 0;
  let precisionPages = 0;
  let recallSum = 0;
  let recallPages = 0;
  let exact = 0;
  for (const key of keys) {
    const t = truth[key] ?? '';
    const p = predictions[key] ?? '';
    const [tp, fp, fn] = shingleMatch(t, p);
    if (tokenize(p).length > 0) {
      precisionSum += tp + fp > 0 ? tp / (tp + fp) : 0;
      precisionPages++;
    }
    if (tokenize(t).length > 0) {
      recallSum += tp + fn > 0 ? tp / (tp + fn) : 0;
      recallPages++;
    }
    if (tokenize(t).join(' ') === tokenize(p).join(' ')) exact++;
  }
  const precision = precisionPages ? precisionSum / precisionPages : 0;
  const recall = recallPages ? recallSum / recallPages : 0;
  return {
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: keys.length ? exact / keys.length : 0,
    pages: keys.length,
  };
}
