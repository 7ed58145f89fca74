import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { h, render } from 'preact';
import { ConsoleApp } from './console-app.ts';
import { checkPages, type PageDefinition } from './pages/page-registry.ts';

/**
 * Browser entry. The build generates the caller: it imports every `pages/*.page.ts` and passes
 * their `page` exports here (control-plane/console/build-console.ts).
 */
export function startConsole(pages: readonly PageDefinition[]): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('the console needs an element with id "app"');
  root.textContent = '';
  render(h(ConsoleApp, { pages: checkPages(pages) }), root);
}
