import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { ModelVersion, TensorSpec, VariantInfo } from '../protocol.ts';
import { ApiError } from '../api/api-client.ts';
import { Badge, EmptyState, ErrorNote, Facts, Loading, PageHeader, Section, StatusBadge, TableWrap } from '../components/ui.ts';
import { AliasForm } from '../forms/alias-form.ts';
import { dateTime, formatBytes, formatShape, formatValue, shortHash } from '../format.ts';
import { useResource } from '../hooks/use-resource.ts';
import { href, replaceQuery, seg } from '../router.ts';
import { useSession } from '../session.ts';
import { definePage, type PageProps } from './page-registry.ts';

function Tensors(props: { label: string; tensors: TensorSpec[] }) {
  return h(TableWrap, { label: props.label }, h('table', null,
    h('caption', { class: 'sr-only' }, props.label),
    h('thead', null, h('tr', null, ['Name', 'Datatype', 'Shape'].map((t) => h('th', { key: t, scope: 'col' }, t)))),
    h('tbody', null, props.tensors.map((t) => h('tr', { key: t.name },
      h('td', { class: 'mono' }, t.name), h('td', null, t.datatype), h('td', { class: 'mono' }, formatShape(t.shape)))))));
}

/** Evidence is what a variant's build measured (accuracy against fp32, speed); shown as it came. */
function Evidence(props: { evidence: VariantInfo['evidence'] }) {
  const entries = Object.entries(props.evidence ?? {});
  if (entries.length === 0) return h('span', { class: 'muted' }, '—');
  return h('dl', { class: 'evidence' }, entries.flatMap(([k, v]) => [h('dt', { key: `${k}-k` }, k), h('dd', { key: `${k}-v` }, formatValue(v))]));
}

function Variants(props: { variants: VariantInfo[] }) {
  if (props.variants.length === 0) return h(EmptyState, { title: 'No variants' });
  return h(TableWrap, { label: 'Variants' }, h('table', null,
    h('thead', null, h('tr', null, ['Variant', 'Size', 'Status', 'sha256', 'Signed', 'Evidence'].map((t) => h('th', { key: t, scope: 'col' }, t)))),
    h('tbody', null, props.variants.map((v) => h('tr', { key: v.variant },
      h('td', null, v.variant), h('td', { class: 'num' }, formatBytes(v.size)), h('td', null, h(StatusBadge, { status: v.status })),
      h('td', { class: 'mono', title: v.sha256 }, shortHash(v.sha256)),
      h('td', null, v.signed ? h(Badge, { tone: 'ok', title: `key ${v.signed.keyId}` }, 'signed') : h(Badge, { tone: 'muted' }, 'unsigned')),
      h('td', null, h(Evidence, { evidence: v.evidence })))))));
}

function VersionDetails(props: { v: ModelVersion }) {
  const { v } = props;
  return h('div', null,
    h(Facts, { items: [
      ['Created', dateTime(v.createdAt)], ['By', v.createdBy ?? '—'], ['Opset', String(v.opset)], ['Producer', v.producer ?? '—'],
      ['Aliases', v.aliases.length === 0 ? 'none' : v.aliases.join(', ')],
    ] }),
    h('div', { class: 'grid mt' },
      h('div', null, h('h3', null, 'Inputs'), h(Tensors, { label: 'Inputs', tensors: v.inputs })),
      h('div', null, h('h3', null, 'Outputs'), h(Tensors, { label: 'Outputs', tensors: v.outputs }))),
    h('h3', null, 'Variants'),
    h(Variants, { variants: v.variants }));
}

function ModelDetail(props: PageProps) {
  const { api } = useSession();
  const name = props.params.name ?? '';
  const [picked, setPicked] = useState(props.query.get('version') ?? '');
  const forThis = { topics: ['model'], when: (c: { id?: string }) => c.id === name || (c.id ?? '').startsWith(`${name}:`) };
  const model = useResource((signal) => api.getModel(name, { signal }), [name], forThis);
  const selected = picked && model.data?.versions.includes(picked) ? picked : model.data?.latestVersion ?? '';
  const version = useResource(async (signal) => (selected ? api.getVersion(name, selected, { signal }) : undefined), [name, selected], forThis);
  const pick = (v: string) => {
    setPicked(v);
    replaceQuery(`/models/${seg(name)}`, { version: v });
  };

  if (model.error instanceof ApiError && model.error.status === 404) {
    return h('div', null, h(PageHeader, { title: 'Model not found' }),
      h(EmptyState, { title: `No model named ${name}` }, h('p', null, 'Its last version may have been deleted. ', h('a', { href: href('/models') }, 'Back to models'))));
  }
  const m = model.data;
  return h('div', null,
    h(PageHeader, { title: name, subtitle: m ? `${m.versions.length} version${m.versions.length === 1 ? '' : 's'}, latest ${m.latestVersion ?? '—'}` : null },
      h('a', { href: href('/models') }, 'All models')),
    h(ErrorNote, { error: model.error, what: 'Could not load the model' }),
    !m ? h(Loading, { what: 'the model' }) : [
      h(Section, { key: 'aliases', id: 'aliases', title: 'Aliases' }, h(AliasForm, { model: m, defaultVersion: selected })),
      h(Section, { key: 'versions', id: 'versions', title: 'Versions' },
        h('ul', { class: 'chips version-list', 'aria-label': 'Versions' }, [...m.versions].reverse().map((v) => h('li', { key: v },
          h('button', { type: 'button', 'aria-pressed': v === selected ? 'true' : 'false', onClick: () => pick(v) },
            v, Object.entries(m.aliases).filter(([, to]) => to === v).map(([a]) => ` (${a})`).join(''))))),
        h(ErrorNote, { error: version.error, what: `Could not load version ${selected}` }),
        version.data ? h('div', { class: 'mt' }, h('h3', null, `Version ${version.data.version}`), h(VersionDetails, { v: version.data }))
          : h(Loading, { what: 'the version' })),
    ]);
}

export const page = definePage({
  id: 'model',
  path: '/models/:name',
  title: (p) => `Model ${p.name ?? ''}`,
  navParent: '/models',
  component: ModelDetail,
});
