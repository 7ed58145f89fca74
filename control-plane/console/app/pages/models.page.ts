import { h } from 'preact';
import { Code, EmptyState, ErrorNote, Loading, PageHeader, RelTime, Section, TableWrap } from '../components/ui.ts';
import { PushModelForm } from '../forms/push-model-form.ts';
import { useResource, useTicker } from '../hooks/use-resource.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage } from './page-registry.ts';

function Models() {
  const { api } = useSession();
  const now = useTicker(60_000);
  const models = useResource((signal) => api.listModels({ signal }), [], { topics: ['model'] });
  const list = models.data ?? [];
  return h('div', null,
    h(PageHeader, { title: 'Models', subtitle: 'The registry: immutable versions, their variants, and the aliases assignments follow.' }),
    h(Section, { id: 'push', title: 'Push a model' }, h(PushModelForm, null)),
    h(Section, { id: 'model-list', title: 'Registered models' },
      h(ErrorNote, { error: models.error, what: 'Could not list models' }),
      models.loading ? h(Loading, { what: 'models' })
        : list.length === 0 ? h(EmptyState, { title: 'No models yet' },
          h('p', null, 'Push an ONNX file with the form above, or from a shell: ', h(Code, null, 'edgefleet models push model.onnx --name vad --version 1'), '.'))
        : h(TableWrap, { label: 'Models' }, h('table', null,
          h('thead', null, h('tr', null, ['Model', 'Versions', 'Latest', 'Aliases', 'Updated'].map((t) => h('th', { key: t, scope: 'col' }, t)))),
          h('tbody', null, list.map((m) => h('tr', { key: m.name },
            h('td', null, h('a', { href: href(`/models/${seg(m.name)}`) }, m.name)),
            h('td', { class: 'num' }, m.versions.length),
            h('td', { class: 'mono' }, m.latestVersion ?? '—'),
            h('td', null, Object.keys(m.aliases).length === 0 ? h('span', { class: 'muted' }, 'none')
              : h('ul', { class: 'chips' }, Object.entries(m.aliases).map(([a, v]) => h('li', { key: a, class: 'chip' }, `${a} → ${v}`)))),
            h('td', null, h(RelTime, { iso: m.updatedAt, now })))))))));
}

export const page = definePage({
  id: 'models',
  path: '/models',
  title: 'Models',
  nav: { label: 'Models', order: 20 },
  component: Models,
});
