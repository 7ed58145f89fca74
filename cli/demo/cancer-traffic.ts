import { loadBreastCancer, splitRows, type LabelledRows } from './breast-cancer-model.ts';

/**
 * Rows for the cancer demo model: held-out patients, with three measurements (mean radius, mean
 * texture, worst area) drifting up to `maxShift` standard deviations as a miscalibrated scanner
 * would, so the drift page shows real drift on real data and accuracy falls with it.
 */
export function cancerRows(maxShift = 2): (progress: number, random: () => number) => { inputs: Record<string, number[]>; label: number } {
  const { heldOut } = splitRows(loadBreastCancer(), 0.5);
  const drifting = [0, 1, 23];
  const std = drifting.map((j) => spread(heldOut, j));
  return (progress, random) => {
    const i = Math.floor(random() * heldOut.x.length);
    const x = heldOut.x[i]!.map((v, j) => {
      const k = drifting.indexOf(j);
      return k < 0 ? v : v + maxShift * progress * std[k]!;
    });
    return { inputs: { input: x }, label: heldOut.y[i]! };
  };
}

function spread(rows: LabelledRows, j: number): number {
  const n = rows.x.length;
  const mean = rows.x.reduce((s, r) => s + r[j]!, 0) / n;
  return Math.sqrt(rows.x.reduce((s, r) => s + (r[j]! - mean) ** 2, 0) / (n - 1));
}
