import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { command } from '../api';
import type { FieldDefinition } from '../types';

const ENTITIES: FieldDefinition['entity'][] = ['TICKET', 'CONTACT', 'ORGANIZATION'];
const TYPES: FieldDefinition['type'][] = ['TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'CHECKBOX'];

const selectType = (type: string) => type === 'SELECT' || type === 'MULTI_SELECT';

/** Options written one per line as `id = Label` (a line without `=` uses its text as both). */
function parseOptions(text: string): { id: string; label: string }[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? { id: line, label: line } : { id: line.slice(0, at).trim(), label: line.slice(at + 1).trim() };
  });
}

const writeOptions = (options: { id: string; label: string }[]) =>
  options.map((o) => `${o.id} = ${o.label}`).join('\n');

/** One defined field: its label and options renamed, options added (never removed, so old values stay readable). */
function FieldRow({ field, onSaved, onError }: {
  field: FieldDefinition; onSaved: () => void; onError: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(field.label);
  const [options, setOptions] = useState(writeOptions(field.options));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await command('PUT', '/api/admin/fields/' + encodeURIComponent(field.key),
                    { label, options: selectType(field.type) ? parseOptions(options) : null });
      setEditing(false);
      onSaved();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <tr data-field={field.key}>
      <td><code>{field.key}</code></td>
      <td>{field.entity.toLowerCase()}</td>
      <td>{field.type.toLowerCase().replace('_', '-')}</td>
      <td colSpan={editing ? 2 : 1}>
        {editing ? (
          <form onSubmit={(e) => void save(e)} aria-label={'Change ' + field.key}>
            <label>Label <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} /></label>
            {selectType(field.type) && (
              <label>Options, one per line as <code>id = Label</code> (rename or add; none can be removed)
                <textarea rows={Math.max(3, field.options.length + 1)} value={options}
                          onChange={(e) => setOptions(e.target.value)} spellCheck={false} />
              </label>)}
            <div className="buttons">
              <button type="submit" className="small">Save</button>
              <button type="button" className="secondary small" onClick={() => setEditing(false)}>Cancel</button>
            </div>
          </form>) : field.label}
      </td>
      {!editing && (
        <td>
          {field.options.map((o) => o.label).join(', ') || '—'}
          {' '}<button type="button" className="secondary small" onClick={() => setEditing(true)}>Change</button>
        </td>)}
    </tr>
  );
}

/** Custom fields (ADMIN): the definitions for tickets, contacts and organizations; a new one defined. */
export default function FieldsAdmin() {
  const [fields, setFields] = useState<FieldDefinition[]>([]);
  const [draft, setDraft] = useState({ key: '', entity: 'TICKET', label: '', type: 'TEXT', options: '' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    command<FieldDefinition[]>('GET', '/api/fields').then(setFields).catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const define = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await command('POST', '/api/admin/fields', {
        key: draft.key, entity: draft.entity, label: draft.label, type: draft.type,
        options: selectType(draft.type) ? parseOptions(draft.options) : null,
      });
      setSaved(draft.key);
      setDraft({ ...draft, key: '', label: '', options: '' });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="fields-admin-title">
      <h2 id="fields-admin-title">Custom fields</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {saved && <p role="status">Field {saved} defined.</p>}
      <table>
        <thead><tr><th scope="col">Key</th><th scope="col">For</th><th scope="col">Type</th><th scope="col">Label</th>
          <th scope="col">Options</th></tr></thead>
        <tbody>
          {fields.map((f) => <FieldRow key={f.key + f.label + writeOptions(f.options)} field={f} onSaved={load}
                                       onError={setError} />)}
        </tbody>
      </table>
      <form onSubmit={(e) => void define(e)} aria-labelledby="field-new-title">
        <h3 id="field-new-title">Define a field</h3>
        <div className="grid">
          <label>Key (lower-case letters, digits, _)
            <input value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} required
                   pattern="[a-z][a-z0-9_]{0,39}" />
          </label>
          <label>Label
            <input value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} required />
          </label>
          <label>For
            <select value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })}>
              {ENTITIES.map((entity) => <option key={entity} value={entity}>{entity.toLowerCase()}</option>)}
            </select>
          </label>
          <label>Type
            <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
              {TYPES.map((type) => <option key={type} value={type}>{type.toLowerCase().replace('_', '-')}</option>)}
            </select>
          </label>
        </div>
        {selectType(draft.type) && (
          <label>Options, one per line as <code>id = Label</code>
            <textarea rows={4} value={draft.options} onChange={(e) => setDraft({ ...draft, options: e.target.value })}
                      spellCheck={false} />
          </label>)}
        <button type="submit">Define field</button>
      </form>
    </section>
  );
}
