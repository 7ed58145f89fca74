/** The console's one HTML page; everything else is the bundle it loads. */
export function renderIndexHtml(assets: { script: string; style: string; icon: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>edgefleet console</title>
<link rel="icon" href="${assets.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.style}">
<script type="module" src="${assets.script}"></script>
</head>
<body>
<div id="app"><noscript>The edgefleet console needs JavaScript. The REST API is described at <a href="/openapi.json">/openapi.json</a>.</noscript></div>
</body>
</html>
`;
}

/**
 * Everything the page needs comes from this origin: no CDN, no inline script or style. The live
 * feed is a same-origin WebSocket, which `connect-src 'self'` covers (CSP Level 3).
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
