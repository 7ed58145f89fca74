/**
 * Colours of canvas-drawn series. Canvas cannot read CSS variables, so these repeat styles.css;
 * a module of their own so tests can look for them in pixels without loading uPlot.
 */
export const HISTOGRAM_COLORS = { current: '#2f5fc4', reference: '#1b2330' } as const;
