import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { aliasSchema, type ModelSummary } from '../protocol.ts';
import { Badge, DoneNote, ErrorNote, Field, ReadOnlyNote, valueOf } from '../components/ui.ts';
import { useAction } from '../hooks/use-resource.ts';
import { useSession } from '../session.ts';

/**
 * Point an alias at a version (create or move it), or remove one. Devices whose assignments
 * follow the alias get the new version through their desired state.
 */
export function AliasForm(props: { model: ModelSummary; defaultVersion?: string }) {
  const { api, canWrite } = useSession();
  const { model } = props;
  const [alias, setAlias] = useState('production');
  const [version, setVersion] = useState(props.defaultVersion ?? model.latestVersion ?? '');
  useEffect(() => { if (props.defaultVersion) setVersion(props.defaultVersion); }, [props.defaultVersion]);
  const aliasProblem = alias && !aliasSchema.safeParse(alias).success ? aliasSchema.safeParse(alias).error?.issues[0]?.message ?? 'invalid alias' : null;
  const current = model.aliases[alias];

  const move = useAction(async () => {
    await api.setAlias(model.name, alias, version);
    return current ? `Moved ${alias} from ${current} to ${version}.` : `${alias} now points at ${version}.`;
  });
  const remove = useAction(async (name: string) => {
    await api.deleteAlias(model.name, name);
    return `Removed alias ${name}.`;
  });
  const reason = canWrite ? undefined : 'alias-read-only';

  return h('div', null,
    Object.keys(model.aliases).length === 0 ? h('p', { class: 'muted' }, 'No aliases yet. Assignments can follow an alias such as production instead of a fixed version.')
      : h('ul', { class: 'audit-list', 'aria-label': 'Aliases' }, Object.entries(model.aliases).map(([a, v]) => h('li', { key: a },
        h(Badge, { tone: 'info' }, a), h('span', null, '→ ', h('span', { class: 'mono' }, v)),
        h('button', { type: 'button', class: 'danger', disabled: !canWrite || remove.busy, 'aria-describedby': reason, 'aria-label': `Remove alias ${a}`,
          onClick: () => void remove.run(a) }, 'Remove')))),
    h('form', { 'aria-label': 'Move an alias', onSubmit: (e: Event) => { e.preventDefault(); void move.run(); } },
      h('div', { class: 'form-grid' },
        h(Field, { id: 'alias-name', label: 'Alias', hint: aliasProblem ?? (current ? `now → ${current}` : 'new alias') },
          h('input', { id: 'alias-name', type: 'text', list: 'alias-names', value: alias, 'aria-invalid': aliasProblem ? 'true' : undefined,
            'aria-describedby': 'alias-name-hint', onInput: (e) => setAlias(e.currentTarget.value.trim()) }),
          h('datalist', { id: 'alias-names' }, ['production', 'candidate', 'canary', ...Object.keys(model.aliases)]
            .filter((a, i, all) => all.indexOf(a) === i).map((a) => h('option', { key: a, value: a })))),
        h(Field, { id: 'alias-version', label: 'Version' },
          h('select', { id: 'alias-version', value: version, onChange: (e: Event) => setVersion(valueOf(e)) },
            [...model.versions].reverse().map((v) => h('option', { key: v, value: v }, v))))),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'primary', disabled: !canWrite || move.busy || !alias || Boolean(aliasProblem) || !version, 'aria-describedby': reason },
          move.busy ? 'Moving…' : 'Move alias'),
        canWrite ? null : h(ReadOnlyNote, { id: 'alias-read-only', what: 'Moving aliases needs an admin token.' }))),
    h(ErrorNote, { error: move.error ?? remove.error, what: 'Alias not changed' }),
    h(DoneNote, { message: move.done ?? remove.done }));
}
