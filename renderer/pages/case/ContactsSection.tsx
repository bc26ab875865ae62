import { useEffect, useState } from 'react';
import { mayCall } from '../../../shared/permissions';
import { plural } from '../../../shared/wording';
import { CheckboxItem } from '../../components/CheckboxItem';
import { useQuery } from '../../hooks/useQuery';
import { requestFocus } from '../../routes';
import { useSession } from '../../session-context';
import { ContactEntry } from './ContactEntry';
import { LogContactForm } from './LogContactForm';

/**
 * The contact log, newest first, the way a worker reads it before picking up the phone: the
 * history comes first and the form waits behind "Log a contact" (open when a link from Today
 * asked for it). Deleted contacts are hidden unless asked for.
 */
export function ContactsSection(props: { caseId: number; today: string; onChanged: () => void; logging: boolean; noSafeAddress: boolean }) {
  const { caseId, today } = props;
  const session = useSession();
  const contacts = useQuery('contacts.list', { caseId });
  const canWrite = mayCall(session.role, 'contacts.log');
  const [logging, setLogging] = useState(props.logging);
  // Asked for again while the section is open (the C shortcut, a link from Today): open the form.
  useEffect(() => {
    if (props.logging) setLogging(true);
  }, [props.logging]);
  const [showDeleted, setShowDeleted] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = (message?: string) => {
    if (message) setDone(message);
    void contacts.reload();
    props.onChanged();
  };
  const all = contacts.data ?? [];
  const deleted = all.filter((c) => c.deletedAt).length;
  const shown = showDeleted ? all : all.filter((c) => !c.deletedAt);

  return (
    <>
      <h2 className="govuk-heading-m">Contacts</h2>
      <div role="status" aria-live="polite">
        {done ? <div className="govuk-inset-text">{done}</div> : null}
      </div>
      {canWrite ? (
        logging ? (
          <>
            <LogContactForm
              caseId={caseId}
              today={today}
              noSafeAddress={props.noSafeAddress}
              onLogged={(message) => {
                setLogging(false);
                refresh(message);
                // The form goes: focus comes back to the button that opened it, beside the confirmation.
                requestFocus('log-contact-button');
              }}
            />
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setLogging(false);
                requestFocus('log-contact-button');
              }}
            >
              Close the form
            </button>
          </>
        ) : (
          <button
            type="button"
            className="govuk-button"
            id="log-contact-button"
            onClick={() => {
              setDone(null);
              setLogging(true);
            }}
          >
            Log a contact
          </button>
        )
      ) : null}
      {contacts.data && all.length === 0 ? <p className="govuk-body">No contacts logged yet.</p> : null}
      {deleted ? (
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
          <CheckboxItem
            id="contacts-show-deleted"
            label={`Show deleted contacts (${plural(deleted, 'contact')})`}
            checked={showDeleted}
            onChange={setShowDeleted}
          />
        </div>
      ) : null}
      <ol className="govuk-list" data-testid="contact-log" aria-label="Contact history, newest first">
        {shown.map((c) => (
          <ContactEntry key={c.id} contact={c} canWrite={canWrite} onChanged={refresh} />
        ))}
      </ol>
    </>
  );
}
