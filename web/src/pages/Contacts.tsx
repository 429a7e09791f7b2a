import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { command, download, query } from '../api';
import { hasRole } from '../auth';
import { relative, when } from '../format';
import type { ContactPage, ContactView, Organization } from '../types';

/** Contacts: searched by name or address, each one with every ticket across channels. */
export default function Contacts() {
  const { id } = useParams();
  return id ? <Contact id={id} /> : <ContactList />;
}

function ContactList() {
  const [q, setQ] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [page, setPage] = useState<ContactPage | null>(null);
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (organizationId) params.set('organizationId', organizationId);
    try {
      setPage(await query<ContactPage>('/api/contacts?' + params.toString()));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [q, organizationId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void query<Organization[]>('/api/organizations').then(setOrganizations).catch(() => undefined);
  }, []);
  return (
    <section aria-labelledby="contacts-title">
      <h1 id="contacts-title">Contacts</h1>
      <form role="search" className="filters" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <input type="search" aria-label="Search contacts" placeholder="name, e-mail, phone" value={q}
               onChange={(e) => setQ(e.target.value)} />
        <select aria-label="Organization" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
          <option value="">All organizations</option>
          {organizations.map((o) => <option key={o.organizationId} value={o.organizationId}>{o.name}</option>)}
        </select>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {page && (page.items.length === 0 ? <p>No contacts.</p> : (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Identities</th><th scope="col">Organization</th></tr></thead>
          <tbody>
            {page.items.map((c) => (
              <tr key={c.contactId} data-contact={c.contactId}>
                <td><Link to={'/contacts/' + encodeURIComponent(c.contactId)}>{c.name ?? c.identities[0]?.identity ?? c.contactId}</Link></td>
                <td>{c.identities.map((i) => i.identity).join(', ')}</td>
                <td>{c.organization?.name ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function Contact({ id }: { id: string }) {
  const [contact, setContact] = useState<ContactView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mergeFrom, setMergeFrom] = useState('');
  const [identity, setIdentity] = useState('');
  const [reason, setReason] = useState('');
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  useEffect(() => {
    void query<Organization[]>('/api/organizations').then(setOrganizations).catch(() => undefined);
  }, []);
  const path = '/api/contacts/' + encodeURIComponent(id);
  const load = useCallback(async () => {
    try {
      setContact(await query<ContactView>(path));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setNotice(what);
      setError(null);
      await load();
      return true;
    } catch (e) {
      setError(what + ' failed: ' + (e as Error).message);
      return false;
    }
  };
  if (!contact) {
    return error ? <p role="alert" className="error">{error}</p> : <p aria-busy="true">Loading the contact…</p>;
  }
  return (
    <section aria-labelledby="contact-title" className="contact">
      <h1 id="contact-title">{contact.name ?? contact.identities[0]?.identity ?? contact.contactId}</h1>
      <div aria-live="polite">
        {error && <p role="alert" className="error">{error}</p>}
        {notice && <p className="notice">{notice}.</p>}
      </div>
      {contact.mergedInto && (
        <p data-testid="merged-into">Merged into{' '}
          <Link to={'/contacts/' + encodeURIComponent(contact.mergedInto)}>{contact.mergedInto.slice(0, 10)}</Link>{' '}
          <button type="button" className="secondary small"
                  onClick={() => void act('Unmerged', () => command('POST', path + '/unmerge'))}>Unmerge</button>
        </p>)}
      <dl>
        <dt>Organization</dt><dd>{contact.organization?.name ?? 'none'}</dd>
        <dt>Language</dt><dd>{contact.language ?? 'not set'}</dd>
        <dt>Identities</dt>
        <dd><ul aria-label="Identities">{contact.identities.map((i) => (
          <li key={i.identity}>{i.identity} <small>({i.kind.toLowerCase()})</small></li>))}</ul></dd>
        {contact.merged.length > 0 && <><dt>Merged into this one</dt>
          <dd>{contact.merged.map((m) => <Link key={m} to={'/contacts/' + encodeURIComponent(m)}>{m.slice(0, 10)} </Link>)}</dd></>}
      </dl>
      <h2>Tickets</h2>
      {contact.tickets.length === 0 ? <p>No tickets.</p> : (
        <table aria-label="Tickets of the contact">
          <thead><tr><th scope="col">Subject</th><th scope="col">Channel</th><th scope="col">Status</th><th scope="col">Opened</th></tr></thead>
          <tbody>
            {contact.tickets.map((t) => (
              <tr key={t.ticketId} data-ticket={t.ticketId}>
                <td><Link to={'/tickets/' + encodeURIComponent(t.ticketId)}>{t.subject}</Link></td>
                <td>{t.channel}</td><td>{t.status}</td>
                <td><time dateTime={t.openedAt} title={when(t.openedAt)}>{relative(t.openedAt)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Satisfaction</h2>
      {contact.satisfaction.length === 0 ? <p>No ratings.</p> : (
        <ul aria-label="Satisfaction ratings">{contact.satisfaction.map((r) => (
          <li key={r.ticketId}>{r.score} / 5{r.comment ? ': ' + r.comment : ''} <small>{relative(r.at)}</small></li>))}</ul>
      )}
      {hasRole('MANAGER', 'ADMIN') && !contact.mergedInto && (
        <section aria-labelledby="gdpr-title">
          <h2 id="gdpr-title">Personal data</h2>
          <button type="button" className="secondary small" onClick={() => void download(
            path + '/export', 'contact-' + contact.contactId + '.zip', 'commands')
            .then(() => setNotice('Exported; the export is recorded'))
            .catch((e: Error) => setError('Export failed: ' + e.message))}>Export everything held (ZIP)</button>
          <form onSubmit={(e) => {
            e.preventDefault();
            if (!window.confirm('Erase this contact and the personal data of their tickets? This cannot be undone.')) return;
            void act('Erased', () => command('POST', path + '/erasure', { reason: reason.trim() }))
              .then((done) => { if (done) setReason(''); });
          }}>
            <input aria-label="Reason for the erasure" placeholder="reason (the request's reference)" value={reason}
                   onChange={(e) => setReason(e.target.value)} required />
            <button type="submit" className="small">Erase this contact</button>
          </form>
        </section>
      )}
      {!contact.mergedInto && (
        <>
          <h2>Change</h2>
          <label>Organization{' '}
            <select value={contact.organization?.organizationId ?? ''} onChange={(e) => void act('Organization set',
              () => command('PATCH', path, { organizationId: e.target.value }))}>
              <option value="">none</option>
              {organizations.map((o) => <option key={o.organizationId} value={o.organizationId}>{o.name}</option>)}
            </select>
          </label>
          <form onSubmit={(e) => {
            e.preventDefault();
            void act('Identity added', () => command('POST', path + '/identities', { identity: identity.trim() }))
              .then((done) => { if (done) setIdentity(''); });
          }}>
            <input aria-label="Add an identity" placeholder="e-mail, +phone, messenger:id" value={identity}
                   onChange={(e) => setIdentity(e.target.value)} required />
            <button type="submit" className="small">Add identity</button>
          </form>
          <form onSubmit={(e) => {
            e.preventDefault();
            void act('Merged', () => command('POST', path + '/merge', { from: mergeFrom.trim() }))
              .then((done) => { if (done) setMergeFrom(''); });
          }}>
            <input aria-label="Contact to merge into this one" placeholder="contact id" value={mergeFrom}
                   onChange={(e) => setMergeFrom(e.target.value)} required />
            <button type="submit" className="small">Merge into this contact</button>
          </form>
        </>
      )}
    </section>
  );
}
