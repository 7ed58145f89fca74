import type { Locator } from 'playwright-core';

/**
 * How many pixels of a chart's canvas are drawn in this colour (within `tolerance` per channel,
 * any opacity): proof that a series was really drawn, not only that a canvas element exists.
 * uPlot draws series, grid and axes on one canvas with a transparent background, so the series'
 * own colour is what tells them apart.
 */
export function countPixels(chart: Locator, hex: string, tolerance = 12): Promise<number> {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return chart.evaluate((el, { rgb, tolerance }) => {
    const canvas = el.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0) return 0;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 60 && Math.abs(data[i]! - rgb[0]!) <= tolerance && Math.abs(data[i + 1]! - rgb[1]!) <= tolerance && Math.abs(data[i + 2]! - rgb[2]!) <= tolerance) n++;
    }
    return n;
  }, { rgb, tolerance });
}
