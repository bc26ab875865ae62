/** Letters to a victim: a worker's to preview, make and confirm as sent (the safe address is in them). */
import { unsafeContactRules } from '../../../../shared/safe-contact';
import { safeProfileOf } from '../../records/contacts';
import { confirmLetterSent, filledLetter, generateLetter } from '../../records/letters';
import { fieldWords } from '../../../../shared/letters';
import type { FeatureChannels } from '../channel';
import { recordView, writeContext } from '../context';

export const lettersChannels: FeatureChannels<'letters.preview' | 'letters.generate' | 'letters.confirmSent'> = {
  'letters.preview': {
    run(session, { caseId, kind }) {
      recordView(session, caseId, 'letters');
      const ctx = writeContext(session);
      const { letter, language, empty } = filledLetter(ctx, caseId, kind);
      return {
        letter,
        language,
        emptyFields: empty.map(fieldWords),
        unsafe: unsafeContactRules(safeProfileOf(ctx.db, caseId), { method: 'letter' }).map((r) => r.message),
      };
    },
  },
  'letters.generate': {
    run: (session, { caseId, kind, format, overrideReason, emptyFieldReason }) =>
      generateLetter(
        writeContext(session),
        caseId,
        kind,
        format,
        { overrideReason: overrideReason || null, emptyFieldReason: emptyFieldReason || null },
        (name) => session.choose('letter-file', name),
        session.files,
      ),
  },
  'letters.confirmSent': {
    run: (session, { caseId, kind, date, overrideReason }) => ({
      contactId: confirmLetterSent(writeContext(session), caseId, kind, date, overrideReason ? overrideReason : null),
    }),
  },
};
