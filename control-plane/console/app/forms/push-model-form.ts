import { h } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { modelNameSchema, variantSchema, versionSchema, type ModelVersion, type Variant } from '../protocol.ts';
import { DoneNote, ErrorNote, Field, ReadOnlyNote, valueOf } from '../components/ui.ts';
import { formatBytes } from '../format.ts';
import { useAction } from '../hooks/use-resource.ts';
import { href, seg } from '../router.ts';
import { useSession } from '../session.ts';

/** A model name guessed from a file name: `Silero_VAD_v5.onnx` -> `silero_vad_v5`. */
export function nameFromFile(fileName: string): string {
  return fileName.replace(/\.onnx$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 64);
}

/** The first problem with a value, in the protocol schema's own words, or null. */
function problem(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: string): string | null {
  if (!value) return null;
  const r = schema.safeParse(value);
  return r.success ? null : (r.error?.issues[0]?.message ?? 'invalid');
}

/**
 * Push an ONNX file as a new immutable version: raw bytes as `application/octet-stream` (the API
 * takes no multipart), with upload progress. The server inspects, stores and signs it.
 */
export function PushModelForm(props: { onPushed?: (v: ModelVersion) => void }) {
  const { api, canWrite } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [version, setVersion] = useState('');
  const [variant, setVariant] = useState<Variant>('fp32');
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [pushed, setPushed] = useState<ModelVersion | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const nameProblem = problem(modelNameSchema, name);
  const versionProblem = problem(versionSchema, version);

  const push = useAction(async () => {
    if (!file) throw new Error('choose an ONNX file first');
    setPushed(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const created = await api.pushVersion({ name, version, variant, file, onProgress: (loaded, total) => setProgress({ loaded, total }) });
      setPushed(created);
      props.onPushed?.(created);
      return `Pushed ${created.name}:${created.version} (${variant}, ${formatBytes(file.size)}).`;
    } finally {
      setProgress(null);
    }
  });

  const ready = Boolean(file && name && version && !nameProblem && !versionProblem);
  const uploading = progress !== null;
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return h('form', { 'aria-label': 'Push a model', onSubmit: (e: Event) => { e.preventDefault(); void push.run(); } },
    h('div', { class: 'form-grid' },
      h(Field, { id: 'push-file', label: 'ONNX file' },
        h('input', {
          id: 'push-file', ref: fileInput, type: 'file', accept: '.onnx,application/octet-stream', disabled: uploading,
          onChange: (e) => {
            const f = e.currentTarget.files?.[0] ?? null;
            setFile(f);
            if (f && !nameTouched) setName(nameFromFile(f.name));
          },
        })),
      h(Field, { id: 'push-name', label: 'Model name', hint: nameProblem ?? 'lowercase letters, digits, ".", "_", "-"' },
        h('input', { id: 'push-name', type: 'text', value: name, 'aria-invalid': nameProblem ? 'true' : undefined, 'aria-describedby': 'push-name-hint',
          onInput: (e) => { setName(e.currentTarget.value.trim()); setNameTouched(true); } })),
      h(Field, { id: 'push-version', label: 'Version', hint: versionProblem ?? 'immutable once pushed, e.g. 5 or 2024.06.1' },
        h('input', { id: 'push-version', type: 'text', value: version, 'aria-invalid': versionProblem ? 'true' : undefined, 'aria-describedby': 'push-version-hint',
          onInput: (e) => setVersion(e.currentTarget.value.trim()) })),
      h(Field, { id: 'push-variant', label: 'Variant' },
        h('select', { id: 'push-variant', value: variant, onChange: (e: Event) => setVariant(variantSchema.parse(valueOf(e))) },
          variantSchema.options.map((v) => h('option', { key: v, value: v }, v))))),
    h('div', { class: 'form-actions' },
      h('button', {
        type: 'submit', class: 'primary', disabled: !canWrite || !ready || push.busy,
        'aria-describedby': canWrite ? undefined : 'push-read-only',
      }, push.busy ? 'Pushing…' : 'Push model'),
      !canWrite ? h(ReadOnlyNote, { id: 'push-read-only', what: 'Pushing models needs an admin token.' }) : null),
    uploading ? h('div', { class: 'upload-status' },
      h('progress', { max: 100, value: pct, 'aria-label': 'Upload progress' }),
      h('p', { role: 'status', class: 'hint' }, progress.loaded < progress.total
        ? `Uploading ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} (${pct}%)…`
        : 'Uploaded; the control plane is inspecting and signing the model…')) : null,
    h(ErrorNote, { error: push.error, what: 'Push failed' }),
    h(DoneNote, { message: push.done }),
    pushed ? h('p', null, h('a', { href: href(`/models/${seg(pushed.name)}`, { version: pushed.version }) }, `Open ${pushed.name}:${pushed.version}`)) : null);
}
