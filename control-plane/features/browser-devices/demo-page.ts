/**
 * The demo page at `/demo/vad`: Silero VAD running in the page through the browser runtime, on a
 * synthesized clip or the microphone. Everything it loads comes from this origin. WebAssembly needs
 * `'wasm-unsafe-eval'` (CSP Level 3) to compile; the page has no inline script or style.
 */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DEMO_STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1b2330; background: #f6f7fb; }
main { max-width: 760px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
p.lead { margin: 0 0 20px; color: #4a5568; }
section { background: #fff; border: 1px solid #dde2ec; border-radius: 8px; padding: 16px; margin-bottom: 16px; }
label { display: block; font-weight: 600; margin: 8px 0 4px; }
input { width: 100%; box-sizing: border-box; padding: 6px 8px; font: inherit; border: 1px solid #b8c0cf; border-radius: 4px; }
button { font: inherit; padding: 6px 14px; margin: 10px 8px 0 0; border-radius: 4px; border: 1px solid #1f3a7a; background: #1f3a7a; color: #fff; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dt { color: #4a5568; }
dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
canvas { width: 100%; height: 120px; display: block; background: #0f1729; border-radius: 4px; }
ol { margin: 8px 0 0; padding-left: 20px; }
.muted { color: #6b7385; }
`;

export function renderDemoPage(assets: { script: string; style: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>edgefleet · voice activity in the browser</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.style}">
<script type="module" src="${assets.script}"></script>
</head>
<body>
<main>
<h1>Voice activity detection, in this page</h1>
<p class="lead">Silero VAD runs here on onnxruntime-web. This browser joins the fleet as a device: the
model arrives through its desired state, is verified before use, and every prediction is summarised
and reported. Open the console's Devices page to see it.</p>
<section aria-labelledby="enroll-title">
<h2 id="enroll-title">1. Join the fleet</h2>
<form id="enroll-form">
<label for="enroll-token">Enrollment token <span class="muted">(only the first time; the credential is kept in this browser)</span></label>
<input id="enroll-token" name="token" autocomplete="off" spellcheck="false">
<label for="device-name">Device name</label>
<input id="device-name" name="name" value="browser demo">
<button id="connect" type="submit">Connect</button>
</form>
</section>
<section aria-labelledby="status-title">
<h2 id="status-title">2. Device</h2>
<dl id="status" aria-live="polite"><dt>State</dt><dd id="state">not connected</dd></dl>
</section>
<section aria-labelledby="run-title">
<h2 id="run-title">3. Detect speech</h2>
<p class="muted">The model named <code>vad</code> must be assigned to this device: in the console (Fleets &amp; assignments),
or <code>PUT /v1/assignments/vad-browsers</code> with <code>{"model": "vad", "alias": "prod", "selector": "platform=browser"}</code>.</p>
<button id="run-clip" type="button" disabled>Run on the bundled clip</button>
<button id="run-mic" type="button" disabled>Use the microphone</button>
<canvas id="plot" width="720" height="120" aria-label="speech probability over time"></canvas>
<p id="result" aria-live="polite" class="muted">No run yet.</p>
<ol id="segments"></ol>
</section>
</main>
</body>
</html>
`;
}
