import * as esbuild from 'esbuild';
const t = performance.now();
const r = await esbuild.build({ entryPoints: ['/work/main/.spike/entry.ts'], bundle: true, write: true, outdir: '/work/main/.spike/out', format: 'esm', splitting: true, platform: 'browser', target: ['chrome111'], minify: true, metafile: true, logLevel: 'warning', absWorkingDir: '/work/main' });
console.log(Math.round(performance.now() - t), 'ms');
for (const [k, v] of Object.entries(r.metafile.outputs)) console.log(k, v.bytes);
const ins = Object.keys(r.metafile.inputs); console.log(ins.filter(i => !i.startsWith('node_modules/')), ins.filter(i=>i.startsWith('node:')||!i.includes('/')));
