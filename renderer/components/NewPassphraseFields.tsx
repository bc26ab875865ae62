import { PASSPHRASE_RULE_TEXT } from '../../shared/passphrase-rules';
import { TextField } from './TextField';

/** A new passphrase typed twice, with the rule as its hint: first unlock, recovery and Security settings. */
export function NewPassphraseFields({
  values,
  set,
  fieldError,
}: {
  values: { newPassphrase: string; newPassphraseConfirm: string };
  set: (key: 'newPassphrase' | 'newPassphraseConfirm') => (value: string) => void;
  fieldError: (field: string) => string | undefined;
}) {
  return (
    <>
      <TextField
        id="newPassphrase"
        label="New passphrase"
        hint={PASSPHRASE_RULE_TEXT}
        type="password"
        value={values.newPassphrase}
        onChange={set('newPassphrase')}
        error={fieldError('newPassphrase')}
        autoComplete="new-password"
      />
      <TextField
        id="newPassphraseConfirm"
        label="Type the new passphrase again"
        type="password"
        value={values.newPassphraseConfirm}
        onChange={set('newPassphraseConfirm')}
        error={fieldError('newPassphraseConfirm')}
        autoComplete="new-password"
      />
    </>
  );
}
