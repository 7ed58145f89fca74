import { chromium } from 'playwright-core';
import http from 'node:http';
const srv = http.createServer((q, s) => { s.setHeader('content-type', 'text/html'); s.end('<!doctype html><title>x</title>'); }).listen(0);
const port = srv.address().port;
for (const args of [
  ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-features=Vulkan', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
]) {
  const t = Date.now();
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  const p = await b.newPage();
  await p.goto(`http://127.0.0.1:${port}/`);
  const r = await p.evaluate(async () => {
    const out = { secure: isSecureContext, gpu: !!navigator.gpu };
    try { const k = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']); out.ed = !!k; } catch (e) { out.ed = String(e); }
    try { const a = await navigator.gpu?.requestAdapter(); out.adapter = a ? { f16: a.features.has('shader-f16'), info: a.info ? { vendor: a.info.vendor, arch: a.info.architecture, desc: a.info.description, fallback: a.info.isFallbackAdapter } : null } : null; } catch (e) { out.adapter = String(e); }
    out.cores = navigator.hardwareConcurrency; out.mem = navigator.deviceMemory; out.locks = !!navigator.locks;
    return out;
  });
  console.log(args.filter(a => !['--headless','--no-sandbox','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'].includes(a)).join(' '), JSON.stringify(r), Date.now() - t, 'ms');
  await b.close();
}
srv.close();
